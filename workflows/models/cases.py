"""Process templates and their nodes, cases running through them, the whole-process record,
decisions, payments and generated documents (执法流程与全过程记录)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition

from powers.models import Agency, Officer, Power


class ProcessTemplate(models.Model):
    """The fixed process of a power (执法流程), versioned, reviewed and registered like powers.

    Ready-made templates have no agency and no power: filers copy and adapt them.
    """

    class Kind(models.TextChoices):
        GENERAL_PENALTY = "general_penalty", _("General-procedure penalty")
        SIMPLIFIED_PENALTY = "simplified_penalty", _("Simplified (on-the-spot) penalty")
        INSPECTION = "inspection", _("Inspection")
        PERMIT = "permit", _("Permit")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted for review")
        RETURNED = "returned", _("Returned")
        REGISTERED = "registered", _("Registered")
        SUPERSEDED = "superseded", _("Superseded")

    agency = models.ForeignKey(
        Agency,
        verbose_name=_("agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="process_templates",
    )
    power = models.ForeignKey(
        Power,
        verbose_name=_("power"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="process_templates",
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    version = models.PositiveIntegerField(_("version"), default=1)
    status = FSMField(_("status"), default=Status.DRAFT, choices=Status.choices, protected=False)
    is_ready_made = models.BooleanField(_("ready-made"), default=False)
    copied_from = models.ForeignKey(
        "self",
        verbose_name=_("copied from"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="copies",
    )
    review_note = models.TextField(_("review note"), blank=True)
    registered_on = models.DateField(_("registered on"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("process template")
        verbose_name_plural = _("process templates")
        ordering = ["agency_id", "name", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["power", "version"],
                condition=Q(power__isnull=False),
                name="template_unique_power_version",
            ),
            models.UniqueConstraint(
                fields=["kind"],
                condition=Q(is_ready_made=True),
                name="template_one_ready_made_per_kind",
            ),
            models.CheckConstraint(
                condition=Q(is_ready_made=True, agency__isnull=True, power__isnull=True)
                | Q(is_ready_made=False, agency__isnull=False),
                name="template_ready_made_has_no_owner",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}（v{self.version}）"

    @property
    def is_public(self) -> bool:
        return self.is_ready_made or self.status == self.Status.REGISTERED

    @transition(field=status, source=[Status.DRAFT, Status.RETURNED], target=Status.SUBMITTED)
    def submit(self) -> None:
        pass

    @transition(field=status, source=Status.SUBMITTED, target=Status.RETURNED)
    def send_back(self) -> None:
        pass

    @transition(field=status, source=Status.SUBMITTED, target=Status.REGISTERED)
    def register(self) -> None:
        pass

    @transition(field=status, source=Status.REGISTERED, target=Status.SUPERSEDED)
    def supersede(self) -> None:
        pass


class ProcessNode(models.Model):
    """One step of a process (节点): who answers for it, who carries it out, its controls and
    time limit, the records it requires and the gates a case must pass to enter it."""

    class DayKind(models.TextChoices):
        WORKING = "working", _("working days")
        CALENDAR = "calendar", _("calendar days")

    class Condition(models.TextChoices):
        ALWAYS = "always", _("Always")
        HEARING_REQUESTED = "hearing_requested", _("Only when the party requests a hearing")
        MAJOR_DECISION = "major_decision", _("Only for major decisions")
        COERCIVE_MEASURE = "coercive_measure", _("Only when a coercive measure is applied")

    template = models.ForeignKey(
        ProcessTemplate, verbose_name=_("template"), on_delete=models.CASCADE, related_name="nodes"
    )
    order = models.PositiveSmallIntegerField(_("order"))
    code = models.SlugField(_("node code"), max_length=30)
    name = models.CharField(_("name"), max_length=50)
    responsible_post = models.CharField(_("responsible officer (post)"), max_length=100)
    implementer = models.CharField(_("implementer"), max_length=100)
    control_measures = models.TextField(_("control measures"), blank=True)
    time_limit = models.PositiveSmallIntegerField(_("time limit"), null=True, blank=True)
    day_kind = models.CharField(
        _("days counted as"), max_length=10, choices=DayKind.choices, default=DayKind.WORKING
    )
    required_records = models.JSONField(
        _("records required before leaving"), default=list, blank=True
    )
    condition = models.CharField(
        _("condition"), max_length=20, choices=Condition.choices, default=Condition.ALWAYS
    )
    av_required = models.BooleanField(
        _("full audio/video recording mandatory"),
        default=False,
        help_text=_("Seizure, forced demolition, acts touching liberty or major property."),
    )
    gate_codes = models.JSONField(_("gates"), default=list, blank=True)

    class Meta:
        verbose_name = _("process node")
        verbose_name_plural = _("process nodes")
        ordering = ["template_id", "order"]
        constraints = [
            models.UniqueConstraint(fields=["template", "order"], name="node_unique_order"),
            models.UniqueConstraint(fields=["template", "code"], name="node_unique_code"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def agency_id(self):
        return self.template.agency_id

    @property
    def time_limit_display(self) -> str:
        if not self.time_limit:
            return ""
        return _("%(n)s %(unit)s") % {"n": self.time_limit, "unit": self.get_day_kind_display()}

    @property
    def gate_labels(self) -> list[str]:
        from ..gates import gate_label

        return [gate_label(code) for code in self.gate_codes or []]


class Case(models.Model):
    """A case (案件) running through a registered power's process template."""

    class PartyKind(models.TextChoices):
        PERSON = "person", _("Natural person")
        ORGANISATION = "organisation", _("Organisation")

    class Source(models.TextChoices):
        PATROL = "patrol", _("Patrol (巡查)")
        COMPLAINT = "complaint", _("Complaint or report (投诉举报)")
        ASSIGNED = "assigned", _("Assigned by a superior (上级交办)")
        TRANSFERRED = "transferred", _("Transferred by another agency (部门移送)")
        OTHER = "other", _("Other (其他)")

    class Status(models.TextChoices):
        OPEN = "open", _("In progress")
        SUSPENDED = "suspended", _("Suspended")
        DECIDED = "decided", _("Decided")
        EXECUTED = "executed", _("Executed")
        CLOSED = "closed", _("Closed")
        ARCHIVED = "archived", _("Archived")

    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="cases"
    )
    power = models.ForeignKey(
        Power, verbose_name=_("power"), on_delete=models.PROTECT, related_name="cases"
    )
    template = models.ForeignKey(
        ProcessTemplate, verbose_name=_("process template"), on_delete=models.PROTECT
    )
    number = models.CharField(_("case number"), max_length=60, unique=True)
    title = models.CharField(_("case title"), max_length=200)
    party_kind = models.CharField(_("party type"), max_length=12, choices=PartyKind.choices)
    party_name = models.CharField(_("party name"), max_length=200)
    party_id_number = models.CharField(
        _("resident ID or unified social credit code"), max_length=18
    )
    party_address = models.CharField(_("party address"), max_length=200, blank=True)
    legal_representative = models.CharField(_("legal representative"), max_length=50, blank=True)
    source = models.CharField(_("source"), max_length=12, choices=Source.choices)
    facts_summary = models.TextField(_("summary of the suspected violation"), blank=True)
    filed_on = models.DateField(_("filed on"))
    officers = models.ManyToManyField(
        Officer, verbose_name=_("officers"), related_name="cases", through="CaseOfficer"
    )
    current_node = models.ForeignKey(
        ProcessNode,
        verbose_name=_("current node"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    node_due_on = models.DateField(_("current node due"), null=True, blank=True)
    decision_due_on = models.DateField(_("decision due"))
    status = FSMField(_("status"), default=Status.OPEN, choices=Status.choices)
    hearing_requested = models.BooleanField(_("hearing requested"), default=False)
    coercive_measure = models.BooleanField(_("coercive measure applied"), default=False)
    is_major = models.BooleanField(_("major decision"), default=False)
    major_reason = models.CharField(_("why it is major"), max_length=300, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    archive_due_on = models.DateField(_("archive due"), null=True, blank=True)
    archived_on = models.DateField(_("archived on"), null=True, blank=True)
    # Optimistic lock: every change bumps it; a form posted against an old version is refused.
    version = models.PositiveIntegerField(_("version"), default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["agency", "status", "-id"]),
            models.Index(fields=["status", "decision_due_on"]),
            models.Index(fields=["status", "archive_due_on"]),
            # The warning scan's overdue-step rule and the dashboard's overdue figure.
            models.Index(fields=["status", "node_due_on"], name="case_status_node_due"),
            # Cases filed per agency in a period (dashboard, annual-report warning).
            models.Index(fields=["agency", "filed_on"], name="case_agency_filed"),
            # Cases filed per month across agencies (the dashboard's trend).
            models.Index(fields=["filed_on"], name="case_filed"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    @transition(field=status, source=Status.OPEN, target=Status.SUSPENDED)
    def suspend(self) -> None:
        pass

    @transition(field=status, source=Status.SUSPENDED, target=Status.OPEN)
    def resume(self) -> None:
        pass

    @transition(field=status, source=Status.OPEN, target=Status.DECIDED)
    def decide(self) -> None:
        pass

    @transition(field=status, source=Status.DECIDED, target=Status.EXECUTED)
    def execute(self) -> None:
        pass

    @transition(field=status, source=[Status.DECIDED, Status.EXECUTED], target=Status.CLOSED)
    def close(self) -> None:
        pass

    @transition(field=status, source=Status.CLOSED, target=Status.ARCHIVED)
    def archive(self) -> None:
        pass


class CaseOfficer(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="case_officers")
    officer = models.ForeignKey(Officer, on_delete=models.PROTECT, related_name="case_roles")
    is_lead = models.BooleanField(_("lead officer"), default=False)

    class Meta:
        verbose_name = _("case officer")
        verbose_name_plural = _("case officers")
        constraints = [
            models.UniqueConstraint(fields=["case", "officer"], name="case_officer_unique")
        ]

    def __str__(self) -> str:
        return f"{self.case_id}:{self.officer_id}"


class NodeVisit(models.Model):
    """A case's stay at one node: when it entered, when the node is due, when it left."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="visits")
    node = models.ForeignKey(ProcessNode, on_delete=models.PROTECT, related_name="visits")
    entered_on = models.DateField(_("entered on"))
    due_on = models.DateField(_("due"), null=True, blank=True)
    left_on = models.DateField(_("left on"), null=True, blank=True)

    class Meta:
        verbose_name = _("node visit")
        verbose_name_plural = _("node visits")
        ordering = ["case_id", "id"]

    def __str__(self) -> str:
        return f"{self.case_id}:{self.node_id}"


class CaseEvent(models.Model):
    """One line of the case's timeline: every transition, record, document and payment."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(_("time"), auto_now_add=True)
    kind = models.CharField(_("kind"), max_length=40)
    summary = models.CharField(_("summary"), max_length=300)
    node_name = models.CharField(_("node"), max_length=50, blank=True)
    actor_name = models.CharField(_("by"), max_length=150, blank=True)

    class Meta:
        verbose_name = _("case event")
        verbose_name_plural = _("case events")
        ordering = ["case_id", "id"]

    def __str__(self) -> str:
        return self.summary


class Adjustment(models.Model):
    """A suspension or extension (中止/延期) that moves the due dates once the leader approves."""

    class Kind(models.TextChoices):
        SUSPENSION = "suspension", _("Suspension (中止)")
        EXTENSION = "extension", _("Extension (延期)")

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Awaiting approval")
        APPROVED = "approved", _("Approved")
        REFUSED = "refused", _("Refused")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="adjustments")
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    days = models.PositiveSmallIntegerField(_("days"))
    reason = models.TextField(_("reason"))
    status = FSMField(_("status"), default=Status.REQUESTED, choices=Status.choices)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)

    class Meta:
        verbose_name = _("suspension or extension")
        verbose_name_plural = _("suspensions and extensions")
        ordering = ["case_id", "id"]
        constraints = [models.CheckConstraint(condition=Q(days__gte=1), name="adjustment_days")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.days}"

    @property
    def agency_id(self):
        return self.case.agency_id

    @transition(field=status, source=Status.REQUESTED, target=Status.APPROVED)
    def approve(self) -> None:
        pass

    @transition(field=status, source=Status.REQUESTED, target=Status.REFUSED)
    def refuse(self) -> None:
        pass


def evidence_path(instance: Record, filename: str) -> str:
    # No user-supplied name or extension on disk: the content decides the type.
    import uuid

    return f"evidence/{instance.case_id}/{uuid.uuid4().hex}"


class Record(models.Model):
    """A written record or an audio, video or photo evidence file (全过程记录)."""

    class Kind(models.TextChoices):
        ON_SITE = "on_site", _("On-site record (现场笔录)")
        INQUIRY = "inquiry", _("Inquiry record (询问笔录)")
        HEARING = "hearing", _("Hearing record (听证笔录)")
        PROPERTY_LIST = "property_list", _("Property list (财物清单)")
        OTHER_WRITTEN = "other_written", _("Other written record")
        AUDIO = "audio", _("Audio recording")
        VIDEO = "video", _("Video recording")
        PHOTO = "photo", _("Photo")

    class Signature(models.TextChoices):
        SIGNED = "signed", _("Signed by the party")
        REFUSED = "refused", _("Party refused to sign")
        NOT_APPLICABLE = "na", _("Not applicable")

    WRITTEN = (Kind.ON_SITE, Kind.INQUIRY, Kind.HEARING, Kind.PROPERTY_LIST, Kind.OTHER_WRITTEN)
    AUDIO_VIDEO = (Kind.AUDIO, Kind.VIDEO)

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="records")
    node = models.ForeignKey(
        ProcessNode, verbose_name=_("node"), on_delete=models.PROTECT, related_name="records"
    )
    kind = models.CharField(_("kind"), max_length=15, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    content = models.TextField(_("content"), blank=True)
    recorded_at = models.DateTimeField(_("recorded at"))
    place = models.CharField(_("place"), max_length=200)
    officers = models.ManyToManyField(Officer, verbose_name=_("officers"), related_name="records")
    signature = models.CharField(
        _("party's signature"), max_length=10, choices=Signature.choices, default=Signature.SIGNED
    )
    refusal_note = models.TextField(_("officers' note on the refusal"), blank=True)
    file = models.FileField(_("file"), upload_to=evidence_path, blank=True, max_length=200)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    size = models.PositiveBigIntegerField(_("size in bytes"), null=True, blank=True)
    content_type = models.CharField(_("content type"), max_length=60, blank=True)
    original_name = models.CharField(_("original file name"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("record")
        verbose_name_plural = _("records")
        ordering = ["case_id", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(signature="refused") | ~Q(refusal_note=""),
                name="record_refusal_needs_note",
            ),
            models.CheckConstraint(
                condition=Q(file="") | Q(sha256__regex=r"^[0-9a-f]{64}$"),
                name="record_file_is_hashed",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def agency_id(self):
        return self.case.agency_id

    @property
    def has_file(self) -> bool:
        return bool(self.file)


class Decision(models.Model):
    """The decision (处罚决定) with its number, penalty, basis and the discretion applied."""

    case = models.OneToOneField(Case, on_delete=models.PROTECT, related_name="decision")
    number = models.CharField(_("document number"), max_length=60, unique=True)
    decided_on = models.DateField(_("decided on"))
    facts = models.TextField(_("facts of the violation"))
    evidence = models.TextField(_("evidence"))
    legal_basis = models.TextField(_("legal basis of the penalty"))
    penalty_types = models.CharField(_("penalty types"), max_length=200)
    no_penalty = models.BooleanField(_("no penalty (不予处罚)"), default=False)
    fine_amount = models.DecimalField(
        _("fine (yuan)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    confiscation_amount = models.DecimalField(
        _("confiscated illegal income (yuan)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
    )
    severity = models.CharField(_("severity"), max_length=30, blank=True)
    circumstances = models.TextField(_("circumstances"), blank=True)
    recommendation = models.JSONField(_("recommended band"), default=dict, blank=True)
    is_deviation = models.BooleanField(_("outside the recommended band"), default=False)
    deviation_reason = models.TextField(_("justification for the deviation"), blank=True)
    performance_due_on = models.DateField(_("perform by"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        indexes = [
            # The few decisions outside the band, by day: the two deviation warning rules.
            models.Index(
                fields=["decided_on"],
                name="decision_deviation_day",
                condition=Q(is_deviation=True),
            ),
            # Decisions in a period, answered from the index alone (dashboard, trend).
            models.Index(
                fields=["decided_on"], name="decision_day", include=["case", "is_deviation"]
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(is_deviation=False) | ~Q(deviation_reason=""),
                name="decision_deviation_needs_reason",
            ),
            models.CheckConstraint(
                condition=Q(fine_amount__isnull=True) | Q(fine_amount__gte=0),
                name="decision_fine_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def agency_id(self):
        return self.case.agency_id


class DocumentSeries(models.Model):
    """Serial numbers of an agency's documents per prefix and year (齐市监罚〔2026〕12号)."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    prefix = models.CharField(_("prefix"), max_length=30)
    year = models.PositiveSmallIntegerField(_("year"))
    last_serial = models.PositiveIntegerField(_("last serial"), default=0)

    class Meta:
        verbose_name = _("document number series")
        verbose_name_plural = _("document number series")
        constraints = [
            models.UniqueConstraint(fields=["agency", "prefix", "year"], name="series_unique")
        ]

    def __str__(self) -> str:
        return f"{self.prefix}〔{self.year}〕{self.last_serial}"


class NumberPattern(models.Model):
    """An agency's own document-number prefix; without one it is the agency prefix + 罚."""

    agency = models.OneToOneField(Agency, on_delete=models.CASCADE, related_name="number_pattern")
    decision_prefix = models.CharField(_("decision number prefix"), max_length=30)
    case_prefix = models.CharField(_("case number prefix"), max_length=30, blank=True)

    class Meta:
        verbose_name = _("document number pattern")
        verbose_name_plural = _("document number patterns")

    def __str__(self) -> str:
        return self.decision_prefix


class Payment(models.Model):
    """Execution of a fine: the bank's receipt (罚缴分离), never cash to the agency."""

    case = models.OneToOneField(Case, on_delete=models.PROTECT, related_name="payment")
    bank_receipt_number = models.CharField(_("bank receipt number"), max_length=60, unique=True)
    bank_name = models.CharField(_("bank"), max_length=100)
    amount = models.DecimalField(_("amount paid (yuan)"), max_digits=14, decimal_places=2)
    paid_on = models.DateField(_("paid on"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="payment_positive")]

    def __str__(self) -> str:
        return self.bank_receipt_number


class Document(models.Model):
    """A generated PDF document of a case; regenerated in place, hashed when written."""

    class Kind(models.TextChoices):
        DECISION = "decision", _("Penalty decision (行政处罚决定书)")
        NOTICE = "notice", _("Notice of proposed penalty and hearing rights (行政处罚事先告知书)")
        SERVICE_RECEIPT = "service_receipt", _("Service receipt (送达回证)")
        FILE_COVER = "file_cover", _("Case file cover and catalogue (案卷封面及目录)")

    class Status(models.TextChoices):
        PENDING = "pending", _("Being generated")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="documents")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    file = models.FileField(_("file"), upload_to="documents/", blank=True, max_length=200)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    error = models.TextField(_("error"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now=True)
    generated_at = models.DateTimeField(_("generated at"), null=True, blank=True)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["case_id", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["case", "kind"], name="document_one_per_kind")
        ]

    def __str__(self) -> str:
        return self.get_kind_display()

    @property
    def agency_id(self):
        return self.case.agency_id


class EvidenceCheck(models.Model):
    """The latest periodic re-hash of one evidence file (证据完整性核验).

    One row per record with a file, upserted by ``workflows.integrity.evidence_verify``.
    """

    class Status(models.TextChoices):
        OK = "ok", _("Matches its hash")
        MISMATCH = "mismatch", _("Does not match its hash")
        MISSING = "missing", _("File missing")

    FAILED = (Status.MISMATCH, Status.MISSING)

    record = models.OneToOneField(
        Record, on_delete=models.CASCADE, primary_key=True, related_name="integrity"
    )
    status = models.CharField(_("result"), max_length=10, choices=Status.choices)
    found_sha256 = models.CharField(_("SHA-256 found"), max_length=64, blank=True)
    verified_at = models.DateTimeField(_("last verified at"))
    failed_since = models.DateTimeField(_("failing since"), null=True, blank=True)

    class Meta:
        verbose_name = _("evidence integrity check")
        verbose_name_plural = _("evidence integrity checks")
        indexes = [models.Index(fields=["status"], name="evidence_check_status")]

    def __str__(self) -> str:
        return f"{self.record_id}: {self.status}"
