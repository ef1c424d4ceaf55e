"""Spreadsheet imports of power lists, run as background jobs."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition

from .agencies import Agency
from .filing import FilingBatch


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
