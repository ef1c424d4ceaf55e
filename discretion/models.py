"""Discretion standards (裁量基准): a penalty power's statutory range split into four severity
levels and five to eight penalty bands, reviewed by experts and registered (备案)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition

from powers.models import Power, Provision

from .wording import fine_text, penalty_text


class Severity(models.TextChoices):
    """The four fixed severity levels (违法程度) of the Qiqihar plan §4(一)2."""

    MINOR = "minor", _("Minor")
    ORDINARY = "ordinary", _("Ordinary")
    SERIOUS = "serious", _("Serious")
    VERY_SERIOUS = "very_serious", _("Very serious")

    @classmethod
    def rank(cls, value: str) -> int:
        return list(cls.values).index(value)


class FineBasis(models.TextChoices):
    """What a fine range is counted in."""

    NONE = "none", _("No fine")
    AMOUNT = "amount", _("Amount in yuan")
    ILLEGAL_INCOME = "illegal_income", _("Multiple of illegal income")
    GOODS_VALUE = "goods_value", _("Multiple of the goods' value")


class PenaltyType(models.Model):
    """A kind of administrative penalty (行政处罚种类, Art. 9); others can be added as data."""

    NO_PENALTY = "no_penalty"
    FINE = "fine"
    # The kinds of 行政处罚法 Art. 9 the portal knows by code (also created by migration 0002).
    DEFAULTS = (
        ("no_penalty", "不予处罚"),
        ("warning", "警告"),
        ("criticism", "通报批评"),
        ("fine", "罚款"),
        ("confiscate_income", "没收违法所得"),
        ("confiscate_property", "没收非法财物"),
        ("suspend_licence", "暂扣许可证件"),
        ("lower_qualification", "降低资质等级"),
        ("revoke_licence", "吊销许可证件"),
        ("restrict_business", "限制开展生产经营活动"),
        ("suspend_business", "责令停产停业"),
        ("close", "责令关闭"),
        ("restrict_employment", "限制从业"),
    )

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=60, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=100)

    class Meta:
        verbose_name = _("penalty type")
        verbose_name_plural = _("penalty types")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.name


class DiscretionStandard(models.Model):
    """One version of a penalty power's discretion standard (裁量基准).

    Versions are filed, reviewed and registered; the registered one is in force until a
    newer version is registered, which marks it superseded.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Under expert review")
        RETURNED = "returned", _("Returned")
        REGISTERED = "registered", _("Registered")
        SUPERSEDED = "superseded", _("Superseded")

    EDITABLE = (Status.DRAFT, Status.RETURNED)
    OPEN = (Status.DRAFT, Status.SUBMITTED, Status.RETURNED)

    power = models.ForeignKey(
        Power,
        verbose_name=_("power"),
        on_delete=models.PROTECT,
        related_name="discretion_standards",
    )
    agency = models.ForeignKey(
        "powers.Agency",
        verbose_name=_("agency"),
        on_delete=models.PROTECT,
        related_name="discretion_standards",
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    status = FSMField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    violation = models.TextField(_("violation"))
    violated_provision = models.ForeignKey(
        Provision,
        verbose_name=_("provision violated"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    penalty_provision = models.ForeignKey(
        Provision,
        verbose_name=_("penalty provision"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    allowed_types = models.ManyToManyField(
        PenaltyType, verbose_name=_("penalty types the statute allows"), related_name="+"
    )
    fine_basis = models.CharField(
        _("fine counted as"), max_length=16, choices=FineBasis.choices, default=FineBasis.AMOUNT
    )
    fine_min = models.DecimalField(
        _("statutory fine minimum"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    fine_max = models.DecimalField(
        _("statutory fine maximum"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    base_threshold = models.DecimalField(
        _("amount below which a fixed fine applies"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("For laws that fine a fixed amount when the income or value is small."),
    )
    threshold_fine_min = models.DecimalField(
        _("fixed fine minimum below the threshold"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
    )
    threshold_fine_max = models.DecimalField(
        _("fixed fine maximum below the threshold"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
    )
    registration_number = models.CharField(_("registration number"), max_length=60, blank=True)
    registered_on = models.DateField(_("registered on"), null=True, blank=True)
    return_reason = models.TextField(_("reason for return"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submission_round = models.PositiveIntegerField(_("submission round"), default=0)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    class Meta:
        verbose_name = _("discretion standard")
        verbose_name_plural = _("discretion standards")
        ordering = ["agency_id", "power_id", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["power", "version"], name="discretion_version_unique"),
            models.UniqueConstraint(
                fields=["power"],
                condition=Q(status="registered"),
                name="discretion_one_registered_per_power",
            ),
            models.UniqueConstraint(
                fields=["power"],
                condition=Q(status__in=["draft", "submitted", "returned"]),
                name="discretion_one_open_version_per_power",
            ),
            models.CheckConstraint(
                condition=Q(fine_min__isnull=True)
                | Q(fine_max__isnull=True)
                | Q(fine_min__lte=F("fine_max")),
                name="discretion_statutory_fine_ordered",
            ),
            models.CheckConstraint(
                condition=Q(fine_min__isnull=True) | Q(fine_min__gte=0),
                name="discretion_statutory_fine_not_negative",
            ),
        ]
        indexes = [models.Index(fields=["agency", "status"])]

    def __str__(self) -> str:
        return f"{self.power.name}（{self.version_label}）"

    @property
    def version_label(self) -> str:
        return f"V{self.version}"

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE

    @property
    def is_registered(self) -> bool:
        return self.status == self.Status.REGISTERED

    @property
    def is_multiple(self) -> bool:
        return self.fine_basis in (FineBasis.ILLEGAL_INCOME, FineBasis.GOODS_VALUE)

    @property
    def statutory_fine_text(self) -> str:
        return fine_text(
            self.fine_basis,
            self.fine_min,
            self.fine_max,
            self.base_threshold,
            self.threshold_fine_min,
            self.threshold_fine_max,
        )

    # Lifecycle (same as the power registry): draft -> submitted -> registered | returned.
    @transition(field=status, source=[Status.DRAFT, Status.RETURNED], target=Status.SUBMITTED)
    def submit(self) -> None:
        self.submission_round += 1
        self.return_reason = ""

    @transition(field=status, source=Status.SUBMITTED, target=Status.RETURNED)
    def return_for_revision(self, reason: str) -> None:
        self.return_reason = reason

    @transition(field=status, source=Status.SUBMITTED, target=Status.REGISTERED)
    def register(self, number: str, day) -> None:
        self.registration_number = number
        self.registered_on = day

    @transition(field=status, source=Status.REGISTERED, target=Status.SUPERSEDED)
    def supersede(self) -> None:
        pass


class PenaltyBand(models.Model):
    """One penalty band (处罚档次) of a standard: a severity level, when it applies, what it gives.

    The fine range is counted in the standard's ``fine_basis``; for standards with a
    threshold, ``threshold_fine_*`` is the band's fixed amount below the threshold.
    """

    standard = models.ForeignKey(
        DiscretionStandard,
        verbose_name=_("discretion standard"),
        on_delete=models.CASCADE,
        related_name="bands",
    )
    position = models.PositiveSmallIntegerField(_("band"))
    severity = models.CharField(_("severity"), max_length=16, choices=Severity.choices)
    circumstances = models.TextField(_("circumstances it applies to"))
    penalty_types = models.ManyToManyField(
        PenaltyType, verbose_name=_("penalty types"), related_name="+"
    )
    fine_min = models.DecimalField(
        _("fine minimum"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    fine_max = models.DecimalField(
        _("fine maximum"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    threshold_fine_min = models.DecimalField(
        _("fixed fine minimum below the threshold"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
    )
    threshold_fine_max = models.DecimalField(
        _("fixed fine maximum below the threshold"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
    )

    class Meta:
        verbose_name = _("penalty band")
        verbose_name_plural = _("penalty bands")
        ordering = ["standard_id", "position"]
        constraints = [
            models.UniqueConstraint(fields=["standard", "position"], name="band_position_unique"),
            models.CheckConstraint(
                condition=Q(fine_min__isnull=True)
                | Q(fine_max__isnull=True)
                | Q(fine_min__lte=F("fine_max")),
                name="band_fine_ordered",
            ),
            models.CheckConstraint(
                condition=Q(position__gte=1) & Q(position__lte=8), name="band_position_1_to_8"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_severity_display()} · {self.position}"

    @property
    def penalty_text(self) -> str:
        return penalty_text(self.standard, self)


class Circumstance(models.Model):
    """A circumstance a case officer ticks: lighter, reduced, heavier or no penalty."""

    class Kind(models.TextChoices):
        LIGHTER = "lighter", _("Lighter penalty (从轻, Art. 32)")
        REDUCED = "reduced", _("Reduced penalty (减轻, Art. 32)")
        HEAVIER = "heavier", _("Heavier penalty (从重)")
        NO_PENALTY = "no_penalty", _("No penalty (不予处罚, Art. 33)")

    standard = models.ForeignKey(
        DiscretionStandard,
        verbose_name=_("discretion standard"),
        on_delete=models.CASCADE,
        related_name="circumstances",
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    text = models.CharField(_("circumstance"), max_length=300)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("circumstance")
        verbose_name_plural = _("circumstances")
        ordering = ["standard_id", "kind", "order", "id"]

    def __str__(self) -> str:
        return self.text

    @classmethod
    def in_kind_order(cls) -> models.QuerySet[Circumstance]:
        """Lighter, reduced, heavier, no penalty: the order Art. 32-33 and officers read them."""
        rank = models.Case(
            *(models.When(kind=kind, then=i) for i, kind in enumerate(cls.Kind.values)),
            output_field=models.IntegerField(),
        )
        return cls.objects.order_by(rank, "order", "id")


class ExpertOpinion(models.Model):
    """One expert reviewer's opinion on a submitted standard (专家评审意见)."""

    class Verdict(models.TextChoices):
        AGREE = "agree", _("Agree to register")
        REVISE = "revise", _("Needs revision")

    standard = models.ForeignKey(
        DiscretionStandard,
        verbose_name=_("discretion standard"),
        on_delete=models.CASCADE,
        related_name="opinions",
    )
    submission_round = models.PositiveIntegerField(_("submission round"))
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    verdict = models.CharField(_("verdict"), max_length=8, choices=Verdict.choices)
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(_("time"), auto_now_add=True)

    class Meta:
        verbose_name = _("expert opinion")
        verbose_name_plural = _("expert opinions")
        ordering = ["standard_id", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["standard", "submission_round", "reviewer"],
                name="one_opinion_per_reviewer_per_round",
            )
        ]

    def __str__(self) -> str:
        return f"{self.reviewer} · {self.get_verdict_display()}"


class OutcomeListEntry(models.Model):
    """One entry of an agency's published no-penalty or lighter-penalty list (清单).

    Each agency publishes a 不予处罚清单, a 从轻减轻处罚清单 and a 首违不罚清单 (行政处罚法
    Arts. 32-33): the violation, its basis and the conditions. A case's decision may rely on
    an entry; an entry is withdrawn (never deleted), so decisions keep pointing at it.
    """

    class Kind(models.TextChoices):
        NO_PENALTY = "no_penalty", _("No-penalty list (不予处罚清单)")
        FIRST_VIOLATION = "first_violation", _("First-violation list (首违不罚清单)")
        LIGHTER = "lighter", _("Lighter or reduced penalty list (从轻减轻处罚清单)")

    agency = models.ForeignKey(
        "powers.Agency",
        verbose_name=_("agency"),
        on_delete=models.PROTECT,
        related_name="outcome_list_entries",
    )
    kind = models.CharField(_("list"), max_length=20, choices=Kind.choices)
    power = models.ForeignKey(
        Power, verbose_name=_("power"), on_delete=models.PROTECT, related_name="+"
    )
    violation = models.CharField(_("violation"), max_length=300)
    basis = models.TextField(_("basis"))
    conditions = models.TextField(_("conditions"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawn_reason = models.TextField(_("reason for the withdrawal"), blank=True)

    class Meta:
        verbose_name = _("list entry")
        verbose_name_plural = _("list entries")
        ordering = ["agency_id", "kind", "id"]
        indexes = [models.Index(fields=["agency", "kind", "power"], name="outcome_list_lookup")]
        constraints = [
            models.CheckConstraint(
                condition=Q(withdrawn_at__isnull=True) | ~Q(withdrawn_reason=""),
                name="outcome_list_withdrawal_needs_reason",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.violation}"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None
