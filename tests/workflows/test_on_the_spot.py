"""The on-the-spot procedure (行政处罚法 Arts. 51-52): only a warning or a small fine, the
certificates shown, the party's statement noted, the hand-over or refusal noted, and the filing
with the agency within 2 working days. Broken through the service, a direct POST and the page."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from enforcement_portal.audit import audit_history
from enforcement_portal.workdays import add_workdays
from workflows import penalty
from workflows.models import Case, OnTheSpotDecision
from workflows.services.on_the_spot import on_the_spot_decide, on_the_spot_file

from .factories import PERSON_ID, case_officer, officers, penalty_power

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    power = penalty_power()
    return power, case_officer(power.agency), officers(power.agency)


def _data(power, team, **extra):
    data = {
        "power": power,
        "officers": team,
        "title": "占道经营案",
        "party_kind": "person",
        "party_name": "李四",
        "party_id_number": PERSON_ID,
        "facts": "当事人在人行道上摆摊经营。",
        "legal_basis": "《城市市容和环境卫生管理条例》第三十六条",
        "place": "龙沙区卜奎大街",
        "certificates_shown": " ".join(o.certificate_number for o in team),
        "party_statement": "当事人承认违法事实，无异议。",
        "penalty_types": "罚款",
        "fine_amount": Decimal("200"),
    }
    data.update(extra)
    return data


def test_penalty_kinds_are_parsed_in_one_place():
    kinds = penalty.penalty_kinds(penalty_types="吊销许可证、责令停产停业、罚款")
    assert kinds == {"revoke_licence", "suspend_business", "fine"}
    assert penalty.penalty_kinds(penalty_types="给予警告", fine=Decimal("50")) == {
        "warning",
        "fine",
    }
    assert "扣分" in penalty.penalty_kinds(penalty_types="扣分")


@pytest.mark.parametrize(
    ("extra", "why"),
    [
        ({"penalty_types": "吊销许可证、责令停产停业、罚款"}, "第五十一条"),
        ({"fine_amount": Decimal("201")}, "第五十一条"),
        ({"penalty_types": "没收违法所得", "fine_amount": None}, "第五十一条"),
        ({"party_kind": "organisation", "fine_amount": Decimal("3001")}, "第五十一条"),
    ],
)
def test_only_a_warning_or_a_small_fine(world, extra, why):
    power, user, team = world
    with pytest.raises(ValidationError) as exc:
        on_the_spot_decide(user=user, **_data(power, team, **extra))
    assert why in " ".join(exc.value.message_dict["penalty_types"])
    assert not Case.objects.exists()


def test_certificates_statement_and_refusal_are_required(world):
    power, user, team = world
    with pytest.raises(ValidationError) as exc:
        on_the_spot_decide(
            user=user,
            **_data(
                power,
                team,
                certificates_shown=team[0].certificate_number,
                party_statement=" ",
                handed_over=False,
            ),
        )
    errors = exc.value.message_dict
    assert team[1].name in " ".join(errors["certificates_shown"])
    assert all(
        "第五十二条" in " ".join(errors[f])
        for f in ("certificates_shown", "party_statement", "refusal_note")
    )


def test_an_on_the_spot_case_runs_to_its_decision_and_is_filed(world):
    power, user, team = world
    case = on_the_spot_decide(user=user, **_data(power, team))
    case.refresh_from_db()
    assert case.template.kind == "simplified_penalty" and case.status == "decided"
    assert case.decision.fine_amount == Decimal("200")
    record = OnTheSpotDecision.objects.get(case=case)
    today = timezone.localdate()
    assert record.filing_due_on == add_workdays(today, 2)
    assert record.certificates_shown.split() == [o.certificate_number for o in team]
    kinds = list(case.events.values_list("kind", flat=True))
    assert kinds[:1] == ["open"] and "decision" in kinds and "on_the_spot" in kinds
    on_the_spot_file(case=case, user=user)
    record.refresh_from_db()
    assert record.filed_on == today
    assert "on_the_spot.file" in [e.action for e in audit_history(case)]
    with pytest.raises(ValidationError):
        on_the_spot_file(case=case, user=user)


def test_a_refusal_to_sign_is_noted_and_a_warning_alone_is_allowed(world):
    power, user, team = world
    case = on_the_spot_decide(
        user=user,
        **_data(
            power,
            team,
            penalty_types="警告",
            fine_amount=None,
            handed_over=False,
            refusal_note="当事人拒绝签收，执法人员在决定书上注明。",
        ),
    )
    assert case.on_the_spot.refusal_note.startswith("当事人拒绝签收")
    assert case.records.get().signature == "refused"


def test_the_general_decision_page_of_a_simplified_case_refuses_a_licence_revocation(world):
    """The same rule holds at decision_make, whatever page leads there."""
    from workflows.models import ProcessTemplate
    from workflows.services.templates import template_ensure_ready_made

    from .factories import decide, open_case, to_node

    power, user, team = world
    simplified = template_ensure_ready_made(kind=ProcessTemplate.Kind.SIMPLIFIED_PENALTY)
    case = open_case(
        power,
        user=user,
        team=team,
        template=simplified,
        party_kind="person",
        party_name="李四",
        party_id_number=PERSON_ID,
    )
    case = to_node(case, user, "decision")
    with pytest.raises(ValidationError) as exc:
        decide(case, user, fine=Decimal("200"), penalty_types="吊销许可证、责令停产停业、罚款")
    assert "第五十一条" in " ".join(exc.value.message_dict["fine_amount"])


def _post(power, team, **extra):
    data = _data(power, team, **extra)
    data["power"] = power.pk
    data["officers"] = [o.pk for o in team]
    data["fine_amount"] = str(data["fine_amount"] or "")
    if data.pop("handed_over", True):
        data["handed_over"] = "on"
    return data


def test_a_direct_post_is_refused_with_the_article(world, client):
    power, user, team = world
    client.force_login(user)
    response = client.post(
        "/cases/on-the-spot/", _post(power, team, penalty_types="吊销许可证、责令停产停业、罚款")
    )
    html = response.content.decode()
    assert response.status_code == 200 and "《行政处罚法》第五十一条" in html
    assert not Case.objects.exists()
    response = client.post("/cases/on-the-spot/", _post(power, team))
    case = Case.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/cases/{case.pk}/"


def test_the_page_shows_the_record_and_the_filing(world, client):
    power, user, team = world
    client.force_login(user)
    html = client.get("/cases/on-the-spot/").content.decode()
    assert 'name="certificates_shown"' in html and 'name="party_statement"' in html
    case = on_the_spot_decide(user=user, **_data(power, team))
    html = client.get(f"/cases/{case.pk}/").content.decode()
    assert 'data-testid="on-the-spot"' in html and team[0].certificate_number in html
    assert 'data-testid="file-on-the-spot"' in html
    yesterday = (timezone.localdate() - dt.timedelta(days=1)).isoformat()
    html = client.post(
        f"/cases/{case.pk}/on-the-spot/file/", {"filed_on": yesterday}
    ).content.decode()
    assert "备案日期应在决定日期与今天之间" in html
    client.post(
        f"/cases/{case.pk}/on-the-spot/file/", {"filed_on": timezone.localdate().isoformat()}
    )
    assert OnTheSpotDecision.objects.get().filed_on == timezone.localdate()
