"""#21 no dead ends: an import citing laws the ledger lacks offers to ask the registry reviewer
to add them; the reviewer adds (settling every request for the title) or declines with a note."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from enforcement_portal.models import AuditEvent
from enforcement_portal.roles import Role
from powers import regulation_requests
from powers.models import ImportJob, Power, Regulation, RegulationRequest
from tests.factories import AgencyFactory, UserFactory

from .factories import food_law, row, sheet

pytestmark = pytest.mark.django_db

MISSING = "黑龙江省食品小作坊小餐饮店小食杂店和食品摊贩管理条例"
ALSO_MISSING = "某市市容管理办法"


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


@pytest.fixture
def refused_job(agency, filer):
    food_law()
    rows = [
        row(agency, 1),
        row(agency, 2, 法定依据=f"《{MISSING}》", 具体条款="第十条（处罚依据）"),
        row(
            agency,
            3,
            法定依据=f"《{MISSING}》；《{ALSO_MISSING}》",
            具体条款=f"《{MISSING}》第十条（设定依据）；《{ALSO_MISSING}》第二条（处罚依据）",
        ),
    ]
    c = client_for(filer)
    c.post("/powers/import/", {"file": SimpleUploadedFile("list.xlsx", sheet(rows))})
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.FAILED
    return job


def test_the_refused_job_lists_the_missing_laws_and_offers_to_request_them(refused_job, filer):
    assert regulation_requests.missing_titles(refused_job) == {
        MISSING: [3, 4],
        ALSO_MISSING: [4],
    }  # spreadsheet rows (header is row 1)
    page = client_for(filer).get(f"/powers/import/{refused_job.pk}/").content.decode()
    assert 'data-testid="missing-regulations"' in page
    assert f"《{MISSING}》" in page and f"《{ALSO_MISSING}》" in page
    assert 'data-testid="request-regulations"' in page


def test_requesting_files_one_pending_entry_per_law_once(refused_job, filer, registrar):
    c = client_for(filer)
    c.post(f"/powers/import/{refused_job.pk}/request-regulations/")
    c.post(f"/powers/import/{refused_job.pk}/request-regulations/")  # twice: nothing new
    requests = RegulationRequest.objects.order_by("title")
    assert [(r.title, r.status) for r in requests] == sorted(
        [(MISSING, "pending"), (ALSO_MISSING, "pending")]
    )
    assert RegulationRequest.objects.get(title=MISSING).rows == "3、4"
    assert AuditEvent.objects.filter(action="regulation.request").count() == 2
    page = c.get(f"/powers/import/{refused_job.pk}/").content.decode()
    assert page.count('data-testid="request-status"') == 2
    assert 'data-testid="request-regulations"' not in page  # all asked

    listing = client_for(registrar).get("/powers/regulations/requests/").content.decode()
    assert (
        listing.count('data-testid="regulation-request"') == 2
        and refused_job.agency.name in listing
    )
    assert (
        client_for(registrar)
        .get("/powers/regulations/")
        .content.decode()
        .count('data-testid="requests-link"')
        == 1
    )


def test_adding_the_law_settles_the_request_and_the_file_then_imports(
    refused_job, filer, registrar, agency
):
    regulation_requests.regulation_requests_file(job=refused_job, user=filer)
    r = client_for(registrar)
    form = r.get("/powers/regulations/new/", {"title": MISSING}).content.decode()
    assert MISSING in form  # prefilled from the request
    for title in (MISSING, ALSO_MISSING):
        r.post(
            "/powers/regulations/new/",
            {"title": title, "level": "local_regulation", "status": "effective",
             "promulgated_on": "2017-08-01"},
        )  # fmt: skip
    assert Regulation.objects.filter(title=MISSING).exists()
    settled = RegulationRequest.objects.get(title=MISSING)
    assert settled.status == "added" and settled.regulation.title == MISSING
    assert settled.resolved_by == registrar
    page = client_for(filer).get(f"/powers/import/{refused_job.pk}/").content.decode()
    assert "已补录" in page or "Added to the ledger" in page

    rows = [
        row(agency, 1),
        row(agency, 2, 法定依据=f"《{MISSING}》", 具体条款="第十条（处罚依据）"),
    ]
    client_for(filer).post(
        "/powers/import/", {"file": SimpleUploadedFile("again.xlsx", sheet(rows))}
    )
    assert ImportJob.objects.order_by("-id").first().status == ImportJob.Status.SUCCEEDED
    assert Power.objects.filter(agency=agency).count() == 2


def test_declining_needs_a_note_and_the_registry_role(refused_job, filer, registrar):
    [req, *_rest] = regulation_requests.regulation_requests_file(job=refused_job, user=filer)
    with pytest.raises(ValidationError):
        regulation_requests.regulation_request_decline(request=req, user=filer, note="不需要")
    r = client_for(registrar)
    r.post(f"/powers/regulations/requests/{req.pk}/decline/", {"note": "  "})
    assert RegulationRequest.objects.get(pk=req.pk).status == "pending"
    r.post(f"/powers/regulations/requests/{req.pk}/decline/", {"note": "请引用其全称《…条例》"})
    req.refresh_from_db()
    assert req.status == "declined" and req.resolution_note == "请引用其全称《…条例》"
    assert (
        client_for(filer).post(f"/powers/regulations/requests/{req.pk}/decline/").status_code == 403
    )
    assert client_for(filer).get("/powers/regulations/requests/").status_code == 403


def test_another_agency_cannot_request_for_this_job(refused_job):
    stranger = UserFactory(roles=[Role.AGENCY_FILER], agency=AgencyFactory())
    response = client_for(stranger).post(f"/powers/import/{refused_job.pk}/request-regulations/")
    assert response.status_code == 403 and not RegulationRequest.objects.exists()


def test_a_job_without_missing_laws_has_nothing_to_request(agency, filer):
    food_law()
    bad = sheet([row(agency, 1, 权力类别="未知类别")])
    client_for(filer).post("/powers/import/", {"file": SimpleUploadedFile("bad.xlsx", bad)})
    job = ImportJob.objects.get()
    with pytest.raises(ValidationError):
        regulation_requests.regulation_requests_file(job=job, user=filer)
    assert (
        'data-testid="missing-regulations"'
        not in client_for(filer).get(f"/powers/import/{job.pk}/").content.decode()
    )
