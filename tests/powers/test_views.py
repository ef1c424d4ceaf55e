"""Power registry pages: permissions across agencies, list queries, filing and review."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from enforcement_portal.roles import Role
from powers.models import FilingBatch, ImportJob, Power, PowerVersion
from tests.factories import PowerBasisFactory, PowerFactory, UserFactory

from .factories import FOOD, FilingBatchFactory, food_law, row, sheet

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def filer(agency):
    return UserFactory(roles=[Role.AGENCY_FILER], agency=agency)


@pytest.fixture
def registrar():
    return UserFactory(roles=[Role.REGISTRY_REVIEWER])


def test_agency_b_cannot_read_or_change_agency_a_objects(agency, other_agency, filer):
    power = PowerFactory(agency=other_agency)
    batch = FilingBatchFactory(agency=other_agency)
    job = ImportJob.objects.create(agency=other_agency, filename="x.xlsx", file="x.xlsx")
    c = client_for(filer)
    assert c.get(f"/powers/{power.pk}/").status_code == 403
    assert c.get(f"/powers/{power.pk}/edit/").status_code == 403
    assert c.post(f"/powers/{power.pk}/confirm_basis/", {"reason": "x"}).status_code == 403
    assert c.post(f"/powers/{power.pk}/suspend/", {"reason": "x"}).status_code == 403
    assert c.get(f"/powers/batches/{batch.pk}/").status_code == 403
    assert c.post(f"/powers/batches/{batch.pk}/submit/").status_code == 403
    assert c.get(f"/powers/import/{job.pk}/").status_code == 403
    assert c.get(f"/powers/import/{job.pk}/status/").status_code == 403
    assert c.get(f"/powers/export/?agency={other_agency.code}").status_code == 403
    assert power.name not in c.get("/powers/").content.decode()
    assert power.status == Power.Status.REGISTERED


def test_filer_cannot_register_their_own_filing(agency, filer):
    food_law()
    batch = FilingBatchFactory(agency=agency)
    power = PowerFactory(agency=agency, status=Power.Status.SUBMITTED)
    version = PowerVersion.objects.create(
        power=power,
        number=1,
        batch=batch,
        name=power.name,
        category=power.category,
        status=PowerVersion.Status.SUBMITTED,
    )
    response = client_for(filer).post(
        f"/powers/versions/{version.pk}/review/", {"decision": "register"}
    )
    assert response.status_code == 403
    version.refresh_from_db()
    assert version.status == PowerVersion.Status.SUBMITTED


def test_anonymous_is_sent_to_login():
    response = Client().get("/powers/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_list_queries_do_not_grow_with_rows(agency, filer, django_assert_max_num_queries):
    c = client_for(filer)
    PowerFactory.create_batch(3, agency=agency)
    with django_assert_max_num_queries(12) as ctx:
        c.get("/powers/")
    small = len(ctx.captured_queries)
    PowerFactory.create_batch(40, agency=agency)
    with django_assert_max_num_queries(small):
        response = c.get("/powers/")
    assert response.content.decode().count('data-testid="power-row"') == 43


def test_list_filters_search_and_keyset_pages(agency, filer):
    PowerFactory.create_batch(55, agency=agency, category=Power.Category.INSPECTION)
    special = PowerFactory(agency=agency, name="对特别事项的行政处罚", basis_needs_review=True)
    c = client_for(filer)
    first = c.get("/powers/").content.decode()
    assert first.count('data-testid="power-row"') == 50 and "cursor=" in first
    assert "对特别事项" in first  # newest first
    assert "对特别事项" in c.get("/powers/", {"q": "特别"}).content.decode()
    flagged = c.get("/powers/", {"flagged": "1"}).content.decode()
    assert flagged.count('data-testid="power-row"') == 1
    penalties = c.get("/powers/", {"category": "penalty"}).content.decode()
    assert penalties.count('data-testid="power-row"') == 1
    cursor = re.search(r"cursor=([^\"&]+)", first).group(1)
    second = c.get(f"/powers/?cursor={cursor}").content.decode()
    assert second.count('data-testid="power-row"') == 6
    assert c.get("/powers/", {"cursor": "garbage!!"}).status_code == 400
    assert special.pk  # shown on page 1 (newest first)


def test_batch_review_page_queries_do_not_grow(agency, registrar, django_assert_max_num_queries):
    batch = FilingBatchFactory(agency=agency, status=FilingBatch.Status.SUBMITTED)

    def add(n):
        for _ in range(n):
            basis = PowerBasisFactory(power__agency=agency, power__registration_number="x")
            v = PowerVersion.objects.create(
                power=basis.power,
                number=2,
                batch=batch,
                name="新名称",
                category=basis.power.category,
                status=PowerVersion.Status.SUBMITTED,
            )
            v.bases.create(provision=basis.provision, kind="penalty")

    add(2)
    c = client_for(registrar)
    with django_assert_max_num_queries(30) as ctx:
        c.get(f"/powers/batches/{batch.pk}/")
    add(8)
    with django_assert_max_num_queries(len(ctx.captured_queries)):
        html = c.get(f"/powers/batches/{batch.pk}/").content.decode()
    assert html.count('data-testid="batch-item"') == 10
    assert 'data-testid="diff-changed"' in html


def test_file_submit_and_review_through_the_pages(agency, filer, registrar):
    food_law()
    c = client_for(filer)
    c.post("/powers/batches/new/", {"title": "2026年第一批"})
    batch = FilingBatch.objects.get(agency=agency)
    form = {
        "code": "CF-W-1",
        "name": "对无证经营食品的行政处罚",
        "category": "penalty",
        "bases": f"《{FOOD}》第三十五条第一款（设定依据）\n"
        f"《{FOOD}》第一百二十二条第一款（处罚依据）",
        "batch": batch.pk,
    }
    bad = c.post("/powers/new/", {**form, "bases": "第三十五条"})
    assert bad.status_code == 200 and "第二十五条第一款" in bad.content.decode()
    unknown = c.post("/powers/new/", {**form, "bases": "《无此法》第一条"})
    assert "无此法" in unknown.content.decode() and not Power.objects.exists()
    assert c.post("/powers/new/", form).status_code == 302
    c.post(f"/powers/batches/{batch.pk}/submit/")
    version = PowerVersion.objects.get(power__code="CF-W-1")
    assert version.status == PowerVersion.Status.SUBMITTED

    r = client_for(registrar)
    empty = r.post(f"/powers/versions/{version.pk}/review/", {"decision": "return", "comment": ""})
    assert empty.status_code == 302
    version.refresh_from_db()
    assert version.status == PowerVersion.Status.SUBMITTED  # refused: no comment
    r.post(f"/powers/versions/{version.pk}/review/", {"decision": "register", "comment": "同意"})
    power = Power.objects.get(code="CF-W-1")
    assert power.status == Power.Status.REGISTERED
    detail = c.get(f"/powers/{power.pk}/").content.decode()
    assert power.registration_number in detail and "power.register" in detail


def test_import_page_inline_refuses_a_bad_file_and_imports_a_good_one(agency, filer):
    food_law()
    c = client_for(filer)
    bad = sheet([row(agency, 1), row(agency, 2, 权力类别="未知类别")])
    response = c.post("/powers/import/", {"file": SimpleUploadedFile("bad.xlsx", bad)})
    job = ImportJob.objects.get()
    assert response["Location"] == f"/powers/import/{job.pk}/"
    assert job.status == ImportJob.Status.FAILED
    page = c.get(response["Location"]).content.decode()
    assert "未知类别" in page and "权力类别" in page
    assert not Power.objects.exists()
    assert c.get(f"/powers/import/{job.pk}/status/").json()["finished"] is True

    good = sheet([row(agency, 1), row(agency, 2)])
    c.post("/powers/import/", {"file": SimpleUploadedFile("good.xlsx", good)})
    job = ImportJob.objects.order_by("-id").first()
    assert job.status == ImportJob.Status.SUCCEEDED and job.created_count == 2
    assert Power.objects.filter(agency=agency).count() == 2
    txt = c.post("/powers/import/", {"file": SimpleUploadedFile("x.txt", b"hello")})
    assert txt.status_code == 200 and ImportJob.objects.count() == 2


def test_export_download(agency, filer):
    PowerFactory(agency=agency, name="=cmd|' /C calc'!A0")
    c = client_for(filer)
    response = c.get("/powers/export/", {"format": "csv"})
    text = response.content.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("序号,权力编码")
    assert "'=cmd" in text
    xlsx = c.get("/powers/export/")
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")


def test_batch_and_regulation_lists_queries_do_not_grow(
    agency, filer, registrar, django_assert_max_num_queries
):
    from tests.factories import ProvisionFactory

    def add(n):
        for _ in range(n):
            FilingBatchFactory(agency=agency)
            ProvisionFactory()

    add(2)
    counts = {}
    clients = {"/powers/batches/": client_for(filer), "/powers/regulations/": client_for(registrar)}
    for url, c in clients.items():
        with django_assert_max_num_queries(15) as ctx:
            c.get(url)
        counts[url] = len(ctx.captured_queries)
    add(20)
    for url, c in clients.items():
        with django_assert_max_num_queries(counts[url]):
            html = c.get(url).content.decode()
        assert html.count("<tr") >= 23
