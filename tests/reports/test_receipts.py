"""Receipt codes: long, random, grouped; only a salted hash is kept; wrong == unknown."""

import math
import re

import pytest
from django.contrib.auth import hashers

from reports import receipts
from reports.selectors import report_by_receipt

from .factories import submit_report

pytestmark = pytest.mark.django_db


def test_code_has_at_least_80_secret_bits_and_reads_in_groups():
    code = receipts.receipt_generate()
    assert receipts.SECRET_LENGTH * math.log2(len(receipts.ALPHABET)) >= 80
    assert len(code.secret) == receipts.SECRET_LENGTH
    assert re.fullmatch(r"([0-9A-Z]{4}-){6}[0-9A-Z]{4}", code.display)
    assert code.secret not in repr(code) and code.secret not in str(code)
    assert receipts.receipt_generate().display != code.display


def test_parse_forgives_case_spaces_dashes_and_lookalikes():
    code = receipts.receipt_generate()
    typed = code.display.lower().replace("-", " ").replace("0", "o").replace("1", "l")
    assert receipts.receipt_parse(typed) == code
    assert receipts.receipt_parse("too-short") is None


def test_only_a_salted_hash_of_the_secret_is_stored(agency):
    report, code = submit_report(agency)
    report.refresh_from_db()
    assert report.lookup == code.lookup
    assert code.secret not in report.secret_hash
    assert hashers.identify_hasher(report.secret_hash).algorithm  # a Django password hash
    assert hashers.check_password(code.secret, report.secret_hash)
    other, _ = submit_report(agency)
    assert other.secret_hash != report.secret_hash


def test_lookup_opens_with_the_right_code_only(agency):
    report, code = submit_report(agency)
    assert report_by_receipt(code.display) == report
    wrong = receipts.ReceiptCode(code.lookup, "Z" * receipts.SECRET_LENGTH)
    assert report_by_receipt(wrong.display) is None


def test_the_hasher_runs_even_when_no_row_matches(agency, monkeypatch):
    calls = []
    real = receipts.check_password

    def counting(password, encoded, *args, **kwargs):
        calls.append(encoded)
        return real(password, encoded, *args, **kwargs)

    monkeypatch.setattr(receipts, "check_password", counting)
    assert report_by_receipt(receipts.receipt_generate().display) is None
    assert report_by_receipt("garbage") is None
    assert len(calls) == 2


def _without_csrf(html: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def test_wrong_and_unknown_codes_get_the_same_page(client, agency):
    _report, code = submit_report(agency, subject="独特的举报标题")
    wrong = receipts.ReceiptCode(code.lookup, "Z" * receipts.SECRET_LENGTH).display
    unknown = receipts.receipt_generate().display
    pages = [client.post("/public/reports/follow/", {"code": c}) for c in (wrong, unknown)]
    assert [p.status_code for p in pages] == [200, 200]
    bodies = [_without_csrf(p.content.decode()) for p in pages]
    assert bodies[0] == bodies[1]
    assert "独特的举报标题" not in bodies[0]
    assert "没有可显示的举报" in bodies[0] or "No report can be shown" in bodies[0]
    right = client.post("/public/reports/follow/", {"code": code.display})
    assert "独特的举报标题" in right.content.decode()


def test_adding_or_claiming_with_a_wrong_code_changes_nothing_and_looks_unknown(client, agency):
    report, code = submit_report(agency)
    wrong = receipts.ReceiptCode(code.lookup, "Z" * receipts.SECRET_LENGTH).display
    unknown = receipts.receipt_generate().display
    for url, extra in (
        ("/public/reports/follow/add/", {"body": "冒充补充"}),
        ("/public/reports/follow/claim/", {}),
    ):
        pages = [client.post(url, {"code": c, **extra}) for c in (wrong, unknown)]
        assert [p.status_code for p in pages] == [200, 200]
        assert len({_without_csrf(p.content.decode()) for p in pages}) == 1
        assert pages[0]["Cache-Control"] == "no-store"
        assert 'data-testid="receipt-unknown"' in pages[0].content.decode()
    assert report.messages.count() == 0
