"""Agencies, officers, the regulation ledger and the power registry (权力清单)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, TransitionNotAllowed, can_proceed, transition

from enforcement_portal.validators import validate_uscc


class Agency(models.Model):
    """An agency (执法主体 or a supervising body) of the city."""

    class Level(models.TextChoices):
        CENTRAL = "central", _("Central vertical (中直)")
        PROVINCIAL = "provincial", _("Provincial vertical (省直)")
        MUNICIPAL = "municipal", _("Municipal (市直)")
        COUNTY = "county", _("County or district (区县)")

    name = models.CharField(_("name"), max_length=100, unique=True)
    short_name = models.CharField(
        _("document prefix"),
        max_length=20,
        help_text=_("Abbreviation used in document numbers, e.g. 齐市监."),
    )
    code = models.SlugField(
        _("agency code"), max_length=30, unique=True, help_text=_("Short code used by commands.")
    )
    uscc = models.CharField(
        _("unified social credit code"), max_length=18, unique=True, validators=[validate_uscc]
    )
    level = models.CharField(_("level"), max_length=12, choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    is_enforcement_body = models.BooleanField(_("enforcement body"), default=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    phone = models.CharField(_("public telephone"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    @property
    def agency_id(self) -> int:
        """An agency belongs to itself, so permission predicates treat it like its objects."""
        return self.pk


class Officer(models.Model):
    """An enforcement officer (执法人员) and their enforcement certificate (执法证)."""

    class CertificateStatus(models.TextChoices):
        VALID = "valid", _("Valid")
        SUSPENDED = "suspended", _("Suspended")
        REVOKED = "revoked", _("Revoked")

    name = models.CharField(_("name"), max_length=50)
    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="officers"
    )
    certificate_number = models.CharField(_("certificate number"), max_length=30, unique=True)
    certificate_status = models.CharField(
        _("certificate status"),
        max_length=10,
        choices=CertificateStatus.choices,
        default=CertificateStatus.VALID,
    )
    certificate_valid_until = models.DateField(_("certificate valid until"))
    has_legal_qualification = models.BooleanField(
        _("holds the legal professional qualification"), default=False
    )
    post = models.CharField(_("post"), max_length=50, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("portal account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="officer",
    )
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    class Meta:
        verbose_name = _("enforcement officer")
        verbose_name_plural = _("enforcement officers")
        ordering = ["agency_id", "name"]

    def __str__(self) -> str:
        return f"{self.name}（{self.certificate_number}）"

    def certificate_valid_on(self, day: dt.date | None = None) -> bool:
        day = day or timezone.localdate()
        return (
            self.certificate_status == self.CertificateStatus.VALID
            and self.certificate_valid_until >= day
        )


class Regulation(models.Model):
    """A law or rule in the 立改废 ledger."""

    class Level(models.TextChoices):
        LAW = "law", _("Law (法律)")
        ADMINISTRATIVE_REGULATION = "admin_regulation", _("Administrative regulation (行政法规)")
        LOCAL_REGULATION = "local_regulation", _("Local regulation (地方性法规)")
        DEPARTMENT_RULE = "department_rule", _("Department rule (部门规章)")
        LOCAL_GOVERNMENT_RULE = "local_gov_rule", _("Local government rule (地方政府规章)")
        NORMATIVE_DOCUMENT = "normative_document", _("Normative document (规范性文件)")
        INTERNAL_RULE = "internal_rule", _("Internal rule (内部制度)")

    class Status(models.TextChoices):
        EFFECTIVE = "effective", _("In force")
        AMENDED = "amended", _("Amended")
        REPEALED = "repealed", _("Repealed")
        NOT_YET_EFFECTIVE = "not_yet_effective", _("Not yet in force")

    title = models.CharField(_("title"), max_length=200)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    issuing_body = models.CharField(_("issuing body"), max_length=100, blank=True)
    promulgated_on = models.DateField(_("promulgated on"), null=True, blank=True)
    effective_on = models.DateField(_("effective from"), null=True, blank=True)
    status = FSMField(_("status"), max_length=20, choices=Status.choices, default=Status.EFFECTIVE)
    superseded_by = models.ForeignKey(
        "self",
        verbose_name=_("superseded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="supersedes",
    )

    class Meta:
        verbose_name = _("regulation")
        verbose_name_plural = _("regulations")
        ordering = ["title"]
        constraints = [
            models.UniqueConstraint(
                fields=["title", "promulgated_on"], name="regulation_unique_title_date"
            )
        ]

    def __str__(self) -> str:
        return f"《{self.title}》"

    # A regulation comes into force, may be amended, and once repealed it stays repealed: a
    # repealed text never comes back into force (a new one is a new ledger entry).
    @transition(field=status, source=Status.NOT_YET_EFFECTIVE, target=Status.EFFECTIVE)
    def come_into_force(self) -> None:
        pass

    @transition(
        field=status, source=[Status.NOT_YET_EFFECTIVE, Status.EFFECTIVE], target=Status.AMENDED
    )
    def amend(self) -> None:
        pass

    @transition(
        field=status,
        source=[Status.NOT_YET_EFFECTIVE, Status.EFFECTIVE, Status.AMENDED],
        target=Status.REPEALED,
    )
    def repeal(self) -> None:
        pass

    def move_to(self, status: str) -> None:
        """Take the transition that leads to ``status`` (nothing when already there)."""
        moves: dict[str, Callable[[], None]] = {
            self.Status.EFFECTIVE: self.come_into_force,
            self.Status.AMENDED: self.amend,
            self.Status.REPEALED: self.repeal,
        }
        if status == self.status:
            return
        move = moves.get(status)
        if move is None or not can_proceed(move):
            raise TransitionNotAllowed(status)
        move()


class Provision(models.Model):
    """One article (or paragraph) of a regulation, as people cite it: 第二十五条第一款."""

    regulation = models.ForeignKey(
        Regulation,
        verbose_name=_("regulation"),
        on_delete=models.PROTECT,
        related_name="provisions",
    )
    article = models.CharField(_("article"), max_length=60)
    text = models.TextField(_("text"), blank=True)

    class Meta:
        verbose_name = _("provision")
        verbose_name_plural = _("provisions")
        ordering = ["regulation_id", "id"]
        constraints = [
            models.UniqueConstraint(fields=["regulation", "article"], name="provision_unique")
        ]

    def __str__(self) -> str:
        return f"{self.regulation}{self.article}"


class PowerContent(models.Model):
    """The content of a power as the list publishes it: what a filed version proposes and
    registration copies onto the power. Both models take these fields from here, so the list
    of fields that travel between them cannot drift."""

    class Category(models.TextChoices):
        PERMIT = "permit", _("Administrative permit (行政许可)")
        PENALTY = "penalty", _("Administrative penalty (行政处罚)")
        COERCION = "coercion", _("Administrative coercion (行政强制)")
        LEVY = "levy", _("Administrative levy (行政征收)")
        INSPECTION = "inspection", _("Administrative inspection (行政检查)")
        CONFIRMATION = "confirmation", _("Administrative confirmation (行政确认)")
        BENEFIT = "benefit", _("Administrative payment (行政给付)")
        REWARD = "reward", _("Administrative reward (行政奖励)")
        ADJUDICATION = "adjudication", _("Administrative adjudication (行政裁决)")
        OTHER = "other", _("Other administrative power (其他行政权力)")

    name = models.CharField(_("power name"), max_length=300)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    procedure = models.TextField(_("enforcement method / procedure"), blank=True)
    execution_standard = models.TextField(_("execution standard"), blank=True)
    responsible_post = models.CharField(_("responsible post"), max_length=200, blank=True)
    time_limit = models.CharField(_("promised time limit"), max_length=100, blank=True)
    remarks = models.TextField(_("remarks"), blank=True)

    class Meta:
        abstract = True


# The fields a filed version carries and registration copies onto the power.
CONTENT_FIELDS: tuple[str, ...] = tuple(f.name for f in PowerContent._meta.local_fields)


class Power(PowerContent):
    """An administrative enforcement power on an agency's list (权力清单).

    The row carries the content currently in force; the registry's filing and review
    history lives beside it. Only a registered power may be exercised.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        RETURNED = "returned", _("Returned")
        REGISTERED = "registered", _("Registered")
        SUSPENDED = "suspended", _("Suspended")
        ABOLISHED = "abolished", _("Abolished")

    agency = models.ForeignKey(
        Agency, verbose_name=_("exercising agency"), on_delete=models.PROTECT, related_name="powers"
    )
    code = models.CharField(_("power code"), max_length=60)
    status = FSMField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    registration_number = models.CharField(_("registration number"), max_length=60, blank=True)
    registered_on = models.DateField(_("registered on"), null=True, blank=True)
    provisions = models.ManyToManyField(
        Provision, verbose_name=_("legal bases"), through="PowerBasis", related_name="powers"
    )
    basis_needs_review = models.BooleanField(
        _("legal basis needs review"), default=False, db_index=True
    )
    basis_review_note = models.CharField(
        _("why the basis needs review"), max_length=300, blank=True
    )
    basis_flagged_at = models.DateTimeField(_("flagged at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    CONTENT_FIELDS = CONTENT_FIELDS

    class Meta:
        verbose_name = _("power")
        verbose_name_plural = _("powers")
        ordering = ["agency_id", "code"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "code"], name="power_code_unique_in_agency")
        ]
        indexes = [models.Index(fields=["agency", "status", "category"])]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def is_exercisable(self) -> bool:
        return self.status == self.Status.REGISTERED

    @property
    def ever_registered(self) -> bool:
        return bool(self.registration_number)

    # Lifecycle of the power itself. Before its first registration it follows its first
    # version through review; afterwards it stays registered while new versions are reviewed.
    @transition(field=status, source=[Status.DRAFT, Status.RETURNED], target=Status.SUBMITTED)
    def submit(self) -> None:
        pass

    @transition(field=status, source=Status.SUBMITTED, target=Status.RETURNED)
    def return_for_revision(self) -> None:
        pass

    @transition(field=status, source=Status.RETURNED, target=Status.DRAFT)
    def reopen(self) -> None:
        pass

    @transition(
        field=status, source=[Status.SUBMITTED, Status.REGISTERED], target=Status.REGISTERED
    )
    def register(self) -> None:
        pass

    @transition(field=status, source=Status.REGISTERED, target=Status.SUSPENDED)
    def suspend(self) -> None:
        pass

    @transition(field=status, source=Status.SUSPENDED, target=Status.REGISTERED)
    def resume(self) -> None:
        pass

    @transition(field=status, source=[Status.REGISTERED, Status.SUSPENDED], target=Status.ABOLISHED)
    def abolish(self) -> None:
        pass


class PowerBasis(models.Model):
    """A provision a power rests on, marked as the basis that creates it or the penalty basis."""

    class Kind(models.TextChoices):
        SETTING = "setting", _("Basis of the power (设定依据)")
        PENALTY = "penalty", _("Penalty basis (处罚依据)")

    power = models.ForeignKey(Power, on_delete=models.CASCADE, related_name="bases")
    provision = models.ForeignKey(Provision, on_delete=models.PROTECT, related_name="power_bases")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.SETTING)

    class Meta:
        verbose_name = _("legal basis")
        verbose_name_plural = _("legal bases")
        constraints = [
            models.UniqueConstraint(
                fields=["power", "provision", "kind"], name="power_basis_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.provision}（{self.get_kind_display()}）"


class FilingBatch(models.Model):
    """A filing batch (填报批次): the powers an agency files and submits for review together."""

    class Status(models.TextChoices):
        OPEN = "open", _("Being filled in")
        SUBMITTED = "submitted", _("Under review")
        CLOSED = "closed", _("Reviewed")

    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="filing_batches"
    )
    title = models.CharField(_("title"), max_length=200)
    status = FSMField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("review finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("filing batch")
        verbose_name_plural = _("filing batches")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title

    @transition(field=status, source=Status.OPEN, target=Status.SUBMITTED)
    def submit(self) -> None:
        self.submitted_at = timezone.now()

    @transition(field=status, source=Status.SUBMITTED, target=Status.CLOSED)
    def close(self) -> None:
        self.closed_at = timezone.now()


class PowerVersionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned")
    REGISTERED = "registered", _("Registered")
    SUPERSEDED = "superseded", _("Superseded")


# A version in one of these is being filed or reviewed; a power has at most one such.
PENDING_VERSION_STATUSES = (
    PowerVersionStatus.DRAFT,
    PowerVersionStatus.SUBMITTED,
    PowerVersionStatus.RETURNED,
)


class PowerVersion(PowerContent):
    """One filed content of a power: what the filer proposes and the reviewer decides on.

    The registered version in force is copied onto the Power; earlier ones stay as history.
    """

    Status = PowerVersionStatus
    PENDING = PENDING_VERSION_STATUSES

    power = models.ForeignKey(
        Power, verbose_name=_("power"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version"))
    batch = models.ForeignKey(
        FilingBatch,
        verbose_name=_("filing batch"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="versions",
    )
    status = FSMField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    provisions = models.ManyToManyField(
        Provision, verbose_name=_("legal bases"), through="PowerVersionBasis", related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("filed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    review_comment = models.TextField(_("review comment"), blank=True)
    registration_number = models.CharField(_("registration number"), max_length=60, blank=True)
    registered_on = models.DateField(_("registered on"), null=True, blank=True)

    class Meta:
        verbose_name = _("power version")
        verbose_name_plural = _("power versions")
        ordering = ["power_id", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["power", "number"], name="power_version_unique"),
            # At most one version per power is being filed or reviewed at a time.
            models.UniqueConstraint(
                fields=["power"],
                condition=models.Q(status__in=[s.value for s in PENDING_VERSION_STATUSES]),
                name="power_version_one_pending",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.power.code} v{self.number}"

    @property
    def agency_id(self) -> int:
        return self.power.agency_id

    @transition(field=status, source=[Status.DRAFT], target=Status.SUBMITTED)
    def submit(self) -> None:
        pass

    @transition(field=status, source=Status.SUBMITTED, target=Status.RETURNED)
    def return_for_revision(self) -> None:
        pass

    @transition(field=status, source=Status.RETURNED, target=Status.DRAFT)
    def reopen(self) -> None:
        pass

    @transition(field=status, source=Status.SUBMITTED, target=Status.REGISTERED)
    def register(self) -> None:
        pass

    @transition(field=status, source=Status.REGISTERED, target=Status.SUPERSEDED)
    def supersede(self) -> None:
        pass


class PowerVersionBasis(models.Model):
    """A legal basis as filed in one version."""

    version = models.ForeignKey(PowerVersion, on_delete=models.CASCADE, related_name="bases")
    provision = models.ForeignKey(Provision, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(
        _("kind"), max_length=10, choices=PowerBasis.Kind.choices, default=PowerBasis.Kind.SETTING
    )

    class Meta:
        verbose_name = _("filed legal basis")
        verbose_name_plural = _("filed legal bases")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "provision", "kind"], name="power_version_basis_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.provision}（{self.get_kind_display()}）"


class ImportJob(models.Model):
    """A power-list spreadsheet import: the uploaded file, its progress and its outcome."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        FAILED = "failed", _("Refused")
        SUCCEEDED = "succeeded", _("Imported")

    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="import_jobs"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    file = models.FileField(_("file"), upload_to="power-imports/%Y/%m/")
    filename = models.CharField(_("file name"), max_length=200)
    status = FSMField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    created_count = models.PositiveIntegerField(_("created"), default=0)
    updated_count = models.PositiveIntegerField(_("updated"), default=0)
    unchanged_count = models.PositiveIntegerField(_("unchanged"), default=0)
    errors = models.JSONField(_("problems"), default=list, blank=True)
    batch = models.ForeignKey(
        FilingBatch,
        verbose_name=_("filing batch"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("power import")
        verbose_name_plural = _("power imports")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.filename

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.FAILED, self.Status.SUCCEEDED)

    # A redelivered task may start a job again whose worker died while running it.
    @transition(field=status, source=[Status.QUEUED, Status.RUNNING], target=Status.RUNNING)
    def start(self) -> None:
        pass

    @transition(field=status, source=Status.RUNNING, target=Status.SUCCEEDED)
    def succeed(self) -> None:
        self.finished_at = timezone.now()

    @transition(field=status, source=[Status.QUEUED, Status.RUNNING], target=Status.FAILED)
    def fail(self) -> None:
        self.finished_at = timezone.now()
