"""The whole-process record (全过程记录): written records and evidence files, and the periodic
re-hash of each file."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from powers.models import Officer

from .cases import Case
from .templates import ProcessNode


def evidence_path(instance: Record, filename: str) -> str:
    # No user-supplied name or extension on disk: the content decides the type.
    import uuid

    return f"evidence/{instance.case_id}/{uuid.uuid4().hex}"


class Record(models.Model):
    """A written record or an audio, video or photo evidence file (全过程记录)."""

    class Kind(models.TextChoices):
        ON_SITE = "on_site", _("On-site record (现场笔录)")
        INQUIRY = "inquiry", _("Inquiry record (询问笔录)")
        HEARING = "hearing", _("Hearing record (听证笔录)")
        PROPERTY_LIST = "property_list", _("Property list (财物清单)")
        OTHER_WRITTEN = "other_written", _("Other written record")
        AUDIO = "audio", _("Audio recording")
        VIDEO = "video", _("Video recording")
        PHOTO = "photo", _("Photo")

    class Signature(models.TextChoices):
        SIGNED = "signed", _("Signed by the party")
        REFUSED = "refused", _("Party refused to sign")
        NOT_APPLICABLE = "na", _("Not applicable")

    WRITTEN = (Kind.ON_SITE, Kind.INQUIRY, Kind.HEARING, Kind.PROPERTY_LIST, Kind.OTHER_WRITTEN)
    AUDIO_VIDEO = (Kind.AUDIO, Kind.VIDEO)

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="records")
    node = models.ForeignKey(
        ProcessNode, verbose_name=_("node"), on_delete=models.PROTECT, related_name="records"
    )
    kind = models.CharField(_("kind"), max_length=15, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    content = models.TextField(_("content"), blank=True)
    recorded_at = models.DateTimeField(_("recorded at"))
    place = models.CharField(_("place"), max_length=200)
    officers = models.ManyToManyField(Officer, verbose_name=_("officers"), related_name="records")
    signature = models.CharField(
        _("party's signature"), max_length=10, choices=Signature.choices, default=Signature.SIGNED
    )
    refusal_note = models.TextField(_("officers' note on the refusal"), blank=True)
    file = models.FileField(_("file"), upload_to=evidence_path, blank=True, max_length=200)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    size = models.PositiveBigIntegerField(_("size in bytes"), null=True, blank=True)
    content_type = models.CharField(_("content type"), max_length=60, blank=True)
    original_name = models.CharField(_("original file name"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("record")
        verbose_name_plural = _("records")
        ordering = ["case_id", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(signature="refused") | ~Q(refusal_note=""),
                name="record_refusal_needs_note",
            ),
            models.CheckConstraint(
                condition=Q(file="") | Q(sha256__regex=r"^[0-9a-f]{64}$"),
                name="record_file_is_hashed",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def agency_id(self):
        return self.case.agency_id

    @property
    def has_file(self) -> bool:
        return bool(self.file)


class EvidenceCheck(models.Model):
    """The latest periodic re-hash of one evidence file (证据完整性核验).

    One row per record with a file, upserted by ``workflows.integrity.evidence_verify``.
    """

    class Status(models.TextChoices):
        OK = "ok", _("Matches its hash")
        MISMATCH = "mismatch", _("Does not match its hash")
        MISSING = "missing", _("File missing")

    FAILED = (Status.MISMATCH, Status.MISSING)

    record = models.OneToOneField(
        Record, on_delete=models.CASCADE, primary_key=True, related_name="integrity"
    )
    # A check's result, not a lifecycle: each run overwrites it with what it found.
    result = models.CharField(
        _("result"), max_length=10, choices=Status.choices, db_column="status"
    )
    found_sha256 = models.CharField(_("SHA-256 found"), max_length=64, blank=True)
    verified_at = models.DateTimeField(_("last verified at"))
    failed_since = models.DateTimeField(_("failing since"), null=True, blank=True)

    class Meta:
        verbose_name = _("evidence integrity check")
        verbose_name_plural = _("evidence integrity checks")
        indexes = [models.Index(fields=["result"], name="evidence_check_status")]

    def __str__(self) -> str:
        return f"{self.record_id}: {self.result}"
