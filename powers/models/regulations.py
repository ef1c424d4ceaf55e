"""The regulation ledger: laws and rules with their status, and their provisions (条款)."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, TransitionNotAllowed, can_proceed, transition


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


class RegulationRequest(models.Model):
    """A law an agency cites that the ledger lacks (待补录): listed from a refused import for the
    registry reviewer, who adds it to the ledger (then the agency imports again) or declines."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for the registry")
        ADDED = "added", _("Added to the ledger")
        DECLINED = "declined", _("Declined")

    title = models.CharField(_("title as cited"), max_length=200)
    agency = models.ForeignKey(
        "powers.Agency",
        verbose_name=_("requested by agency"),
        on_delete=models.PROTECT,
        related_name="regulation_requests",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    import_job = models.ForeignKey(
        "powers.ImportJob", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    rows = models.CharField(_("rows citing it"), max_length=200, blank=True)
    status = FSMField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    regulation = models.ForeignKey(
        Regulation, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    resolution_note = models.CharField(_("note"), max_length=300, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)

    class Meta:
        verbose_name = _("regulation to add")
        verbose_name_plural = _("regulations to add")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "title"],
                condition=models.Q(status="pending"),
                name="regulation_request_pending_once",
            )
        ]

    def __str__(self) -> str:
        return f"《{self.title}》"

    @transition(field=status, source=Status.PENDING, target=Status.ADDED)
    def mark_added(self, regulation: Regulation) -> None:
        self.regulation = regulation
        self.resolved_at = timezone.now()

    @transition(field=status, source=Status.PENDING, target=Status.DECLINED)
    def decline(self, note: str) -> None:
        self.resolution_note = note
        self.resolved_at = timezone.now()
