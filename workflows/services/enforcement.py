"""Forced execution through the court (行政强制法 Arts. 53-54): once the periods for
reconsideration (60 days) and a lawsuit (6 months) have passed with the fine unpaid, a 催告书
is served; 10 days after its receipt the agency may apply to the court, no later than 3 months
after those periods ended; the court's ruling is recorded."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from enforcement_portal.audit import audit_append

from .. import deadlines
from ..balance import balance, enforcement_window
from ..models import Case, CourtApplication, Decision, UrgeNotice
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
def urge_record(
    *, case: Case, user, number: str, served_on: dt.date, received_on: dt.date
) -> UrgeNotice:
    """The 催告书, served once the reconsideration and lawsuit periods have passed unpaid."""
    case = lock(case, None)
    today = timezone.localdate()
    decision, owed = _unpaid(case, today)
    if UrgeNotice.objects.filter(case=case).exists():
        raise ValidationError(_("The 催告书 of this case is already recorded."))
    if not number.strip():
        raise ValidationError({"number": _("Enter the document number of the 催告书.")})
    window = enforcement_window(decision)
    assert window is not None  # _unpaid: the decision has been received
    opens, _closes = window
    if served_on < opens:
        raise ValidationError(
            {
                "served_on": _(
                    "The periods for reconsideration (60 days) and a lawsuit (6 months) run "
                    "until %(d)s; the 催告书 is served after them (Administrative Compulsion "
                    "Law Arts. 53-54)."
                )
                % {"d": opens - dt.timedelta(days=1)}
            }
        )
    if served_on > today or received_on > today:
        raise ValidationError({"served_on": _("The dates cannot be in the future.")})
    if received_on < served_on:
        raise ValidationError({"received_on": _("It cannot be received before it was served.")})
    urge = UrgeNotice.objects.create(
        case=case,
        number=number.strip(),
        served_on=served_on,
        received_on=received_on,
        recorded_by=user,
    )
    bump(case)
    period_ends = deadlines.urge_period_ends(received_on)
    audit_append(
        action="urge.record",
        obj=case,
        actor=user,
        changes={
            "number": urge.number,
            "served_on": str(served_on),
            "received_on": str(received_on),
            "owed": str(owed.total_outstanding),
        },
    )
    event(
        case,
        "urge",
        _("催告书 %(n)s served %(s)s, received %(r)s; the court may be asked after %(e)s")
        % {"n": urge.number, "s": served_on, "r": received_on, "e": period_ends},
        user,
    )
    return urge


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
    if CourtApplication.objects.filter(case=case).exists():
        raise ValidationError(_("The application to the court is already recorded."))
    if not court.strip():
        raise ValidationError({"court": _("Name the court.")})
    if applied_on > today:
        raise ValidationError({"applied_on": _("The date cannot be in the future.")})
    period_ends = deadlines.urge_period_ends(urge.received_on)
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
