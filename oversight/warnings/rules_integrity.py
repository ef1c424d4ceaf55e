"""The evidence-integrity warning: an evidence file the periodic re-hash found missing or altered.

Registered through ``@rule`` (registry.py) like the other rules; no rule module imports
another. The warning clears itself when a later check finds the file intact again.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Case, CharField, F, IntegerField, Value, When
from django.db.models.functions import Cast, Concat, TruncDate
from django.utils.translation import gettext_lazy as _

from workflows.models import EvidenceCheck, Record

from ..models import Level
from .registry import rule


@rule(
    code="evidence_integrity",
    name=_("Evidence file fails its integrity check"),
    description=_(
        "The periodic re-verification found an evidence file missing, or its content no "
        "longer matches the SHA-256 recorded when it was uploaded."
    ),
    level=Level.RED,
    subject_type="workflows.record",
    orange_after_days=0,
    red_after_days=0,
)
def evidence_integrity(rule_row, today: dt.date):
    return Record.objects.filter(integrity__result__in=EvidenceCheck.FAILED).values(
        subject_id=Cast("pk", CharField()),
        label=Concat("case__number", Value(" "), "title", output_field=CharField()),
        detail=Concat(
            Case(
                When(
                    integrity__result=EvidenceCheck.Status.MISSING,
                    then=Value("证据文件缺失"),
                ),
                default=Value("证据文件与登记的SHA-256值不符"),
                output_field=CharField(),
            ),
            Value("（首次发现于 "),
            Cast(TruncDate("integrity__failed_since"), CharField()),
            Value("）"),
            output_field=CharField(),
        ),
        agency_ref=F("case__agency_id"),
        officer_ref=Value(None, output_field=IntegerField()),
    )


@rule(
    code="audit_chain_broken",
    name=_("Audit trail fails its hash-chain check"),
    description=_(
        "The latest scheduled verification of the audit trail found an event altered, "
        "removed or rewritten, or the chain no longer matches the heads exported outside "
        "the database."
    ),
    level=Level.RED,
    subject_type="core.auditchain",
    orange_after_days=0,
    red_after_days=0,
)
def audit_chain_broken(rule_row, today: dt.date):
    """Supervisors only (no agency): the trail is the whole portal's. Resolves itself when a
    later verification passes (after the damage is repaired from a backup)."""
    from django.db.models import Exists, OuterRef
    from django.db.models.fields.json import KT

    from enforcement_portal.models import AuditEvent
    from enforcement_portal.tasks import CHAIN_OBJECT, VERIFIED_ACTION

    verifications = AuditEvent.objects.filter(
        object_type=CHAIN_OBJECT[0], object_id=CHAIN_OBJECT[1], action=VERIFIED_ACTION
    )
    return (
        verifications.filter(changes__ok=False)
        .filter(~Exists(verifications.filter(seq__gt=OuterRef("seq"))))
        .values(
            subject_id=Value(CHAIN_OBJECT[1]),
            label=Value("审计日志哈希链"),
            detail=Concat(
                Value("序号 "),
                KT("changes__broken_seq"),
                Value(" 处校验失败："),
                KT("changes__reason"),
                output_field=CharField(),
            ),
            agency_ref=Value(None, output_field=IntegerField()),
            officer_ref=Value(None, output_field=IntegerField()),
        )
    )
