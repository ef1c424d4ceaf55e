"""Service records (送达回证, Art. 61) of every served document: the notice, the hearing notice,
the decision and the reminder to perform (催告书). Service follows the Civil Procedure Law:
in person, left at the address with witnesses (留置), by post with its tracking number, by
public notice with its dates, or electronically only with the party's signed consent to that
address. The decision's receipt is the day later deadlines count from.

Callers have checked permission. Every write is audited and appended to the case's timeline.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from enforcement_portal.audit import audit_append

from .. import deadlines
from ..models import Approval, Case, Decision, Hearing, ServiceRecord, UrgeNotice
from ..selectors_procedure import current_notice, is_simplified
from ._shared import event, lock

Kind = ServiceRecord.DocumentKind
Method = ServiceRecord.Method


def _decision_received(case: Case, received_on: dt.date, user=None) -> None:
    """Called when the decision's service record is saved, with the day the party received it:
    the payment period and the reconsideration and lawsuit windows count from this day
    (Arts. 67, 73), through the execution service that records it on the decision."""
    from .execution import decision_mark_received

    decision_mark_received(case=case, received_on=received_on, user=user)


def _method_errors(method: str, data: dict) -> dict[str, str]:
    errors: dict[str, str] = {}
    if method == Method.LEFT and not data["witnesses"].strip():
        errors["witnesses"] = _(
            "Administrative Penalty Law Art. 61 (Civil Procedure Law Art. 89): service left at "
            "the address names the witnesses."
        )
    elif method == Method.POST and not data["tracking_number"].strip():
        errors["tracking_number"] = _(
            "Administrative Penalty Law Art. 61: service by post records the tracking number."
        )
    elif method == Method.PUBLIC:
        start, end = data["public_from"], data["public_until"]
        if start is None or end is None or end < start:
            errors["public_until"] = _(
                "Administrative Penalty Law Art. 61 (Civil Procedure Law Art. 95): service by "
                "public notice records when the notice ran, from and until."
            )
    elif method == Method.ELECTRONIC:
        address = data["electronic_address"].strip()
        if not address or not data["consent_document"].strip():
            errors["consent_document"] = _(
                "Administrative Penalty Law Art. 61: electronic service only with the party's "
                "signed consent; record the consent and the address."
            )
        elif data["consent_address"].strip() != address:
            errors["electronic_address"] = _(
                "Administrative Penalty Law Art. 61: the party consented to another address."
            )
    elif method not in Method.values:
        errors["method"] = _("Choose how the document was served.")
    return errors


@transaction.atomic
def service_record_add(
    *,
    case: Case,
    user,
    document_kind: str,
    method: str,
    served_on: dt.date,
    received_on: dt.date | None = None,
    recipient: str = "",
    witnesses: str = "",
    tracking_number: str = "",
    public_from: dt.date | None = None,
    public_until: dt.date | None = None,
    electronic_address: str = "",
    consent_document: str = "",
    consent_address: str = "",
) -> ServiceRecord:
    """Record how and when a document was served and received (Art. 61)."""
    case = lock(case, None)
    today = timezone.localdate()
    if method == Method.PUBLIC and received_on is None:
        received_on = public_until
    received_on = received_on or served_on
    data = {
        "witnesses": witnesses,
        "tracking_number": tracking_number,
        "public_from": public_from,
        "public_until": public_until,
        "electronic_address": electronic_address,
        "consent_document": consent_document,
        "consent_address": consent_address,
    }
    errors = _method_errors(method, data)
    if served_on is None or served_on > today or served_on < case.filed_on:
        errors["served_on"] = _("Served between the filing and today.")
    elif received_on is None or received_on < served_on or received_on > today:
        errors["received_on"] = _("Received on or after the day served, not after today.")
    if errors:
        raise ValidationError(errors)
    notice = None
    urge: UrgeNotice | None = None
    if document_kind == Kind.NOTICE:
        notice = current_notice(case)
        if notice is None:
            raise ValidationError(_("Issue the notice of the proposed penalty first."))
        if ServiceRecord.objects.filter(notice=notice, document_kind=Kind.NOTICE).exists():
            raise ValidationError(_("This notice has already been served."))
        if served_on < notice.issued_on:
            raise ValidationError({"served_on": _("Served on or after the notice was issued.")})
    elif document_kind == Kind.HEARING_NOTICE:
        hearing = Hearing.objects.filter(case=case, status=Hearing.Status.SCHEDULED).first()
        if hearing is None:
            raise ValidationError(_("Schedule the hearing first."))
        assert hearing.hearing_on is not None  # a scheduled hearing has its date
        latest = deadlines.hearing_notice_latest(hearing.hearing_on)
        if received_on > latest:
            raise ValidationError(
                {
                    "received_on": _(
                        "Administrative Penalty Law Art. 64: the hearing notice is served at "
                        "least 7 working days before the hearing, by %(d)s; reschedule it."
                    )
                    % {"d": latest}
                }
            )
    elif document_kind == Kind.URGE:
        urge = UrgeNotice.objects.select_for_update().filter(case=case).first()
        if urge is None:
            raise ValidationError(
                _("Administrative Compulsion Law Art. 54: issue the 催告书 before serving it.")
            )
        if ServiceRecord.objects.filter(urge=urge).exists():
            raise ValidationError(_("This 催告书 has already been served."))
        if served_on < urge.issued_on:
            raise ValidationError({"served_on": _("Served on or after the 催告书 was issued.")})
    elif document_kind == Kind.DECISION:
        decision = Decision.objects.filter(case=case).first()
        if decision is None:
            raise ValidationError(_("There is no decision yet."))
        if not is_simplified(case) and not Approval.objects.filter(case=case).exists():
            raise ValidationError(
                _(
                    "Administrative Penalty Law Art. 57: the decision is served once the "
                    "responsible person has approved it."
                )
            )
        if served_on < decision.decided_on:
            raise ValidationError({"served_on": _("Served on or after the decision.")})
        if ServiceRecord.objects.filter(case=case, document_kind=Kind.DECISION).exists():
            raise ValidationError(_("The decision has already been served."))
    else:
        raise ValidationError({"document_kind": _("Choose the document served.")})
    record = ServiceRecord.objects.create(
        case=case,
        document_kind=document_kind,
        notice=notice,
        urge=urge,
        method=method,
        recipient=recipient,
        served_by=user,
        served_on=served_on,
        received_on=received_on,
        **data,
    )
    audit_append(
        action="service.record",
        obj=case,
        actor=user,
        changes={
            "document": document_kind,
            "method": method,
            "served_on": str(served_on),
            "received_on": str(received_on),
        },
    )
    event(
        case,
        "service",
        _("%(doc)s served (%(m)s) on %(s)s, received on %(r)s")
        % {
            "doc": record.get_document_kind_display(),
            "m": record.get_method_display(),
            "s": served_on,
            "r": received_on,
        },
        user,
    )
    if document_kind == Kind.DECISION:
        _decision_received(case, received_on, user)
    elif urge is not None:
        from .enforcement import urge_served

        urge_served(case=case, urge=urge, served_on=served_on, received_on=received_on, user=user)
    return record
