"""Hearings (听证, Arts. 63-65): the party's request within the window after the notice is
received, the schedule with a host who is not an officer on the case and a notice served at
least 7 working days before, and the record (笔录) signed or its refusal noted. A hearing held
makes the case major for legal review (Art. 58).

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
from ..models import Case, Hearing, ServiceRecord
from ..selectors_procedure import acts_on_case, current_notice, notice_received_on
from ._shared import bump, event, lock
from .procedure_notice import _open_before_decision


@transaction.atomic
def hearing_request(*, case: Case, user, requested_on: dt.date | None = None) -> Hearing:
    """The party asks for a hearing: only where the notice states the right (Art. 63), within
    the window after the notice is received (Art. 64, 5 working days, a setting)."""
    case = lock(case, None)
    _open_before_decision(case)
    notice = current_notice(case)
    received = notice_received_on(notice)
    if notice is None or received is None:
        raise ValidationError(
            _(
                "Administrative Penalty Law Art. 64: a hearing is requested after the notice is served."
            )
        )
    if not notice.hearing_rights:
        raise ValidationError(
            _(
                "Administrative Penalty Law Art. 63: the proposed penalty carries no right to a "
                "hearing."
            )
        )
    if Hearing.objects.filter(case=case).exists():
        raise ValidationError(_("The party has already asked for a hearing."))
    if notice.waived_on:
        raise ValidationError(
            _("Administrative Penalty Law Art. 62: the party waived the hearing in writing.")
        )
    requested_on = requested_on or timezone.localdate()
    window_ends = deadlines.defence_window_ends(received)
    if requested_on < received or requested_on > timezone.localdate():
        raise ValidationError({"requested_on": _("Dated between receipt of the notice and today.")})
    if requested_on > window_ends:
        raise ValidationError(
            {
                "requested_on": _(
                    "Administrative Penalty Law Art. 64: a hearing is requested within 5 working "
                    "days of receiving the notice, by %(d)s."
                )
                % {"d": window_ends}
            }
        )
    hearing = Hearing.objects.create(
        case=case, notice=notice, requested_on=requested_on, created_by=user
    )
    case.hearing_requested = True
    bump(case, "hearing_requested")
    audit_append(
        action="hearing.request",
        obj=case,
        actor=user,
        changes={"hearing": hearing.pk, "requested_on": str(requested_on)},
    )
    event(
        case,
        "hearing_requested",
        _("The party requested a hearing on %(d)s") % {"d": requested_on},
        user,
    )
    return hearing


@transaction.atomic
def hearing_schedule(
    *,
    hearing: Hearing,
    user,
    hearing_on: dt.date,
    host,
    place: str = "",
    is_public: bool = True,
    hearing_time: dt.time | None = None,
) -> Hearing:
    """Fix the hearing's day and time, place and host (Art. 64); the hearing notice
    (听证通知书) states them."""
    hearing = Hearing.objects.select_for_update().select_related("case").get(pk=hearing.pk)
    case = lock(hearing.case, None)
    _open_before_decision(case)
    if hearing.status == Hearing.Status.HELD:
        raise ValidationError(_("The hearing has been held."))
    errors: dict[str, str] = {}
    if host is None:
        errors["host"] = _("Name the host.")
    elif acts_on_case(host, case):
        errors["host"] = _(
            "Administrative Penalty Law Art. 64: the hearing is hosted by someone who is not "
            "an officer on the case."
        )
    elif host.agency_id != case.agency_id:
        errors["host"] = _("The host is designated by the agency from its own staff.")
    latest = deadlines.hearing_notice_latest(hearing_on) if hearing_on else None
    if hearing_on is None:
        errors["hearing_on"] = _("Give the hearing's date.")
    elif latest is not None and latest < timezone.localdate():
        errors["hearing_on"] = _(
            "Administrative Penalty Law Art. 64: the hearing notice is served at least 7 working "
            "days before the hearing; the earliest possible day leaves no time for that."
        )
    if errors:
        raise ValidationError(errors)
    hearing.schedule()
    hearing.hearing_on = hearing_on
    hearing.hearing_time = hearing_time
    hearing.host = host
    hearing.place = place
    hearing.is_public = is_public
    hearing.save(
        update_fields=["status", "hearing_on", "hearing_time", "host", "place", "is_public"]
    )
    audit_append(
        action="hearing.schedule",
        obj=case,
        actor=user,
        changes={"hearing_on": str(hearing_on), "host": host.pk, "place": place},
    )
    event(
        case,
        "hearing_scheduled",
        _("Hearing scheduled on %(d)s, hosted by %(h)s; its notice is served by %(n)s")
        % {"d": hearing_on, "h": host, "n": latest},
        user,
    )
    return hearing


@transaction.atomic
def hearing_record(
    *,
    hearing: Hearing,
    user,
    held_on: dt.date,
    record_text: str,
    signature: str,
    refusal_note: str = "",
) -> Hearing:
    """Record the hearing held: its record (笔录) signed or the refusal noted (Art. 64); the case
    becomes major and goes to legal review (Art. 58)."""
    from .records import record_add

    hearing = Hearing.objects.select_for_update().select_related("case").get(pk=hearing.pk)
    case = lock(hearing.case, None)
    _open_before_decision(case)
    if hearing.status != Hearing.Status.SCHEDULED:
        raise ValidationError(_("Schedule the hearing first."))
    assert hearing.hearing_on is not None  # a scheduled hearing has its date
    latest = deadlines.hearing_notice_latest(hearing.hearing_on)
    served = ServiceRecord.objects.filter(
        case=case, document_kind=ServiceRecord.DocumentKind.HEARING_NOTICE
    ).first()
    if served is None or served.received_on > latest:
        raise ValidationError(
            _(
                "Administrative Penalty Law Art. 64: the hearing notice must be served by "
                "%(d)s, 7 working days before the hearing."
            )
            % {"d": latest}
        )
    errors: dict[str, str] = {}
    if held_on is None or not hearing.hearing_on <= held_on <= timezone.localdate():
        errors["held_on"] = _("Held on the scheduled day or later, not after today.")
    if not (record_text or "").strip():
        errors["record_text"] = _(
            "Administrative Penalty Law Art. 64: a record of the hearing is made."
        )
    if signature not in (Hearing.Signature.SIGNED, Hearing.Signature.REFUSED):
        errors["signature"] = _("Say whether the party signed the record.")
    elif signature == Hearing.Signature.REFUSED and not refusal_note.strip():
        errors["refusal_note"] = _(
            "Administrative Penalty Law Art. 64: the record is signed, or the refusal is noted."
        )
    if errors:
        raise ValidationError(errors)
    record = None
    if case.current_node.code == "hearing":
        record = record_add(
            case=case,
            user=user,
            kind="hearing",
            title=_("Hearing record"),
            recorded_at=timezone.make_aware(dt.datetime.combine(held_on, dt.time(9, 0))),
            place=hearing.place or case.agency.name,
            officers=list(case.officers.all()),
            content=record_text,
            signature=signature,
            refusal_note=refusal_note,
        )
    hearing.hold()
    hearing.held_on = held_on
    hearing.record_text = record_text
    hearing.signature = signature
    hearing.refusal_note = refusal_note
    hearing.record = record
    hearing.save(
        update_fields=["status", "held_on", "record_text", "signature", "refusal_note", "record"]
    )
    case.refresh_from_db()
    case.is_major = True
    case.major_reason = _(
        "A hearing was held: legal review before the decision (Administrative Penalty Law Art. 58)."
    )[:300]
    bump(case, "is_major", "major_reason")
    audit_append(
        action="hearing.record",
        obj=case,
        actor=user,
        changes={"held_on": str(held_on), "signature": signature, "is_major": True},
    )
    event(
        case,
        "hearing_held",
        _("Hearing held on %(d)s; record %(s)s")
        % {"d": held_on, "s": hearing.get_signature_display()},
        user,
    )
    return hearing
