"""Per-agency, per-day counts behind the supervision dashboard (PostgreSQL only).

At a million cases, counting the year's cases, decisions and publications per agency on
every request takes seconds. ``AgencyDay`` holds those counts already summed, one row per
agency per calendar day, kept exact by statement-level triggers on the tables they count
(``oversight/dashboard/figures_sql.py``): every insert, update and delete, whichever code path makes
it (services, bulk updates, the admin, raw SQL), adds and subtracts its rows' contributions
in the same transaction. The dashboard then sums a few thousand small rows.

A row's columns, for agency A and day D:

* ``filed``: cases of A filed on D; ``active``: those of them now open, decided or executed;
* ``due``: active cases of A whose earliest running time limit falls on D (the current
  step's due date, or the 90-day decision limit while still open); a case is overdue on
  day T when that limit is before T, so the overdue count is the sum of ``due`` over D < T;
* ``decisions`` / ``deviations``: decisions in A's cases dated D, and those outside the
  discretion band;
* ``published`` / ``on_time``: A's published or withdrawn publications of decisions dated
  D, and those published by their deadline;
* ``reviews`` / ``agreed``: legal reviews at A concluded on D, and those agreed;
* ``reports``: public reports about A received on D.

On SQLite (the embedded default) there are no triggers and the dashboard counts live.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

COUNT_FIELDS = (
    "filed",
    "active",
    "due",
    "decisions",
    "deviations",
    "published",
    "on_time",
    "reviews",
    "agreed",
    "reports",
)


class AgencyDay(models.Model):
    """Counts for one agency on one day, maintained by database triggers (see module)."""

    agency = models.ForeignKey(
        "powers.Agency", on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    day = models.DateField(_("day"))
    filed = models.IntegerField(default=0)
    active = models.IntegerField(default=0)
    due = models.IntegerField(default=0)
    decisions = models.IntegerField(default=0)
    deviations = models.IntegerField(default=0)
    published = models.IntegerField(default=0)
    on_time = models.IntegerField(default=0)
    reviews = models.IntegerField(default=0)
    agreed = models.IntegerField(default=0)
    reports = models.IntegerField(default=0)

    class Meta:
        verbose_name = _("agency day figures")
        verbose_name_plural = _("agency day figures")
        constraints = [
            models.UniqueConstraint(fields=["agency", "day"], name="agency_day_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.day}"
