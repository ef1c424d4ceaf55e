"""Limitation (行政处罚法 Art. 36): a violation discovered after 2 years (5 with harm to life and
health or financial safety) cannot be filed unless a law providing otherwise is cited. Broken
through the service, a direct POST and the page."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from enforcement_portal.audit import audit_history
from workflows.models import Case

from .factories import PERSON_ID, case_officer, officers, open_case, penalty_power

pytestmark = pytest.mark.django_db

D = dt.date
FILED = D(2026, 10, 9)


def test_a_violation_discovered_after_two_years_is_refused_by_the_service():
    power = penalty_power()
    with pytest.raises(ValidationError) as exc:
        open_case(power, filed_on=FILED, violation_on=D(2024, 10, 8), discovered_on=D(2026, 10, 9))
    message = " ".join(exc.value.message_dict["discovered_on"])
    assert "第三十六条" in message and "2026-10-08" in message
    assert not Case.objects.exists()


def test_the_period_runs_from_the_end_of_a_continuing_violation():
    case = open_case(
        filed_on=FILED,
        violation_on=D(2023, 1, 1),
        violation_ended_on=D(2025, 3, 1),
        discovered_on=D(2026, 10, 1),
    )
    assert case.violation_ended_on == D(2025, 3, 1) and case.discovered_on == D(2026, 10, 1)


def test_five_years_where_life_and_health_is_harmed_and_the_officer_says_so():
    with pytest.raises(ValidationError):
        open_case(filed_on=FILED, violation_on=D(2022, 1, 1), discovered_on=FILED)
    case = open_case(
        filed_on=FILED,
        violation_on=D(2022, 1, 1),
        discovered_on=FILED,
        limitation_ground="life_health",
    )
    assert case.limitation_extended
    with pytest.raises(ValidationError) as exc:
        open_case(
            filed_on=FILED,
            violation_on=D(2021, 1, 1),
            discovered_on=FILED,
            limitation_ground="financial",
        )
    assert "5" in " ".join(exc.value.message_dict["discovered_on"])


def test_a_cited_law_providing_otherwise_lets_it_be_filed_and_says_so():
    case = open_case(
        filed_on=FILED,
        violation_on=D(2020, 1, 1),
        discovered_on=FILED,
        limitation_exception_basis="《中华人民共和国税收征收管理法》第八十六条",
    )
    assert case.limitation_exception_basis.startswith("《中华人民共和国税收征收管理法》")
    summaries = list(case.events.values_list("summary", flat=True))
    assert any("税收征收管理法" in s for s in summaries)
    opened = next(e for e in audit_history(case) if e.action == "case.open")
    assert opened.changes["limitation_exception_basis"].endswith("第八十六条")


@pytest.mark.parametrize(
    ("fields", "where"),
    [
        ({"violation_on": D(2026, 10, 10)}, "violation_on"),
        (
            {"violation_on": D(2026, 5, 1), "violation_ended_on": D(2026, 4, 1)},
            "violation_ended_on",
        ),
        ({"violation_on": D(2026, 5, 1), "discovered_on": D(2026, 4, 1)}, "discovered_on"),
        ({"violation_on": D(2026, 5, 1), "discovered_on": D(2026, 10, 10)}, "discovered_on"),
    ],
)
def test_impossible_dates_are_refused_at_their_field(fields, where):
    with pytest.raises(ValidationError) as exc:
        open_case(filed_on=FILED, **fields)
    assert where in exc.value.message_dict


def _form(power, team, **extra):
    data = {
        "power": power.pk,
        "title": "销售过期食品案",
        "party_kind": "person",
        "party_name": "张三",
        "party_id_number": PERSON_ID,
        "source": "patrol",
        "filed_on": FILED.isoformat(),
        "violation_on": "2024-01-05",
        "discovered_on": FILED.isoformat(),
        "officers": [o.pk for o in team],
    }
    data.update(extra)
    return data


def test_a_direct_post_is_refused_with_the_article_and_files_nothing(client):
    power = penalty_power()
    user = case_officer(power.agency)
    team = officers(power.agency)
    client.force_login(user)
    response = client.post("/cases/new/", _form(power, team))
    html = response.content.decode()
    assert response.status_code == 200
    assert "《行政处罚法》第三十六条" in html
    assert not Case.objects.exists()
    response = client.post(
        "/cases/new/", _form(power, team, limitation_exception_basis="《某法》第十条")
    )
    case = Case.objects.get()
    assert response.status_code == 302 and case.violation_on == D(2024, 1, 5)


def test_the_page_asks_for_the_dates_and_shows_them_on_the_case(client):
    power = penalty_power()
    user = case_officer(power.agency)
    team = officers(power.agency)
    client.force_login(user)
    html = client.get("/cases/new/").content.decode()
    for name in ("violation_on", "violation_ended_on", "discovered_on", "limitation_ground"):
        assert f'name="{name}"' in html
    # The dates are required on the page: missing ones are refused at the field.
    data = _form(power, team)
    del data["violation_on"]
    client.post("/cases/new/", data)
    assert not Case.objects.exists()
    client.post("/cases/new/", _form(power, team, violation_on="2026-09-01"))
    case = Case.objects.get()
    html = client.get(f"/cases/{case.pk}/").content.decode()
    assert 'data-testid="limitation"' in html and "2026年9月1日" in html
