"""The power registry (权力清单): a power's content, its registered row and legal bases."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition

from .agencies import Agency
from .regulations import Provision


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
