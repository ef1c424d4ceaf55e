"""Forced execution through the court (行政强制法 Arts. 53-54): the 催告书 issued after the
periods for reconsideration and a lawsuit and served through its service record, the court no
earlier than 10 days after the receipt that record states and no later than 3 months after those
periods; and the warnings about it."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from oversight.models import EarlyWarning
from oversight.warnings.engine import scan
from workflows import deadlines
from workflows.balance import enforcement_window
from workflows.models import CourtApplication
from workflows.selectors import leaving_problems
from workflows.services.enforcement import court_apply, court_ruling, urge_record
from workflows.services.procedure_service import service_record_add

from .execution_helpers import at_execution

pytestmark = pytest.mark.django_db
D = dt.date
DAY = dt.timedelta(days=1)


def test_the_windows_follow_receipt():
    opens, closes = deadlines.enforcement_application_window(received_on=D(2026, 1, 10))
    assert opens == D(2026, 7, 11)  # after 6 months (longer than the 60 days)
    assert closes == D(2026, 10, 10)
    assert deadlines.urge_period_ends(D(2026, 7, 20)) == D(2026, 7, 30)


def serve_urge(case, user, served_on, received_on=None):
    return service_record_add(
        case=case,
        user=user,
        document_kind="urge",
        method="direct",
        served_on=served_on,
        received_on=received_on or served_on,
        recipient=case.party_name,
    )


def test_from_urge_to_court_with_each_window_enforced():
    case, user = at_execution(days_ago=230, received_days_ago=229)
    opens, _closes = enforcement_window(case.decision)
    with pytest.raises(ValidationError) as exc:
        urge_record(case=case, user=user, number="催〔2026〕1号", issued_on=opens - DAY)
    assert "issued_on" in exc.value.message_dict
    with pytest.raises(ValidationError):
        court_apply(case=case, user=user, court="龙沙区人民法院", applied_on=opens + 20 * DAY)
    with pytest.raises(ValidationError) as exc:  # nothing to serve yet
        serve_urge(case, user, opens)
    assert "第五十四条" in str(exc.value)
    urge = urge_record(case=case, user=user, number="催〔2026〕1号", issued_on=opens)
    assert urge.received_on is None
    # Issued but not served: the court may not be asked, however late (Art. 54).
    with pytest.raises(ValidationError) as exc:
        court_apply(case=case, user=user, court="龙沙区人民法院", applied_on=opens + 20 * DAY)
    assert "送达回证" in str(exc.value) and not CourtApplication.objects.exists()
    with pytest.raises(ValidationError) as exc:
        serve_urge(case, user, opens - DAY)
    assert "served_on" in exc.value.message_dict
    record = serve_urge(case, user, opens, opens + DAY)
    urge.refresh_from_db()
    assert record.urge == urge and urge.received_on == opens + DAY == record.received_on
    with pytest.raises(ValidationError):  # served once
        serve_urge(case, user, opens + DAY)
    too_early = deadlines.urge_period_ends(record.received_on)
    with pytest.raises(ValidationError) as exc:
        court_apply(case=case, user=user, court="龙沙区人民法院", applied_on=too_early)
    assert "applied_on" in exc.value.message_dict
    application = court_apply(
        case=case, user=user, court="龙沙区人民法院", applied_on=too_early + DAY
    )
    assert application.ruling == CourtApplication.Ruling.PENDING
    assert leaving_problems(case)  # still owed, the court has not ruled
    court_ruling(
        case=case,
        user=user,
        ruling="granted",
        ruled_on=too_early + 5 * DAY,
        ruling_reference="（2026）黑0202行审1号",
    )
    assert not leaving_problems(case)
    kinds = list(case.events.values_list("kind", flat=True))
    assert kinds.count("urge") == 2 and kinds.count("court") == 2  # issued, then received


def test_the_court_cannot_be_asked_after_the_three_months():
    case, user = at_execution(days_ago=320, received_days_ago=319)
    opens, closes = enforcement_window(case.decision)
    urge_record(case=case, user=user, number="催1", issued_on=opens)
    serve_urge(case, user, opens)
    with pytest.raises(ValidationError) as exc:
        court_apply(case=case, user=user, court="龙沙区人民法院", applied_on=closes + DAY)
    assert "applied_on" in exc.value.message_dict


def open_for(code):
    return EarlyWarning.objects.filter(rule__code=code, status__in=EarlyWarning.OPEN)


def test_warnings_fine_overdue_urge_due_and_court_deadline_with_days_left():
    overdue, _u = at_execution(days_ago=40, received_days_ago=39)
    at_urge, _u = at_execution(days_ago=200, received_days_ago=199)
    near, _u = at_execution(days_ago=265, received_days_ago=264)
    scan(codes=["fine_overdue", "urge_due", "court_deadline"])
    overdue_ids = set(open_for("fine_overdue").values_list("subject_id", flat=True))
    assert {str(overdue.pk), str(at_urge.pk), str(near.pk)} <= overdue_ids
    urge_ids = set(open_for("urge_due").values_list("subject_id", flat=True))
    assert str(at_urge.pk) in urge_ids and str(overdue.pk) not in urge_ids
    court = open_for("court_deadline").get()
    _opens, closes = enforcement_window(near.decision)
    left = (closes - dt.date.today()).days
    assert court.subject_id == str(near.pk) and str(left) in court.detail
