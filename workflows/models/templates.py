"""Process templates (执法流程) and their nodes: what a case on a power runs through."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition

from powers.models import Agency, Power


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
