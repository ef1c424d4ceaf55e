"""Writes of the legal review of major decisions (重大执法决定法制审核).

Rules (Hami plan 二(三); 《行政处罚法》第五十八条):
- a case matching the agency's review catalogue is marked major, with the reason;
- the handler submits the draft decision and the case file; the review is due in
  ``LEGAL_REVIEW_DAYS`` working days (default 5);
- the reviewer holds the legal-reviewer role in the case's agency, is not an officer on the
  case, and a first-time reviewer holds the legal professional qualification;
- each checklist item passes or carries a problem note; 同意 needs every item to pass, 存在问题
  and 移送 need at least one problem (移送 the "crime" item);
- after a resubmission (round 2 or later) that still meets problems, the handler may refer both
  opinions to the agency leader, whose ruling is recorded.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from enforcement_portal.audit import audit_append
from enforcement_portal.roles import Role
from enforcement_portal.workdays import add_workdays
from workflows.models import Case
from workflows.services import cases as case_services

from ..models import CHECKLIST, LegalReview, ReviewCatalogue
from .models import CHECKLIST_CODES


def review_days() -> int:
    return int(getattr(settings, "LEGAL_REVIEW_DAYS", 5))


def catalogue_for(agency) -> ReviewCatalogue:
    catalogue = ReviewCatalogue.objects.filter(agency=agency).first()
    return catalogue or ReviewCatalogue(agency=agency)


CATALOGUE_FIELDS = (
    "person_fine_threshold",
    "organisation_fine_threshold",
    "licence_revocation",
    "suspension_or_closure",
    "hearing_held",
    "outside_discretion",
    "complex_relations",
    "is_published",
)


@transaction.atomic
def catalogue_update(*, agency, user, **fields) -> ReviewCatalogue:
    catalogue, _created = ReviewCatalogue.objects.select_for_update().get_or_create(agency=agency)
    changes = {}
    for name in CATALOGUE_FIELDS:
        if name in fields and getattr(catalogue, name) != fields[name]:
            changes[name] = [str(getattr(catalogue, name)), str(fields[name])]
            setattr(catalogue, name, fields[name])
    for name in ("person_fine_threshold", "organisation_fine_threshold"):
        if getattr(catalogue, name) is None or getattr(catalogue, name) <= 0:
            raise ValidationError({name: _("A threshold must be more than zero yuan.")})
    catalogue.updated_by = user
    catalogue.save()
    audit_append(action="legal_review.catalogue_update", obj=catalogue, actor=user, changes=changes)
    return catalogue


def catalogue_reasons(
    *,
    case: Case,
    proposed_fine: Decimal | None = None,
    licence_revocation: bool = False,
    suspension_or_closure: bool = False,
    outside_discretion: bool = False,
    complex_relations: bool = False,
) -> list[str]:
    """Which items of the agency's catalogue the draft decision matches (empty: not major)."""
    cat = catalogue_for(case.agency)
    reasons = []
    person = case.party_kind == Case.PartyKind.PERSON
    threshold = cat.person_fine_threshold if person else cat.organisation_fine_threshold
    if proposed_fine is not None and proposed_fine >= threshold:
        reasons.append(
            _("fine of %(fine)s yuan reaches the catalogue threshold of %(t)s yuan")
            % {"fine": proposed_fine, "t": threshold}
        )
    if cat.licence_revocation and licence_revocation:
        reasons.append(_("revocation of a licence"))
    if cat.suspension_or_closure and suspension_or_closure:
        reasons.append(_("suspension of business or closure"))
    if cat.hearing_held and case.hearing_requested:
        reasons.append(_("a hearing was held"))
    if cat.outside_discretion and outside_discretion:
        reasons.append(_("a penalty outside the discretion standard"))
    if cat.complex_relations and complex_relations:
        reasons.append(_("complex case with several legal relationships"))
    return reasons


def latest_review(case: Case) -> LegalReview | None:
    return LegalReview.objects.filter(case=case).order_by("-round").first()


@transaction.atomic
def legal_review_submit(
    *,
    case: Case,
    user,
    draft_decision: str,
    case_file: str,
    handler_note: str = "",
    proposed_fine: Decimal | None = None,
    licence_revocation: bool = False,
    suspension_or_closure: bool = False,
    outside_discretion: bool = False,
    complex_relations: bool = False,
    manual_major: bool = False,
) -> LegalReview:
    """Submit (or resubmit after problems) a case's draft decision for legal review."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    if case.status != Case.Status.OPEN:
        raise ValidationError(_("Only a case in progress can be submitted for legal review."))
    errors = {}
    if not draft_decision.strip():
        errors["draft_decision"] = _("Attach the draft decision.")
    if not case_file.strip():
        errors["case_file"] = _("List the case file materials the reviewer needs.")
    if errors:
        raise ValidationError(errors)
    previous = latest_review(case)
    if previous and not previous.allows_resubmission:
        raise ValidationError(
            _("This case already has a review that is %(s)s; it cannot be submitted again.")
            % {"s": previous.get_status_display()}
        )
    reasons = catalogue_reasons(
        case=case,
        proposed_fine=proposed_fine,
        licence_revocation=licence_revocation,
        suspension_or_closure=suspension_or_closure,
        outside_discretion=outside_discretion,
        complex_relations=complex_relations,
    )
    if manual_major:
        reasons.append(_("marked major by the handler"))
    if reasons and not case.is_major:
        case = case_services.case_set_flag(
            case=case, user=user, expected_version=None, flag="is_major", reason="；".join(reasons)
        )
    if not case.is_major:
        raise ValidationError(
            _(
                "The draft decision matches no item of the review catalogue; the case is not "
                "major and needs no legal review."
            )
        )
    today = timezone.localdate()
    review = LegalReview.objects.create(
        case=case,
        agency=case.agency,
        round=(previous.round + 1) if previous else 1,
        draft_decision=draft_decision,
        case_file=case_file,
        handler_note=handler_note,
        proposed_fine=proposed_fine,
        submitted_by=user,
        submitted_on=today,
        due_on=add_workdays(today, review_days()),
    )
    audit_append(
        action="legal_review.submit",
        obj=review,
        actor=user,
        changes={"case": case.number, "round": review.round, "due_on": str(review.due_on)},
    )
    case_services.case_event_add(
        case=case,
        kind="legal_review",
        summary=_("Submitted for legal review (round %(n)s), due %(d)s")
        % {"n": review.round, "d": review.due_on},
        user=user,
    )
    return review


def reviewer_problems(*, review: LegalReview, user) -> list[str]:
    """Why ``user`` may not review this case (empty when they may)."""
    problems = []
    if not user.has_role(Role.LEGAL_REVIEWER) or user.agency_id != review.agency_id:
        problems.append(_("Only a legal reviewer of the case's agency reviews it."))
        return problems
    officer = getattr(user, "officer", None)
    if officer is not None and review.case.officers.filter(pk=officer.pk).exists():
        problems.append(_("A reviewer must not be an officer on the case."))
    if user.pk == review.submitted_by_id:
        problems.append(_("A reviewer must not review a case they submitted."))
    first_time = not LegalReview.objects.filter(reviewer=user).exclude(pk=review.pk).exists()
    if first_time and not (officer is not None and officer.has_legal_qualification):
        problems.append(_("A first-time reviewer must hold the legal professional qualification."))
    return problems


def _clean_checklist(checklist) -> tuple[list[dict], dict]:
    rows, errors = [], {}
    given = {row.get("code"): row for row in checklist or []}
    for code, _label in CHECKLIST:
        row = given.get(code)
        if row is None or row.get("passed") is None:
            errors[code] = _("Answer this item: passes or has a problem.")
            continue
        note = (row.get("note") or "").strip()
        passed = bool(row.get("passed"))
        if not passed and not note:
            errors[code] = _("Describe the problem found.")
        rows.append({"code": code, "passed": passed, "note": note})
    return rows, errors


@transaction.atomic
def legal_review_conclude(
    *, review: LegalReview, user, outcome: str, checklist, opinion: str
) -> LegalReview:
    """Record the reviewer's checklist and outcome: agreed, problems or transfer."""
    review = LegalReview.objects.select_for_update().select_related("case").get(pk=review.pk)
    if review.status != LegalReview.Status.SUBMITTED:
        raise ValidationError(_("This review has already been concluded."))
    problems = reviewer_problems(review=review, user=user)
    if problems:
        raise ValidationError(problems)
    rows, errors = _clean_checklist(checklist)
    failed = [row["code"] for row in rows if not row["passed"]]
    if not opinion.strip():
        errors["opinion"] = _("Write the review opinion.")
    if outcome == LegalReview.Status.AGREED and failed:
        errors["outcome"] = _("Agreement needs every checklist item to pass.")
    elif outcome == LegalReview.Status.PROBLEMS and not failed:
        errors["outcome"] = _("Mark the checklist items that have problems.")
    elif outcome == LegalReview.Status.TRANSFER and "crime" not in failed:
        errors["outcome"] = _("A transfer needs the suspected crime noted on the checklist.")
    elif outcome not in (
        LegalReview.Status.AGREED,
        LegalReview.Status.PROBLEMS,
        LegalReview.Status.TRANSFER,
    ):
        errors["outcome"] = _("Choose an outcome.")
    if errors:
        raise ValidationError(errors)
    {
        LegalReview.Status.AGREED: review.agree,
        LegalReview.Status.PROBLEMS: review.find_problems,
        LegalReview.Status.TRANSFER: review.transfer,
    }[LegalReview.Status(outcome)]()
    review.reviewer = user
    review.checklist = rows
    review.opinion = opinion.strip()
    review.reviewed_on = timezone.localdate()
    review.save()
    audit_append(
        action=f"legal_review.{outcome}",
        obj=review,
        actor=user,
        changes={"failed": failed, "round": review.round},
    )
    case_services.case_event_add(
        case=review.case,
        kind="legal_review",
        summary=_("Legal review round %(n)s: %(s)s")
        % {"n": review.round, "s": review.get_status_display()},
        user=user,
    )
    return review


@transaction.atomic
def legal_review_escalate(*, review: LegalReview, user, handler_opinion: str) -> LegalReview:
    """After a resubmission still meets problems, refer both opinions to the agency leader."""
    review = LegalReview.objects.select_for_update().select_related("case").get(pk=review.pk)
    if review.agency_id != user.agency_id or not user.has_role(Role.CASE_OFFICER):
        raise ValidationError(_("Only a case officer of the case's agency refers a review."))
    if review.status != LegalReview.Status.PROBLEMS or review.round < 2:
        raise ValidationError(
            _(
                "A disagreement goes to the leader only after the case was resubmitted and the "
                "reviewer still found problems."
            )
        )
    if not handler_opinion.strip():
        raise ValidationError({"handler_opinion": _("State why you disagree.")})
    review.escalate()
    review.handler_opinion = handler_opinion.strip()
    review.save()
    audit_append(
        action="legal_review.escalate", obj=review, actor=user, changes={"round": review.round}
    )
    case_services.case_event_add(
        case=review.case,
        kind="legal_review",
        summary=_("Disagreement with the legal review referred to the agency leader"),
        user=user,
    )
    return review


@transaction.atomic
def legal_review_leader_decide(*, review: LegalReview, user, ruling: str, note: str):
    """The agency leader rules on a disagreement; the ruling is recorded and audited."""
    review = LegalReview.objects.select_for_update().select_related("case").get(pk=review.pk)
    if review.agency_id != user.agency_id or not user.has_role(Role.AGENCY_LEADER):
        raise ValidationError(_("Only the leader of the case's agency rules on a disagreement."))
    if review.status != LegalReview.Status.ESCALATED:
        raise ValidationError(_("This review is not waiting for the leader."))
    errors = {}
    if ruling not in LegalReview.LeaderRuling.values:
        errors["ruling"] = _("Choose a ruling.")
    if not note.strip():
        errors["note"] = _("Write the leader's decision.")
    if errors:
        raise ValidationError(errors)
    review.leader_decide()
    review.leader = user
    review.leader_ruling = ruling
    review.leader_note = note.strip()
    review.leader_decided_on = timezone.localdate()
    review.save()
    audit_append(
        action="legal_review.leader_decide",
        obj=review,
        actor=user,
        changes={"ruling": ruling, "note": note},
    )
    case_services.case_event_add(
        case=review.case,
        kind="legal_review",
        summary=_("Agency leader ruled: %(r)s") % {"r": review.get_leader_ruling_display()},
        user=user,
    )
    return review


def checklist_from_post(data) -> list[dict]:
    """The checklist as posted by the review form: ``<code>_passed`` ("1"/"0") and ``<code>_note``."""
    rows = []
    for code in CHECKLIST_CODES:
        raw = data.get(f"{code}_passed")
        passed = None if raw in (None, "") else raw == "1"
        rows.append({"code": code, "passed": passed, "note": data.get(f"{code}_note", "")})
    return rows
