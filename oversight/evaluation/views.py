"""Evaluation (考评): periods, the ranking with each score's breakdown, XLSX export."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View

from enforcement_portal import tables

from . import services
from .forms import PeriodForm
from .models import EvaluationPeriod, Metric


class EvaluationMixin(LoginRequiredMixin):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not request.user.has_perm("oversight.view_evaluation"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class EvaluationListView(EvaluationMixin, View):
    def show(self, request, form=None, status=200):
        context = {
            "periods": EvaluationPeriod.objects.select_related("frozen_by"),
            "form": form or PeriodForm(),
            "can_change": request.user.has_perm("oversight.change_evaluation"),
        }
        return render(request, "oversight/evaluation/list.html", context, status=status)

    def get(self, request):
        return self.show(request)

    def post(self, request):
        if not request.user.has_perm("oversight.change_evaluation"):
            raise PermissionDenied
        form = PeriodForm(request.POST)
        if not form.is_valid():
            return self.show(request, form, status=400)
        period = services.evaluation_period_open(
            kind=form.cleaned_data["kind"], day=form.cleaned_data["day"], actor=request.user
        )
        return redirect("oversight:evaluation", pk=period.pk)


def ranking(period: EvaluationPeriod) -> list[dict]:
    metrics = list(Metric.choices)
    rows = []
    for score in period.scores.select_related("agency").order_by("rank", "agency__code"):
        breakdown = score.breakdown.get("metrics", {})
        rows.append(
            {
                "score": score,
                "cells": [(label, breakdown.get(code, {})) for code, label in metrics],
            }
        )
    return rows


class EvaluationDetailView(EvaluationMixin, View):
    def get(self, request, pk):
        period = get_object_or_404(EvaluationPeriod.objects.select_related("frozen_by"), pk=pk)
        rows = ranking(period)
        if request.GET.get("format") == "xlsx":
            return self.xlsx(period, rows)
        context = {
            "period": period,
            "rows": rows,
            "metrics": Metric.choices,
            "weights": [(label, period.weights.get(code, "—")) for code, label in Metric.choices],
            "can_change": request.user.has_perm("oversight.change_evaluation"),
        }
        return render(request, "oversight/evaluation/detail.html", context)

    def post(self, request, pk):
        if not request.user.has_perm("oversight.change_evaluation"):
            raise PermissionDenied
        period = get_object_or_404(EvaluationPeriod, pk=pk)
        action = request.POST.get("action")
        try:
            if action == "compute":
                services.evaluation_compute(period=period, actor=request.user)
            elif action == "freeze":
                services.evaluation_freeze(period=period, actor=request.user)
            else:
                raise Http404
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Saved."))
        return redirect("oversight:evaluation", pk=pk)

    def xlsx(self, period: EvaluationPeriod, rows: list[dict]) -> HttpResponse:
        header = [_("Rank"), _("Agency"), _("Score")]
        parts = (_("figure"), _("sub-score"), _("points"))
        for _code, label in Metric.choices:
            header += ["%s（%s）" % (label, part) for part in parts]  # noqa: UP031
        lines = []
        for row in rows:
            score = row["score"]
            line = [score.rank, score.agency.name, float(score.score)]
            for _label, cell in row["cells"]:
                line += [
                    cell.get("figure", ""),
                    float(cell["subscore"]) if cell.get("subscore") else "",
                    float(cell["points"]) if cell.get("points") else "",
                ]
            lines.append(line)
        weights = [[label, period.weights.get(code, "")] for code, label in Metric.choices]
        return tables.xlsx_response(
            f"evaluation-{period.kind}-{period.starts_on:%Y-%m}.xlsx",
            tables.Sheet(period.label, header, lines),
            tables.Sheet(str(_("Weights")), [], weights),
        )
