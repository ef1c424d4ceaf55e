"""Public reports (举报) with receipt codes, messages, two-person identity access and rewards.

The reporter is never identified by the request: no address, user agent, session or exact
submission time is stored; only a date. Receipt codes are stored as a public lookup part plus
a slow salted hash of the secret part (see reports/receipts.py).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition


class ViolationType(models.TextChoices):
    """What the reported conduct is; reward rules are set per type."""

    ARBITRARY_PENALTY = "arbitrary_penalty", _("Arbitrary fines or penalties (乱罚款)")
    BRIBERY = "bribery", _("Asking for or taking bribes")
    ABUSE_OF_POWER = "abuse_of_power", _("Abuse of power or procedure violations")
    DERELICTION = "dereliction", _("Failure to act (不作为)")
    NO_CERTIFICATE = "no_certificate", _("Enforcement without a valid certificate")
    OTHER = "other", _("Other")


class Report(models.Model):
    """A report from the public (举报) about an agency, an officer or a case."""

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")  # 已接收
        ACCEPTED = "accepted", _("Accepted")  # 已受理
        INVESTIGATING = "investigating", _("Under investigation")  # 调查中
        CONCLUDED = "concluded", _("Concluded")  # 已办结
        REJECTED = "rejected", _("Not accepted")  # 不予受理

    class Outcome(models.TextChoices):
        SUBSTANTIATED = "substantiated", _("Substantiated")
        PARTLY = "partly", _("Partly substantiated")
        UNSUBSTANTIATED = "unsubstantiated", _("Not substantiated")

    # Receipt code: the lookup part in clear, the secret part only as a password hash.
    lookup = models.CharField(_("receipt lookup"), max_length=12, unique=True)
    secret_hash = models.CharField(_("receipt hash"), max_length=256)

    agency = models.ForeignKey(
        "powers.Agency",
        verbose_name=_("reported agency"),
        on_delete=models.PROTECT,
        related_name="reports",
    )
    officer = models.ForeignKey(
        "powers.Officer",
        verbose_name=_("reported officer"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reports",
    )
    # Text until the workflows app is merged; the lead turns it into a foreign key then.
    case_number = models.CharField(_("case or decision number"), max_length=60, blank=True)
    handling_agency = models.ForeignKey(
        "powers.Agency",
        verbose_name=_("handling body"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="handled_reports",
        help_text=_("Empty: handled by city-level report handlers."),
    )
    violation_type = models.CharField(
        _("type of conduct"), max_length=20, choices=ViolationType.choices
    )
    subject = models.CharField(_("subject"), max_length=120)
    description = models.TextField(_("what happened"))
    happened_on = models.DateField(_("when it happened"), null=True, blank=True)
    place = models.CharField(_("where it happened"), max_length=200, blank=True)

    is_anonymous = models.BooleanField(_("anonymous"), default=True)
    # Identity fields: never shown to the reported agency; others need two handlers' approval.
    reporter_name = models.CharField(_("reporter's name"), max_length=50, blank=True)
    reporter_contact = models.CharField(_("reporter's contact"), max_length=100, blank=True)

    # A date only: a submission time could be matched against a network log.
    received_on = models.DateField(_("received on"), db_index=True)
    status = FSMField(_("status"), max_length=16, choices=Status.choices, default=Status.RECEIVED)
    accept_due = models.DateField(_("accept by"))
    accepted_on = models.DateField(_("accepted on"), null=True, blank=True)
    conclude_due = models.DateField(_("conclude by"), null=True, blank=True)
    extension_days = models.PositiveSmallIntegerField(_("extension (days)"), default=0)
    extension_reason = models.TextField(_("reason for the extension"), blank=True)
    concluded_on = models.DateField(_("concluded on"), null=True, blank=True)
    rejection_reason = models.TextField(_("reason for not accepting"), blank=True)
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices, blank=True)
    conclusion = models.TextField(_("conclusion for the reporter"), blank=True)
    # Text until workflows lands: the case this report led to.
    resulting_case_number = models.CharField(_("case it led to"), max_length=60, blank=True)
    resulting_case = models.ForeignKey(
        "workflows.Case",
        verbose_name=_("case it led to"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reports",
    )
    penalty_amount = models.DecimalField(
        _("penalty imposed (yuan)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    purged_on = models.DateField(_("identity and attachments deleted on"), null=True, blank=True)

    class Meta:
        db_table = "oversight_report"  # the table kept its name when the app moved
        verbose_name = _("public report")
        verbose_name_plural = _("public reports")
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["status", "accept_due"]),
            models.Index(fields=["status", "conclude_due"]),
            models.Index(fields=["agency", "received_on"]),
            models.Index(fields=["officer", "received_on"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(extension_days__lte=30), name="report_extension_at_most_30_days"
            ),
            models.CheckConstraint(
                condition=Q(is_anonymous=False) | (Q(reporter_name="") & Q(reporter_contact="")),
                name="report_anonymous_has_no_identity",
            ),
            models.CheckConstraint(
                condition=~Q(status="rejected") | ~Q(rejection_reason=""),
                name="report_rejection_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(extension_days=0) | ~Q(extension_reason=""),
                name="report_extension_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        """The handlers' reference, e.g. JB2026-000042 (not the receipt code)."""
        return f"JB{self.received_on:%Y}-{self.pk:06d}"

    @property
    def is_open(self) -> bool:
        return self.status in (
            self.Status.RECEIVED,
            self.Status.ACCEPTED,
            self.Status.INVESTIGATING,
        )

    # Transitions: the services compute dates and audit; these only move the state.
    @transition(field=status, source=Status.RECEIVED, target=Status.ACCEPTED)
    def accept(self) -> None:
        pass

    @transition(field=status, source=Status.RECEIVED, target=Status.REJECTED)
    def reject(self) -> None:
        pass

    @transition(field=status, source=Status.ACCEPTED, target=Status.INVESTIGATING)
    def investigate(self) -> None:
        pass

    @transition(
        field=status, source=[Status.ACCEPTED, Status.INVESTIGATING], target=Status.CONCLUDED
    )
    def conclude(self) -> None:
        pass


def attachment_path(instance: ReportAttachment, filename: str) -> str:
    # The stored name is random; the reporter's own file name is never kept.
    return f"reports/{instance.report_id}/{filename}"


class ReportAttachment(models.Model):
    """A file sent with a report; images are re-encoded without metadata before storing."""

    class Source(models.TextChoices):
        REPORTER = "reporter", _("Reporter")
        HANDLER = "handler", _("Handler")

    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("report")
    )
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=200)
    content_type = models.CharField(_("content type"), max_length=40)
    size = models.PositiveIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    source = models.CharField(_("from"), max_length=10, choices=Source.choices)
    added_on = models.DateField(_("added on"))

    class Meta:
        db_table = "oversight_reportattachment"  # the table kept its name when the app moved
        verbose_name = _("report attachment")
        verbose_name_plural = _("report attachments")
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.report_id}/{self.pk}"


class ReportMessage(models.Model):
    """A message between the reporter (by receipt code) and the handlers."""

    class Author(models.TextChoices):
        REPORTER = "reporter", _("Reporter")
        HANDLER = "handler", _("Handler")

    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="messages", verbose_name=_("report")
    )
    author_kind = models.CharField(_("from"), max_length=10, choices=Author.choices)
    # The handler who wrote it; shown to the reporter only as "the handler".
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    body = models.TextField(_("message"))
    sent_on = models.DateField(_("sent on"))

    class Meta:
        db_table = "oversight_reportmessage"  # the table kept its name when the app moved
        verbose_name = _("report message")
        verbose_name_plural = _("report messages")
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(author_kind="handler", handler__isnull=False)
                | Q(author_kind="reporter", handler__isnull=True),
                name="report_message_author_consistent",
            )
        ]

    def __str__(self) -> str:
        return f"{self.report_id}:{self.author_kind}"


class IdentityAccessRequest(models.Model):
    """A written request to see a named reporter's identity; a second handler decides it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        REFUSED = "refused", _("Refused")

    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="identity_requests", verbose_name=_("report")
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField(_("why the identity is needed"))
    requested_at = models.DateTimeField(_("requested at"))
    status = FSMField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.TextField(_("decision note"), blank=True)
    expires_at = models.DateTimeField(_("access ends at"), null=True, blank=True)

    class Meta:
        db_table = "oversight_identityaccessrequest"  # the table kept its name when the app moved
        verbose_name = _("identity access request")
        verbose_name_plural = _("identity access requests")
        ordering = ["-id"]
        constraints = [
            # The two-person rule, held by the database too.
            models.CheckConstraint(
                condition=Q(decided_by__isnull=True) | ~Q(decided_by=F("requested_by")),
                name="identity_request_decided_by_second_person",
            ),
            models.UniqueConstraint(
                fields=["report", "requested_by"],
                condition=Q(status="pending"),
                name="identity_request_one_pending_per_handler",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.report_id}:{self.requested_by_id}:{self.status}"

    @transition(field=status, source=Status.PENDING, target=Status.APPROVED)
    def approve(self) -> None:
        pass

    @transition(field=status, source=Status.PENDING, target=Status.REFUSED)
    def refuse(self) -> None:
        pass


class RewardRule(models.Model):
    """A reward level (奖励等级) for a type of conduct and a range of resulting penalties."""

    violation_type = models.CharField(
        _("type of conduct"), max_length=20, choices=ViolationType.choices
    )
    level = models.CharField(_("level"), max_length=30)
    penalty_from = models.DecimalField(
        _("penalty from (yuan)"), max_digits=14, decimal_places=2, default=0
    )
    penalty_to = models.DecimalField(
        _("penalty below (yuan)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Empty: no upper bound."),
    )
    reward_min = models.DecimalField(_("reward from (yuan)"), max_digits=12, decimal_places=2)
    reward_max = models.DecimalField(_("reward up to (yuan)"), max_digits=12, decimal_places=2)
    is_active = models.BooleanField(_("in force"), default=True)

    class Meta:
        db_table = "oversight_rewardrule"  # the table kept its name when the app moved
        verbose_name = _("reward rule")
        verbose_name_plural = _("reward rules")
        ordering = ["violation_type", "penalty_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(reward_min__gte=0) & Q(reward_max__gte=F("reward_min")),
                name="reward_rule_range_valid",
            ),
            models.CheckConstraint(
                condition=Q(penalty_to__isnull=True) | Q(penalty_to__gt=F("penalty_from")),
                name="reward_rule_penalty_range_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_violation_type_display()} · {self.level}"


class RewardDecision(models.Model):
    """The reward decided for a substantiated report, and its in-person payment."""

    class Status(models.TextChoices):
        DECIDED = "decided", _("Decided, not yet claimed")
        CLAIMED = "claimed", _("Claimed, awaiting identity check")
        PAID = "paid", _("Paid")

    report = models.OneToOneField(
        Report, on_delete=models.PROTECT, related_name="reward", verbose_name=_("report")
    )
    rule = models.ForeignKey(
        RewardRule, on_delete=models.PROTECT, related_name="decisions", verbose_name=_("rule")
    )
    amount = models.DecimalField(_("amount (yuan)"), max_digits=12, decimal_places=2)
    reasoning = models.TextField(_("reasoning"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_on = models.DateField(_("decided on"))
    status = FSMField(_("status"), max_length=10, choices=Status.choices, default=Status.DECIDED)
    claimed_on = models.DateField(_("claimed on"), null=True, blank=True)
    # The portal records that an identity check happened in person, never the document.
    identity_checked_on = models.DateField(
        _("identity checked in person on"), null=True, blank=True
    )
    paid_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    payment_reference = models.CharField(_("payment reference"), max_length=60, blank=True)

    class Meta:
        db_table = "oversight_rewarddecision"  # the table kept its name when the app moved
        verbose_name = _("reward decision")
        verbose_name_plural = _("reward decisions")
        ordering = ["-decided_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="reward_amount_positive"),
            models.CheckConstraint(
                condition=~Q(status="paid")
                | (Q(identity_checked_on__isnull=False) & ~Q(payment_reference="")),
                name="reward_paid_has_check_and_reference",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.report_id}: {self.amount}"

    @transition(field=status, source=Status.DECIDED, target=Status.CLAIMED)
    def claim(self) -> None:
        pass

    # Paying checks the claimant in person, so a reward may be paid without a prior claim.
    @transition(field=status, source=[Status.DECIDED, Status.CLAIMED], target=Status.PAID)
    def pay(self) -> None:
        pass
