"""Forced execution through the court (行政强制法 Arts. 53-54): once the periods for
reconsideration (60 days) and a lawsuit (6 months) have passed with the fine unpaid, a 催告书
is issued and served through its service record; 10 days after the receipt that record states
the agency may apply to the court, no later than 3 months after those periods ended; the
court's ruling is recorded."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from enforcement_portal.audit import audit_append

from .. import deadlines
from ..balance import balance, enforcement_window
from ..models import Case, CourtApplication, Decision, ServiceRecord, UrgeNotice
from ._shared import bump, event, lock


def _unpaid(case: Case, today: dt.date):
    decision = Decision.objects.filter(case=case).first()
    if decision is None or decision.received_on is None:
        raise ValidationError(
            _(
                "Record when the party received the decision first (Administrative Penalty Law Art. 67)."
            )
        )
    owed = balance(case, on=today)
    if owed.stopped:
        raise ValidationError(
            _("The decision was revoked or declared void; it is not executed (Art. 48).")
        )
    if case.status != Case.Status.DECIDED or owed.total_outstanding == 0:
        raise ValidationError(_("Nothing is owed on this case any more."))
    if owed.pending_challenge:
        raise ValidationError(
            _(
                "A reconsideration or lawsuit is pending; the decision is not enforced meanwhile "
                "(Administrative Compulsion Law Art. 53)."
            )
        )
    return decision, owed


@transaction.atomic
def urge_record(*, case: Case, user, number: str, issued_on: dt.date | None = None) -> UrgeNotice:
    """Issue the 催告书 once the reconsideration and lawsuit periods have passed unpaid. It is
    then served through a service record (``service_record_add``, document ``urge``), whose
    date of receipt starts the party's 10 days (Art. 54)."""
    case = lock(case, None)
    today = timezone.localdate()
    issued_on = issued_on or today
    decision, _owed = _unpaid(case, today)
    if UrgeNotice.objects.filter(case=case).exists():
        raise ValidationError(_("The 催告书 of this case is already recorded."))
    if not number.strip():
        raise ValidationError({"number": _("Enter the document number of the 催告书.")})
    window = enforcement_window(decision)
    assert window is not None  # _unpaid: the decision has been received
    opens, _closes = window
    if issued_on < opens:
        raise ValidationError(
            {
                "issued_on": _(
                    "The periods for reconsideration (60 days) and a lawsuit (6 months) run "
                    "until %(d)s; the 催告书 is served after them (Administrative Compulsion "
                    "Law Arts. 53-54)."
                )
                % {"d": opens - dt.timedelta(days=1)}
            }
        )
    if issued_on > today:
        raise ValidationError({"issued_on": _("The dates cannot be in the future.")})
    urge = UrgeNotice.objects.create(
        case=case, number=number.strip(), issued_on=issued_on, recorded_by=user
    )
    bump(case)
    audit_append(
        action="urge.record",
        obj=case,
        actor=user,
        changes={
            "number": urge.number,
            "issued_on": str(issued_on),
            "owed": str(balance(case, on=issued_on).total_outstanding),
        },
    )
    event(
        case,
        "urge",
        _("催告书 %(n)s issued on %(d)s; its 10 days run from its service (送达回证)")
        % {"n": urge.number, "d": issued_on},
        user,
    )
    return urge


def urge_served(*, case: Case, urge: UrgeNotice, served_on: dt.date, received_on: dt.date, user):
    """Called by ``service_record_add`` when the 催告书's service record is saved: the day of
    receipt it records is the 催告书's, and the 10 days before the court count from it."""
    urge.served_on, urge.received_on = served_on, received_on
    urge.save(update_fields=["served_on", "received_on"])
    event(
        case,
        "urge",
        _("催告书 %(n)s received on %(r)s; the court may be asked after %(e)s")
        % {"n": urge.number, "r": received_on, "e": deadlines.urge_period_ends(received_on)},
        user,
    )


def urge_received_on(urge: UrgeNotice | None) -> dt.date | None:
    """The day the party received the 催告书: from its service record only."""
    if urge is None:
        return None
    service = ServiceRecord.objects.filter(urge=urge).order_by("id").first()
    return service.received_on if service else None


@transaction.atomic
def court_apply(
    *, case: Case, user, court: str, applied_on: dt.date, reference: str = ""
) -> CourtApplication:
    """Apply to the court for compulsory execution (行政强制法 Arts. 53-54)."""
    case = lock(case, None)
    today = timezone.localdate()
    decision, owed = _unpaid(case, today)
    urge = UrgeNotice.objects.filter(case=case).first()
    if urge is None:
        raise ValidationError(
            _(
                "Serve the 催告书 before applying to the court (Administrative Compulsion Law Art. 54)."
            )
        )
    received_on = urge_received_on(urge)
    if received_on is None:
        raise ValidationError(
            _(
                "Administrative Compulsion Law Art. 54: the 催告书 has not been served; record "
                "its service (送达回证) first, the 10 days count from its receipt."
            )
        )
    if CourtApplication.objects.filter(case=case).exists():
        raise ValidationError(_("The application to the court is already recorded."))
    if not court.strip():
        raise ValidationError({"court": _("Name the court.")})
    if applied_on > today:
        raise ValidationError({"applied_on": _("The date cannot be in the future.")})
    period_ends = deadlines.urge_period_ends(received_on)
    if applied_on <= period_ends:
        raise ValidationError(
            {
                "applied_on": _(
                    "The party has 10 days after receiving the 催告书, until %(d)s; apply "
                    "after that (Administrative Compulsion Law Art. 54)."
                )
                % {"d": period_ends}
            }
        )
    window = enforcement_window(decision)
    assert window is not None  # _unpaid: the decision has been received
    _opens, closes = window
    if applied_on > closes:
        raise ValidationError(
            {
                "applied_on": _(
                    "The court had to be asked by %(d)s, within 3 months of the periods for "
                    "reconsideration and a lawsuit ending (Administrative Compulsion Law Art. 53)."
                )
                % {"d": closes}
            }
        )
    application = CourtApplication.objects.create(
        case=case,
        court=court.strip(),
        applied_on=applied_on,
        reference=reference.strip(),
        recorded_by=user,
    )
    bump(case)
    audit_append(
        action="court.apply",
        obj=case,
        actor=user,
        changes={
            "court": application.court,
            "applied_on": str(applied_on),
            "owed": str(owed.total_outstanding),
        },
    )
    event(
        case,
        "court",
        _("Applied to %(c)s for compulsory execution of %(owed)s yuan")
        % {"c": application.court, "owed": owed.total_outstanding},
        user,
    )
    return application


@transaction.atomic
def court_ruling(
    *, case: Case, user, ruling: str, ruled_on: dt.date, ruling_reference: str
) -> CourtApplication:
    case = lock(case, None)
    application = CourtApplication.objects.select_for_update().filter(case=case).first()
    if application is None:
        raise ValidationError(_("There is no application to the court."))
    if application.ruling != CourtApplication.Ruling.PENDING:
        raise ValidationError(_("The court's ruling is already recorded."))
    if ruling not in (CourtApplication.Ruling.GRANTED, CourtApplication.Ruling.REFUSED):
        raise ValidationError({"ruling": _("Choose the court's ruling.")})
    if ruled_on < application.applied_on or ruled_on > timezone.localdate():
        raise ValidationError({"ruled_on": _("The date lies between the application and today.")})
    if not ruling_reference.strip():
        raise ValidationError({"ruling_reference": _("Enter the ruling's document number.")})
    application.ruling, application.ruled_on = ruling, ruled_on
    application.ruling_reference = ruling_reference.strip()
    application.save(update_fields=["ruling", "ruled_on", "ruling_reference"])
    bump(case)
    audit_append(
        action="court.ruling",
        obj=case,
        actor=user,
        changes={"ruling": ruling, "ruled_on": str(ruled_on), "reference": ruling_reference},
    )
    event(
        case,
        "court",
        _("Court ruling %(ref)s: %(ruling)s")
        % {"ref": application.ruling_reference, "ruling": application.get_ruling_display()},
        user,
    )
    return application
