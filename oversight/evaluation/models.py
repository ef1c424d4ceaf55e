"""Evaluation (考评) of agencies: the metrics, their weights, periods and scores."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Metric(models.TextChoices):
    CASES = "cases", _("Cases filed")
    OVERDUE = "overdue", _("Overdue rate")
    TIMELINESS = "timeliness", _("Disclosure on time")
    AGREEMENT = "agreement", _("Legal review agreement rate")
    DEVIATION = "deviation", _("Discretion deviation rate")
    REPORTS = "reports", _("Reports received")
    WARNINGS = "warnings", _("Warnings by level and state")


class EvaluationWeight(models.Model):
    """How much one metric counts in the score; set by an administrator in the admin."""

    metric = models.CharField(_("metric"), max_length=16, choices=Metric.choices, unique=True)
    weight = models.DecimalField(_("weight"), max_digits=6, decimal_places=2)

    class Meta:
        verbose_name = _("evaluation weight")
        verbose_name_plural = _("evaluation weights")
        ordering = ["metric"]
        constraints = [
            models.CheckConstraint(
                condition=Q(weight__gte=0), name="evaluation_weight_not_negative"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_metric_display()} {self.weight}"


class EvaluationPeriod(models.Model):
    """A month, quarter or year evaluated; once frozen its scores never change."""

    class Kind(models.TextChoices):
        MONTH = "month", _("Month")
        QUARTER = "quarter", _("Quarter")
        YEAR = "year", _("Year")

    kind = models.CharField(_("period"), max_length=8, choices=Kind.choices)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))
    weights = models.JSONField(_("weights used"), default=dict, blank=True)
    computed_at = models.DateTimeField(_("computed"), null=True, blank=True)
    frozen_at = models.DateTimeField(_("frozen"), null=True, blank=True)
    frozen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("evaluation period")
        verbose_name_plural = _("evaluation periods")
        ordering = ["-starts_on", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "starts_on"], name="one_evaluation_per_period"),
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="evaluation_period_ordered"
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        start = self.starts_on
        if self.kind == self.Kind.YEAR:
            return f"{start.year}年度"
        if self.kind == self.Kind.QUARTER:
            return f"{start.year}年第{(start.month - 1) // 3 + 1}季度"
        return f"{start.year}年{start.month}月"

    @property
    def is_frozen(self) -> bool:
        return self.frozen_at is not None


class EvaluationScore(models.Model):
    """One agency's score in one period, with the breakdown it was computed from."""

    period = models.ForeignKey(EvaluationPeriod, on_delete=models.CASCADE, related_name="scores")
    agency = models.ForeignKey(
        "powers.Agency", verbose_name=_("agency"), on_delete=models.PROTECT, related_name="+"
    )
    score = models.DecimalField(_("score"), max_digits=6, decimal_places=2)
    rank = models.PositiveIntegerField(_("rank"))
    breakdown = models.JSONField(_("breakdown"), default=dict)

    class Meta:
        verbose_name = _("evaluation score")
        verbose_name_plural = _("evaluation scores")
        ordering = ["period", "rank", "agency_id"]
        constraints = [
            models.UniqueConstraint(fields=["period", "agency"], name="one_score_per_agency_period")
        ]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.score}"
