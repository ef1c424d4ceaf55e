"""Filing (备案): batches of submitted powers and the versions reviewers register."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition

from .agencies import Agency
from .registry import Power, PowerBasis, PowerContent
from .regulations import Provision


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
