"""Catalogue, submission, reviewer eligibility, checklist rules, deadline and the 5% ratio."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from enforcement_portal.audit import AuditEvent
from enforcement_portal.roles import Role
from enforcement_portal.workdays import add_workdays
from oversight.legal_review import selectors as sel
from oversight.legal_review import services as svc
from oversight.models import LegalReview
from tests.factories import AgencyFactory, OfficerFactory, UserFactory
from workflows.models import Case

from .legal_factories import checklist, conclude, reviewer_for, submit, world

pytestmark = pytest.mark.django_db


def test_catalogue_thresholds_mark_a_case_major_with_the_reason():
    w = world()  # an organisation: threshold 100,000 by default
    with pytest.raises(ValidationError) as exc:
        submit(w, fine=Decimal("99999"))
    assert "draft_decision" not in str(exc.value)
    w.case.refresh_from_db()
    assert not w.case.is_major and not LegalReview.objects.exists()
    svc.catalogue_update(
        agency=w.agency, user=w.reviewer, organisation_fine_threshold=Decimal(50000)
    )
    review = submit(w, fine=Decimal("60000"))
    w.case.refresh_from_db()
    assert w.case.is_major and "50000" in w.case.major_reason
    assert review.round == 1 and review.status == LegalReview.Status.SUBMITTED


@pytest.mark.parametrize(
    "flag",
    [
        "licence_revocation",
        "suspension_or_closure",
        "outside_discretion",
        "complex_relations",
        "manual_major",
    ],
)
def test_each_catalogue_item_makes_a_case_major(flag):
    w = world()
    submit(w, fine=None, **{flag: True})
    w.case.refresh_from_db()
    assert w.case.is_major and w.case.major_reason


def test_a_hearing_held_makes_it_major():
    w = world()
    Case.objects.filter(pk=w.case.pk).update(hearing_requested=True)
    submit(w, fine=None)
    w.case.refresh_from_db()
    assert w.case.is_major


def test_submission_needs_materials_and_writes_nothing_without():
    w = world()
    with pytest.raises(ValidationError) as exc:
        submit(w, draft_decision=" ", case_file="")
    assert set(exc.value.message_dict) == {"draft_decision", "case_file"}
    assert not LegalReview.objects.exists()


def test_deadline_is_five_working_days_or_the_setting(settings):
    w = world()
    review = submit(w)
    assert review.due_on == add_workdays(review.submitted_on, 5)
    assert sel.overdue_reviews(review.due_on).count() == 0
    assert list(sel.overdue_reviews(review.due_on + dt.timedelta(days=1))) == [review]
    settings.LEGAL_REVIEW_DAYS = 2
    conclude(review, w.reviewer, LegalReview.Status.PROBLEMS, failed=["facts"])
    second = submit(w)
    assert second.due_on == add_workdays(second.submitted_on, 2)


def test_reviewer_who_is_an_officer_on_the_case_is_refused():
    w = world()
    review = submit(w)
    officer = w.case.officers.first()
    insider = UserFactory(roles=[Role.LEGAL_REVIEWER], agency=w.agency)
    officer.user = insider
    officer.has_legal_qualification = True
    officer.save()
    with pytest.raises(ValidationError) as exc:
        conclude(review, insider, LegalReview.Status.AGREED)
    assert "officer on the case" in str(exc.value) or "承办执法人员" in str(exc.value)
    review.refresh_from_db()
    assert review.status == LegalReview.Status.SUBMITTED and review.reviewer is None


def test_first_time_reviewer_needs_the_qualification_later_ones_do_not():
    w = world()
    review = submit(w)
    novice = reviewer_for(w.agency, qualified=False)
    with pytest.raises(ValidationError):
        conclude(review, novice, LegalReview.Status.AGREED)
    # Once they have reviewed (e.g. recorded before the rule), the qualification is not asked.
    other = world()
    done = submit(other)
    LegalReview.objects.filter(pk=done.pk).update(reviewer=novice)
    assert svc.reviewer_problems(review=review, user=novice) == []


def test_other_agency_and_non_reviewers_cannot_review():
    w = world()
    review = submit(w)
    outsider = reviewer_for(AgencyFactory())
    with pytest.raises(ValidationError):
        conclude(review, outsider, LegalReview.Status.AGREED)
    with pytest.raises(ValidationError):
        conclude(review, w.handler, LegalReview.Status.AGREED)


def test_checklist_rules_per_outcome():
    w = world()
    review = submit(w)
    with pytest.raises(ValidationError) as exc:
        conclude(review, w.reviewer, LegalReview.Status.AGREED, failed=["procedure"])
    assert "outcome" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        conclude(review, w.reviewer, LegalReview.Status.PROBLEMS)
    assert "outcome" in exc.value.message_dict
    with pytest.raises(ValidationError):
        conclude(review, w.reviewer, LegalReview.Status.TRANSFER, failed=["facts"])
    bad = checklist(failed=["facts"])
    bad[3]["note"] = ""
    with pytest.raises(ValidationError) as exc:
        svc.legal_review_conclude(
            review=review, user=w.reviewer, outcome="problems", checklist=bad, opinion="x"
        )
    assert "facts" in exc.value.message_dict
    done = conclude(review, w.reviewer, LegalReview.Status.AGREED)
    assert done.reviewer == w.reviewer and all(row["passed"] for row in done.checklist)
    assert AuditEvent.objects.filter(action="legal_review.agreed").exists()
    with pytest.raises(ValidationError):  # concluded once only
        conclude(done, w.reviewer, LegalReview.Status.AGREED)
    with pytest.raises(ValidationError):  # an agreed case is not resubmitted
        submit(w)


def test_reviewer_ratio_matches_the_warning_rule_definition():
    agency = AgencyFactory()
    for _ in range(19):
        OfficerFactory(agency=agency)
    OfficerFactory(agency=agency, certificate_valid_until=dt.date(2000, 1, 1))  # lapsed
    assert sel.legal_reviewer_ratio(agency) == {
        "reviewers": 0,
        "officers": 19,
        "percent": 0.0,
        "ok": False,
    }
    UserFactory(roles=[Role.LEGAL_REVIEWER], agency=agency)
    ratio = sel.legal_reviewer_ratio(agency)
    assert ratio["reviewers"] == 1 and ratio["ok"] and ratio["percent"] == 5.3


def test_demo_seeder_makes_one_case_major_with_a_review_in_progress():
    from django.core.management import call_command

    call_command("seed_demo", quiet=True)
    call_command("seed_demo", quiet=True)
    review = LegalReview.objects.select_related("case").get()
    assert review.status == LegalReview.Status.SUBMITTED and review.case.is_major
    assert "500000" in review.case.major_reason


def test_overdue_review_raises_a_warning_until_reviewed():
    from oversight.models import EarlyWarning
    from oversight.warnings.engine import scan

    w = world()
    review = submit(w)
    later = review.due_on + dt.timedelta(days=1)
    scan(today=review.due_on, codes=["legal_review_overdue"])
    assert not EarlyWarning.objects.exists()
    scan(today=later, codes=["legal_review_overdue"])
    warning = EarlyWarning.objects.get()
    assert warning.agency_id == w.agency.pk and w.case.number in warning.subject_label
    conclude(review, w.reviewer, LegalReview.Status.AGREED)
    scan(today=later, codes=["legal_review_overdue"])
    warning.refresh_from_db()
    assert warning.status not in EarlyWarning.OPEN
