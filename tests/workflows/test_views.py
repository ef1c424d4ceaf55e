"""Pages: scoping to the user's agency, forms with field errors, paging, flowcharts."""

import pytest

from enforcement_portal.roles import Role
from tests.factories import OfficerFactory, UserFactory
from workflows import selectors
from workflows.models import Case, ProcessTemplate
from workflows.selectors import template_for_power
from workflows.services.cases import case_event_add
from workflows.services.limits import extension_request
from workflows.services.templates import template_copy, template_ensure_ready_made

from .factories import PERSON_ID, case_officer, open_case, penalty_power

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    power = penalty_power()
    user = case_officer(power.agency)
    case = open_case(power, user=user)
    return power, user, case


def test_case_list_query_count_does_not_grow(world, client, django_assert_max_num_queries):
    power, user, _case = world
    client.force_login(user)
    client.get("/cases/")  # warm caches (content types, sessions)
    with django_assert_max_num_queries(12) as few:
        response = client.get("/cases/")
    assert response.status_code == 200
    for _ in range(6):
        open_case(power, user=user)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get("/cases/")
    assert response.content.decode().count('data-testid="case-row"') == 7


def test_keyset_paging_has_no_gaps_or_repeats(world):
    power, user, first = world
    for _ in range(4):
        open_case(power, user=user)
    qs = selectors.cases_for(user)
    page1, after = selectors.keyset_page(qs, None, size=2)
    page2, after2 = selectors.keyset_page(qs, after, size=2)
    page3, after3 = selectors.keyset_page(qs, after2, size=2)
    ids = [c.pk for c in page1 + page2 + page3]
    assert ids == sorted(set(ids), reverse=True) and len(ids) == 5 and after3 is None
    assert first.pk == ids[-1]


def test_filters(world, client):
    power, user, case = world
    open_case(power, user=user, party_kind="person", party_name="李四", party_id_number=PERSON_ID)
    client.force_login(user)
    html = client.get("/cases/", {"q": "李四"}).content.decode()
    assert "李四" in html and case.party_name not in html
    assert "李四" not in client.get("/cases/", {"status": "closed"}).content.decode()


def test_other_agency_can_neither_read_nor_change(world, client):
    _power, _user, case = world
    stranger = case_officer(penalty_power().agency)
    client.force_login(stranger)
    assert client.get(f"/cases/{case.pk}/").status_code == 403
    assert case.number not in client.get("/cases/").content.decode()
    for url in (f"/cases/{case.pk}/records/new/", f"/cases/{case.pk}/decision/"):
        assert client.get(url).status_code == 403
    response = client.post(f"/cases/{case.pk}/do/advance/", {"version": case.version})
    assert response.status_code == 403
    assert client.post(f"/cases/{case.pk}/documents/notice/").status_code == 403
    case.refresh_from_db()
    assert case.current_node.code == "filing" and not case.documents.exists()


def test_supervisor_reads_across_but_cannot_act(world, client):
    _power, _user, case = world
    client.force_login(UserFactory(roles=[Role.DISCIPLINE_SUPERVISOR]))
    assert case.number in client.get(f"/cases/{case.pk}/").content.decode()
    assert client.post(f"/cases/{case.pk}/do/advance/", {"version": 1}).status_code == 403


def test_open_form_shows_errors_at_the_field_and_writes_nothing(client):
    power = penalty_power()
    user = case_officer(power.agency)
    one = OfficerFactory(agency=power.agency)
    client.force_login(user)
    data = {
        "power": power.pk,
        "title": "测试案",
        "party_kind": "person",
        "party_name": "张三",
        "party_id_number": "230202199001011230",
        "source": "patrol",
        "filed_on": "2026-10-09",
        "violation_on": "2026-10-01",
        "discovered_on": "2026-10-08",
        "officers": [one.pk],
    }
    html = client.post("/cases/new/", data).content.decode()
    assert "身份证" in html or "resident ID" in html
    assert not Case.objects.exists()
    data["party_id_number"] = PERSON_ID
    html = client.post("/cases/new/", data).content.decode()
    assert "第四十二条" in html
    assert not Case.objects.exists()
    data["officers"] = [one.pk, OfficerFactory(agency=power.agency).pk]
    response = client.post("/cases/new/", data)
    case = Case.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/cases/{case.pk}/"


def test_stale_version_is_refused_with_a_reload_message(world, client):
    _power, user, case = world
    client.force_login(user)
    client.post(f"/cases/{case.pk}/do/advance/", {"version": case.version})
    response = client.post(f"/cases/{case.pk}/do/advance/", {"version": case.version}, follow=True)
    html = response.content.decode()
    assert "刷新" in html or "reload" in html
    case.refresh_from_db()
    assert case.current_node.code == "investigation"


def test_detail_shows_timeline_due_dates_and_next_action(world, client):
    _power, user, case = world
    client.force_login(user)
    html = client.get(f"/cases/{case.pk}/").content.decode()
    assert 'data-testid="timeline-item"' in html and case.number in html
    assert 'data-testid="advance"' in html and "调查取证" in html


def test_templates_copy_edit_submit_register_and_public_flowchart(world, client):
    power, _user, _case = world
    filer = UserFactory(roles=[Role.AGENCY_FILER], agency=power.agency)
    registrar = UserFactory(roles=[Role.REGISTRY_REVIEWER])
    ready = template_ensure_ready_made(kind="general_penalty")
    client.force_login(filer)
    html = client.get(f"/cases/processes/{ready.pk}/").content.decode()
    assert "<svg" in html and "立案" in html
    response = client.post("/cases/processes/copy/", {"source": ready.pk, "power": power.pk})
    copy = ProcessTemplate.objects.get(power=power)
    assert response["Location"] == f"/cases/processes/{copy.pk}/"
    assert client.get(f"/cases/flows/{copy.pk}/").status_code == 404  # a draft is not public
    node = copy.nodes.get(code="investigation")
    form = {
        "name": "调查取证",
        "responsible_post": "执法一科科长",
        "implementer": "两名以上执法人员",
        "control_measures": "全程记录",
        "time_limit": "20",
        "day_kind": "working",
        "required_records": ["on_site", "inquiry"],
        "condition": "always",
        "gate_codes": ["two_officers"],
    }
    assert client.post(f"/cases/processes/nodes/{node.pk}/", form).status_code == 302
    node.refresh_from_db()
    assert node.time_limit == 20 and node.required_records == ["on_site", "inquiry"]
    client.post(f"/cases/processes/{copy.pk}/submit/")
    client.force_login(registrar)
    client.post(f"/cases/processes/{copy.pk}/register/", {"note": "同意备案"})
    copy.refresh_from_db()
    assert copy.status == "registered"
    client.logout()
    html = client.get(f"/cases/flows/{copy.pk}/").content.decode()
    assert "<svg" in html and "执法一科科长" in html
    assert template_for_power(power) == copy


def test_filer_adds_moves_and_deletes_nodes_of_a_draft_only(world, client):
    power, _user, _case = world
    filer = UserFactory(roles=[Role.AGENCY_FILER], agency=power.agency)
    ready = template_ensure_ready_made(kind="inspection")
    copy = template_copy(source=ready, power=power, user=filer)
    first = copy.nodes.order_by("order").first()
    client.force_login(filer)
    response = client.post(
        f"/cases/processes/{copy.pk}/nodes/new/?after={first.pk}",
        {
            "code": "notify",
            "name": "告知检查",
            "responsible_post": "科长",
            "implementer": "检查人员",
            "time_limit": "2",
            "day_kind": "working",
            "condition": "always",
        },
    )
    assert response.status_code == 302
    codes = list(copy.nodes.order_by("order").values_list("code", flat=True))
    assert codes[:3] == ["plan", "notify", "inspection"]
    added = copy.nodes.get(code="notify")
    client.post(f"/cases/processes/nodes/{added.pk}/up/")
    assert list(copy.nodes.order_by("order").values_list("code", flat=True))[:2] == [
        "notify",
        "plan",
    ]
    client.post(f"/cases/processes/nodes/{added.pk}/delete/")
    assert not copy.nodes.filter(code="notify").exists()
    # A ready-made (registered) template cannot be changed by a filer.
    node = ready.nodes.first()
    assert client.post(f"/cases/processes/nodes/{node.pk}/delete/").status_code == 403
    assert ready.nodes.filter(pk=node.pk).exists()


def test_only_the_agency_leader_approves_an_extension(world, client):
    power, user, case = world
    adj = extension_request(case=case, user=user, days=5, reason="需要补充鉴定")
    client.force_login(user)
    assert client.post(f"/cases/extensions/{adj.pk}/decide/", {"approve": "1"}).status_code == 403
    other_leader = UserFactory(roles=[Role.AGENCY_LEADER], agency=penalty_power().agency)
    client.force_login(other_leader)
    assert client.post(f"/cases/extensions/{adj.pk}/decide/", {"approve": "1"}).status_code == 403
    leader = UserFactory(roles=[Role.AGENCY_LEADER], agency=power.agency)
    client.force_login(leader)
    html = client.get(f"/cases/{case.pk}/").content.decode()
    assert 'data-testid="approve-extension"' in html
    client.post(f"/cases/extensions/{adj.pk}/decide/", {"approve": "1"})
    adj.refresh_from_db()
    assert adj.status == "approved" and adj.decided_by == leader


def test_case_detail_query_count_does_not_grow(world, client, django_assert_max_num_queries):
    from .factories import add_record

    _power, user, case = world
    client.force_login(user)
    add_record(case, user)
    client.get(f"/cases/{case.pk}/")
    with django_assert_max_num_queries(60) as few:
        client.get(f"/cases/{case.pk}/")
    for n in range(5):
        add_record(case, user, kind="inquiry", title=f"询问笔录{n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = client.get(f"/cases/{case.pk}/").content.decode()
    assert html.count('data-testid="record-row"') == 6


def test_other_apps_write_timeline_lines(world):
    _power, user, case = world
    case_event_add(case=case, kind="legal_review", summary="提交法制审核", user=user)
    assert case.events.filter(kind="legal_review", summary="提交法制审核").exists()


def test_supervisor_filters_by_agency(world, client):
    power, _user, case = world
    other = open_case(penalty_power(), title="另一机关的案件")
    client.force_login(UserFactory(roles=[Role.DISCIPLINE_SUPERVISOR]))
    html = client.get("/cases/", {"agency": power.agency.code}).content.decode()
    assert case.number in html and other.number not in html
    assert 'data-testid="agency-filter"' in html
