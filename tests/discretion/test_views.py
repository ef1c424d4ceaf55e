"""Discretion pages: permissions across agencies, the band editor's POST, review, calculator,
import/export, and the list's query count."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from discretion import services, spreadsheet
from discretion.models import DiscretionStandard, PenaltyType
from discretion.selectors import published_standards, standards_page
from enforcement_portal.roles import Role
from tests.factories import (
    AgencyFactory,
    PowerBasisFactory,
    PowerFactory,
    ProvisionFactory,
    UserFactory,
)

from .factories import make_standard

pytestmark = pytest.mark.django_db


def ids(*codes):
    return [str(t.pk) for t in PenaltyType.objects.filter(code__in=codes)]


GOOD_BANDS = [
    ("minor", ["no_penalty"], "", ""),
    ("minor", ["warning", "fine"], "1000", "5000"),
    ("ordinary", ["fine"], "5000", "10000"),
    ("serious", ["fine"], "10000", "30000"),
    ("very_serious", ["fine"], "30000", "50000"),
]


def post_data(power, bands=GOOD_BANDS, **extra):
    violated, penalty = ProvisionFactory(), ProvisionFactory()
    PowerBasisFactory(power=power, provision=violated, kind="setting")
    PowerBasisFactory(power=power, provision=penalty, kind="penalty")
    data = {
        "power": power.pk,
        "violation": "未按规定设置安全警示标志",
        "violated_provision": violated.pk,
        "penalty_provision": penalty.pk,
        "allowed_types": ids("warning", "fine"),
        "fine_basis": "amount",
        "fine_min": "1000",
        "fine_max": "50000",
        "lighter": "主动消除或者减轻违法行为危害后果的",
        "heavier": "一年内因同一种违法行为受过行政处罚的\n拒绝、阻碍执法的",
        "no_penalty": "违法行为轻微并及时改正，没有造成危害后果的",
        "bands-TOTAL_FORMS": str(len(bands)),
        "bands-INITIAL_FORMS": "0",
        "bands-MIN_NUM_FORMS": "0",
        "bands-MAX_NUM_FORMS": "20",
    }
    for i, (severity, codes, low, high) in enumerate(bands):
        data.update(
            {
                f"bands-{i}-severity": severity,
                f"bands-{i}-circumstances": f"第{i + 1}档情形",
                f"bands-{i}-penalty_types": ids(*codes),
                f"bands-{i}-fine_min": low,
                f"bands-{i}-fine_max": high,
            }
        )
    data.update(extra)
    return data


@pytest.fixture
def agency_a():
    return AgencyFactory()


@pytest.fixture
def filer(agency_a):
    return UserFactory(roles=[Role.AGENCY_FILER], agency=agency_a)


def test_filer_creates_a_standard_through_the_form(client, filer, agency_a):
    power = PowerFactory(agency=agency_a)
    client.force_login(filer)
    page = client.get(reverse("discretion:create"))
    assert page.status_code == 200 and power.name in page.content.decode()
    response = client.post(reverse("discretion:create"), post_data(power))
    standard = DiscretionStandard.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("discretion:detail", args=[standard.pk])
    assert standard.bands.count() == 5 and standard.circumstances.count() == 4
    detail = client.get(response.url).content.decode()
    assert "警告，处1000元以上5000元以下罚款" in detail and "草稿" in detail


@pytest.mark.parametrize(
    ("bands", "message", "at_band"),
    [
        (GOOD_BANDS[:4], "裁量基准至少需要5个处罚档次，目前只有4个。", None),
        (
            GOOD_BANDS + [("very_serious", ["fine"], "50000", "50000")] * 4,
            "裁量基准最多只能有8个处罚档次，目前有9个。",
            None,
        ),
        (
            [*GOOD_BANDS[:3], ("ordinary", ["fine"], "8000", "20000"), GOOD_BANDS[4]],
            "违法程度“严重”没有处罚档次。",
            None,
        ),
        (
            [*GOOD_BANDS[:3], ("serious", ["fine"], "8000", "30000"), GOOD_BANDS[4]],
            "罚款幅度与第3档重叠。",
            3,
        ),
        (
            [*GOOD_BANDS[:3], ("serious", ["fine"], "2000", "4000"), GOOD_BANDS[4]],
            "罚款幅度须随违法程度上升，不能低于第3档。",
            3,
        ),
        (
            [*GOOD_BANDS[:4], ("very_serious", ["fine"], "30000", "90000")],
            "高于法定最高罚款50000元。",
            4,
        ),
        (
            [*GOOD_BANDS[:4], ("very_serious", ["fine", "revoke_licence"], "30000", "50000")],
            "法定处罚种类不包括：吊销许可证件。",
            4,
        ),
        (
            [GOOD_BANDS[0], GOOD_BANDS[1], ("ordinary", ["no_penalty"], "", ""), *GOOD_BANDS[2:]],
            "不予处罚只能用于轻微违法行为（行政处罚法第三十三条）。",
            2,
        ),
    ],
)
def test_each_invalid_shape_is_refused_with_its_message(
    client, filer, agency_a, bands, message, at_band
):
    power = PowerFactory(agency=agency_a)
    client.force_login(filer)
    response = client.post(reverse("discretion:create"), post_data(power, bands))
    assert response.status_code == 400
    assert not DiscretionStandard.objects.exists()
    if at_band is None:
        assert message in response.context["general_errors"]
    else:
        form = response.context["formset"].bands()[at_band]
        assert message in [e for errors in form.errors.values() for e in errors]
    assert message in response.content.decode()


def test_statute_errors_show_at_the_statute_field(client, filer, agency_a):
    power = PowerFactory(agency=agency_a)
    client.force_login(filer)
    response = client.post(reverse("discretion:create"), post_data(power, fine_min="60000"))
    assert response.status_code == 400
    assert response.context["form"].errors["fine_max"] == ["下限大于上限。"]


def test_agency_b_cannot_read_or_change_agency_a_standards(client, filer, agency_a):
    standard = make_standard(agency=agency_a, registered=False)
    other = UserFactory(roles=[Role.AGENCY_FILER, Role.CASE_OFFICER], agency=AgencyFactory())
    client.force_login(other)
    for name in ("detail", "edit"):
        assert client.get(reverse(f"discretion:{name}", args=[standard.pk])).status_code == 403
    for name in ("edit", "submit", "opinion", "register", "return", "new_version"):
        response = client.post(reverse(f"discretion:{name}", args=[standard.pk]), {})
        assert response.status_code == 403, name
    assert client.get(reverse("discretion:calculator", args=[standard.pk])).status_code == 403
    listing = client.get(reverse("discretion:list")).content.decode()
    assert standard.power.name not in listing
    standard.refresh_from_db()
    assert standard.status == "draft"


def test_registered_standards_can_be_tried_by_any_staff(client, agency_a):
    standard = make_standard(agency=agency_a)
    officer = UserFactory(roles=[Role.CASE_OFFICER], agency=AgencyFactory())
    client.force_login(officer)
    url = reverse("discretion:calculator", args=[standard.pk])
    heavier = standard.circumstances.get(kind="heavier")
    page = client.get(url, {"severity": "serious", "circumstances": [heavier.pk]})
    body = page.content.decode()
    assert page.status_code == 200
    rec = page.context["recommendation"]
    assert rec.band_position == 5
    assert "27,500.00元" in body and "35,000.00元" in body
    assert "具有从重处罚情形：一年内因同一种违法行为受过行政处罚的。" in body


def test_calculator_input_errors_show_at_the_field(client, agency_a):
    from .factories import income_input

    standard = make_standard(agency=agency_a, data=income_input())
    client.force_login(UserFactory(roles=[Role.CASE_OFFICER], agency=agency_a))
    page = client.get(
        reverse("discretion:calculator", args=[standard.pk]),
        {"severity": "minor", "illegal_income": "-5"},
    )
    assert page.status_code == 200 and page.context["recommendation"] is None
    assert page.context["form"].errors["illegal_income"]
    page = client.get(reverse("discretion:calculator", args=[standard.pk]), {"severity": "minor"})
    assert page.context["form"].errors["illegal_income"] == [
        "本基准按违法所得的倍数计算罚款，请填写违法所得。"
    ]


def test_anonymous_is_sent_to_sign_in(client, agency_a):
    standard = make_standard(agency=agency_a)
    for url in (reverse("discretion:list"), reverse("discretion:detail", args=[standard.pk])):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response.url


def test_expert_reviews_and_registers_through_the_pages(client, filer, agency_a):
    standard = make_standard(agency=agency_a, registered=False)
    client.force_login(filer)
    client.post(reverse("discretion:submit", args=[standard.pk]))
    # A filer cannot register their own standard.
    assert client.post(reverse("discretion:register", args=[standard.pk])).status_code == 403
    expert = UserFactory(roles=[Role.REGISTRY_REVIEWER], agency=AgencyFactory())
    client.force_login(expert)
    listing = client.get(reverse("discretion:list")).content.decode()
    assert standard.power.name in listing
    response = client.post(reverse("discretion:register", args=[standard.pk]), follow=True)
    assert "备案前至少需要一份专家评审意见。" in response.content.decode()
    client.post(
        reverse("discretion:opinion", args=[standard.pk]), {"verdict": "agree", "comment": "同意"}
    )
    response = client.post(
        reverse("discretion:register", args=[standard.pk]),
        {"registration_number": "", "registered_on": "2026-06-01"},
        follow=True,
    )
    standard.refresh_from_db()
    assert standard.status == "registered"
    body = response.content.decode()
    assert "裁量基准已备案并生效。" in body and "2026年6月1日" in body


def test_list_query_count_does_not_grow(client, django_assert_max_num_queries):
    supervisor = UserFactory(roles=[Role.DISCIPLINE_SUPERVISOR])
    make_standard()
    client.force_login(supervisor)
    client.get(reverse("discretion:list"))
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("discretion:list"))
    for _ in range(4):
        make_standard()
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(reverse("discretion:list"))
    assert len(page.context["standards"]) == 5


def test_import_and_export_pages(client, filer, agency_a):
    standard = make_standard(agency=agency_a)
    client.force_login(filer)
    exported = client.get(reverse("discretion:export"))
    assert exported["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(exported.content)).active
    assert sheet.cell(2, 2).value == standard.power.code
    bad = client.post(
        reverse("discretion:import"), {"file": SimpleUploadedFile("x.xlsx", b"nonsense")}
    )
    assert bad.status_code == 400 and "文件不是.xlsx电子表格。" in bad.content.decode()
    good = client.post(
        reverse("discretion:import"),
        {"file": SimpleUploadedFile("s.xlsx", spreadsheet.export_standards(published_standards()))},
    )
    assert good.status_code == 302
    assert standard.power.discretion_standards.filter(status="draft", version=2).exists()


def test_desk_panel_lists_drafts_for_the_filer(client, filer, agency_a):
    standard = make_standard(agency=agency_a, registered=False)
    client.force_login(filer)
    body = client.get("/").content.decode()
    assert "填报中的裁量基准" in body and standard.power.name in body


def test_provisions_offered_are_those_of_the_agency_powers(client, filer, agency_a):
    power = PowerFactory(agency=agency_a)
    mine = ProvisionFactory(article="第一百条")
    PowerBasisFactory(power=power, provision=mine)
    foreign = ProvisionFactory(article="第二百条")
    PowerBasisFactory(power=PowerFactory(), provision=foreign)
    client.force_login(filer)
    form = client.get(reverse("discretion:create")).context["form"]
    assert list(form.fields["penalty_provision"].queryset) == [mine]
    data = post_data(power, violated_provision=foreign.pk)
    response = client.post(reverse("discretion:create"), data)
    assert response.status_code == 400 and "violated_provision" in response.context["form"].errors


def test_list_pages_by_keyset_and_filters_by_status(client):
    supervisor = UserFactory(roles=[Role.DISCIPLINE_SUPERVISOR])
    registered = [make_standard() for _ in range(3)]
    drafts = [services.standard_new_version(standard=s) for s in registered[:2]]
    seen, cursor = [], ""
    while True:
        page, cursor = standards_page(supervisor, after=cursor, size=2)
        seen += page
        if not cursor:
            break
    assert len(seen) == 5 and len({s.pk for s in seen}) == 5
    assert [s.version for s in seen if s.power_id == registered[0].power_id] == [2, 1]
    client.force_login(supervisor)
    body = client.get(reverse("discretion:list"), {"status": "draft"})
    assert {s.pk for s in body.context["standards"]} == {d.pk for d in drafts}
    nonsense = client.get(reverse("discretion:list"), {"after": "x.y", "status": "bogus"})
    assert nonsense.status_code == 200 and len(nonsense.context["standards"]) == 5


def test_calculator_checks_an_intended_penalty(client, agency_a):
    standard = make_standard(agency=agency_a)
    client.force_login(UserFactory(roles=[Role.CASE_OFFICER], agency=agency_a))
    url = reverse("discretion:calculator", args=[standard.pk])
    inside = client.get(url, {"severity": "ordinary", "decided_fine": "8000"})
    assert not inside.context["deviation"]
    assert "拟决定的处罚在建议范围内。" in inside.content.decode()
    outside = client.get(
        url,
        {"severity": "ordinary", "decided_fine": "12000", "decided_types": ids("fine", "warning")},
    )
    body = outside.content.decode()
    assert outside.context["deviation"].reasons == (
        "处罚种类超出建议档次：警告。",
        "罚款12000元超出建议的5000元至10000元。",
    )
    assert "须书面说明理由" in body


def test_a_new_version_shows_the_version_in_force(client, filer, agency_a):
    registered = make_standard(agency=agency_a)
    draft = services.standard_new_version(standard=registered)
    client.force_login(filer)
    body = client.get(reverse("discretion:detail", args=[draft.pk])).content.decode()
    assert f"现行有效版本：V1（{registered.registration_number}）" in body
