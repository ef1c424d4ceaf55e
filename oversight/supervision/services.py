"""Supervision records: a discipline unit records a check, its findings and the follow-up.

Supervisors (discipline) create and edit records and verify rectification; the inspected
agency's leader reports what was rectified. Every change is an audit event.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from enforcement_portal import uploads
from enforcement_portal.audit import audit_append, model_changes, snapshot
from workflows.conf import upload_max_bytes
from workflows.evidence import IMAGE, PDF, sha256_of, sniff
from workflows.models import Case

from ..models import EarlyWarning, Finding, SupervisionAttachment, SupervisionRecord

RECORD_FIELDS = ["unit", "agency", "checked_on", "method", "matters"]
FINDING_FIELDS = ["kind", "description", "requirement", "deadline"]


def parse_case_numbers(text: str, agency) -> list[Case]:
    """Case numbers, one per line or separated by commas, all of the inspected agency's."""
    numbers = [n for n in re.split(r"[\s,，;；]+", text or "") if n]
    if not numbers:
        return []
    found = {c.number: c for c in Case.objects.filter(number__in=numbers, agency=agency)}
    missing = [n for n in numbers if n not in found]
    if missing:
        raise ValidationError(
            {
                "case_numbers": _("No case of the inspected agency has the number %(numbers)s.")
                % {"numbers": "、".join(missing)}
            }
        )
    return list(found.values())


def parse_warning_ids(text: str, agency) -> list[EarlyWarning]:
    raw = [n.lstrip("#") for n in re.split(r"[\s,，;；]+", text or "") if n]
    if not raw:
        return []
    if not all(n.isdigit() for n in raw):
        raise ValidationError({"warning_ids": _("Give warning numbers as digits, e.g. 12, 15.")})
    ids = {int(n) for n in raw}
    found = list(EarlyWarning.objects.filter(pk__in=ids, agency=agency))
    missing = sorted(ids - {w.pk for w in found})
    if missing:
        raise ValidationError(
            {
                "warning_ids": _(
                    "No warning about the inspected agency has the number %(numbers)s."
                )
                % {"numbers": "、".join(str(n) for n in missing)}
            }
        )
    return found


def _check_record(data: dict) -> None:
    if data["agency"].pk == data["unit"].pk or not data["agency"].is_enforcement_body:
        raise ValidationError({"agency": _("Choose the enforcement agency that was inspected.")})
    if data["unit"].is_enforcement_body:
        raise ValidationError({"unit": _("Choose a discipline-inspection unit.")})
    if data["checked_on"] > timezone.localdate():
        raise ValidationError({"checked_on": _("The date of the check cannot be in the future.")})
    if not (data.get("matters") or "").strip():
        raise ValidationError({"matters": _("Say what was checked.")})


@transaction.atomic
def record_create(*, actor, data: dict) -> SupervisionRecord:
    """``data``: unit, agency, checked_on, method, matters, case_numbers, warning_ids."""
    _check_record(data)
    cases = parse_case_numbers(data.get("case_numbers", ""), data["agency"])
    warnings = parse_warning_ids(data.get("warning_ids", ""), data["agency"])
    record = SupervisionRecord.objects.create(
        **{f: data[f] for f in RECORD_FIELDS}, created_by=actor
    )
    record.cases.set(cases)
    record.warnings.set(warnings)
    audit_append(
        action="supervision.create",
        obj=record,
        actor=actor,
        changes={
            **model_changes(record, RECORD_FIELDS),
            "cases": sorted(c.number for c in cases),
            "warnings": sorted(w.pk for w in warnings),
        },
    )
    return record


@transaction.atomic
def record_update(*, record: SupervisionRecord, actor, data: dict) -> SupervisionRecord:
    record = SupervisionRecord.objects.select_for_update().get(pk=record.pk)
    _check_record(data)
    cases = parse_case_numbers(data.get("case_numbers", ""), data["agency"])
    warnings = parse_warning_ids(data.get("warning_ids", ""), data["agency"])
    before = snapshot(record, RECORD_FIELDS)
    before_links = (
        sorted(record.cases.values_list("number", flat=True)),
        sorted(record.warnings.values_list("pk", flat=True)),
    )
    for f in RECORD_FIELDS:
        setattr(record, f, data[f])
    record.save()
    record.cases.set(cases)
    record.warnings.set(warnings)
    changes = model_changes(record, RECORD_FIELDS, before)
    after_links = (sorted(c.number for c in cases), sorted(w.pk for w in warnings))
    if after_links[0] != before_links[0]:
        changes["cases"] = [before_links[0], after_links[0]]
    if after_links[1] != before_links[1]:
        changes["warnings"] = [before_links[1], after_links[1]]
    audit_append(action="supervision.update", obj=record, actor=actor, changes=changes)
    return record


@transaction.atomic
def finding_add(*, record: SupervisionRecord, actor, data: dict) -> Finding:
    if data["deadline"] < record.checked_on:
        raise ValidationError({"deadline": _("The deadline cannot be before the check.")})
    for field in ("description", "requirement"):
        if not (data.get(field) or "").strip():
            raise ValidationError(
                {field: _("Describe the problem and the rectification required.")}
            )
    finding = Finding.objects.create(record=record, **{f: data[f] for f in FINDING_FIELDS})
    audit_append(
        action="supervision.finding_add",
        obj=record,
        actor=actor,
        changes={"finding": finding.pk, **model_changes(finding, FINDING_FIELDS)},
    )
    return finding


def _locked_finding(finding: Finding) -> Finding:
    return (
        Finding.objects.select_for_update(of=("self",)).select_related("record").get(pk=finding.pk)
    )


@transaction.atomic
def finding_report_rectification(*, finding: Finding, actor, note: str, upload=None) -> Finding:
    """The inspected agency says what it rectified (整改中 → 已报整改)."""
    finding = _locked_finding(finding)
    if finding.status != Finding.Status.RECTIFYING:
        raise ValidationError(_("This finding is not awaiting rectification."))
    if not (note or "").strip():
        raise ValidationError({"note": _("Describe what was rectified.")})
    attachment = (
        attachment_add(record=finding.record, finding=finding, actor=actor, upload=upload)
        if upload
        else None
    )
    finding.report_rectification()
    finding.rectification_note = note.strip()
    finding.rectified_on = timezone.localdate()
    finding.save(update_fields=["status", "rectification_note", "rectified_on"])
    audit_append(
        action="supervision.rectify",
        obj=finding.record,
        actor=actor,
        changes={
            "finding": finding.pk,
            "status": finding.status,
            "note": finding.rectification_note,
            "attachment": attachment.original_name if attachment else "",
        },
    )
    return finding


@transaction.atomic
def finding_verify(*, finding: Finding, actor, accepted: bool, note: str = "") -> Finding:
    """The unit verifies (已整改) or sends the rectification back (整改中) with a reason."""
    finding = _locked_finding(finding)
    if finding.status != Finding.Status.REPORTED:
        raise ValidationError(_("Nothing has been reported for this finding yet."))
    if not accepted and not (note or "").strip():
        raise ValidationError({"note": _("Say why the rectification is not accepted.")})
    if accepted:
        finding.verify()
        finding.verified_on, finding.verified_by = timezone.localdate(), actor
    else:
        finding.send_back()
    finding.verification_note = (note or "").strip()
    finding.save(update_fields=["status", "verified_on", "verified_by", "verification_note"])
    audit_append(
        action="supervision.verify" if accepted else "supervision.return",
        obj=finding.record,
        actor=actor,
        changes={
            "finding": finding.pk,
            "status": finding.status,
            "note": finding.verification_note,
        },
    )
    return finding


def attachment_add(
    *, record: SupervisionRecord, actor, upload, finding: Finding | None = None
) -> SupervisionAttachment:
    """A PDF or picture, judged by its content (never its name), within the upload limit."""
    limit = upload_max_bytes()
    if upload.size > limit:
        raise ValidationError(
            {
                "attachment": _("The file is %(size)s MB; at most %(limit)s MB is accepted.")
                % {"size": round(upload.size / 1048576, 1), "limit": round(limit / 1048576, 1)}
            }
        )
    upload.seek(0)
    sniffed = sniff(upload.read(64))
    if sniffed is None or sniffed[1] not in (PDF, IMAGE):
        raise ValidationError(
            {"attachment": _("Only PDF files and pictures are accepted, whatever the name says.")}
        )
    upload.seek(0)
    digest, size = sha256_of(upload.chunks())
    upload.seek(0)
    attachment = SupervisionAttachment(
        record=record,
        finding=finding,
        original_name=(getattr(upload, "name", "") or "")[-200:],
        content_type=sniffed[0],
        size=size,
        sha256=digest,
        uploaded_by=actor,
    )
    with uploads.atomic():
        uploads.store(attachment.file, "file", upload)
        attachment.save()
        audit_append(
            action="supervision.attach",
            obj=record,
            actor=actor,
            changes={
                "attachment": attachment.pk,
                "name": attachment.original_name,
                "sha256": digest,
                "finding": finding.pk if finding else None,
            },
        )
    return attachment
