"""After a submission through the public page, neither the database (every table, dumped
with pg_dump) nor the captured logs nor the stored files hold the receipt code or anything
that identifies the sender: address, forwarded address, user agent, session."""

import logging
import re
import shutil
import subprocess

import pytest
from django.conf import settings
from django.db import connection

from reports.models import Report, ReportAttachment

from .factories import jpeg_with_gps, solved_post

pytestmark = [pytest.mark.django_db(transaction=True)]

CLIENT_IP = "203.0.113.177"
FORWARDED_IP = "198.51.100.239"
AGENT = "DistinctiveReporterBrowser/7.31"
REQUEST_ID = "reporter-req-9f8e7d6c5b4a"
SENDER = {
    "REMOTE_ADDR": CLIENT_IP,
    "HTTP_X_FORWARDED_FOR": f"{FORWARDED_IP}, {CLIENT_IP}",
    "HTTP_X_REAL_IP": FORWARDED_IP,
    "HTTP_USER_AGENT": AGENT,
    "HTTP_REFERER": "https://example.org/from-" + FORWARDED_IP,
    "HTTP_X_REQUEST_ID": REQUEST_ID,
}


def _dump_database() -> str:
    db = connection.settings_dict
    if connection.vendor == "postgresql" and shutil.which("pg_dump"):
        args = ["pg_dump", "--data-only", "-h", db["HOST"] or "127.0.0.1", "-U", db["USER"]]
        if db.get("PORT"):
            args += ["-p", str(db["PORT"])]
        result = subprocess.run(
            [*args, db["NAME"]], capture_output=True, text=True, check=False, timeout=120
        )
        if result.returncode == 0:
            return result.stdout
    # Without pg_dump: every row of every table, as text.
    chunks = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT * FROM "{table}"')
            chunks.extend(repr(row) for row in cursor.fetchall())
    return "\n".join(chunks)


def _stored_files() -> bytes:
    root = settings.MEDIA_ROOT
    return b"".join(p.read_bytes() for p in root.rglob("*") if p.is_file())


def test_database_logs_and_files_hold_no_code_and_no_sender(client, agency, caplog):
    caplog.set_level(logging.DEBUG)
    data = {
        "agency": agency.pk,
        "violation_type": "bribery",
        "subject": "索要好处费",
        "description": "执法人员要求送礼后可以不罚款。",
        "is_anonymous": "1",
        "pictures": [jpeg_with_gps()],
    }
    response = solved_post(client, data, **SENDER)
    assert response.status_code == 200, response.content.decode()[:2000]
    html = response.content.decode()
    code = re.search(r'data-testid="receipt-code">([^<]+)<', html).group(1).strip()
    raw = code.replace("-", "")
    # The reporter comes back (also with a wrong code and an unknown page) from the same place.
    client.post("/public/reports/follow/", {"code": code}, **SENDER)
    client.post("/public/reports/follow/", {"code": "0000-" + code[5:]}, **SENDER)
    client.post(
        "/public/reports/follow/add/", {"code": code, "body": "补充：还有一名同伙。"}, **SENDER
    )
    client.get("/public/reports/does-not-exist/", **SENDER)

    assert Report.objects.count() == 1 and ReportAttachment.objects.count() == 1
    assert "sessionid" not in client.cookies
    assert response.get("Cache-Control") == "no-store"

    dump = _dump_database()
    assert "索要好处费" in dump  # the dump does contain the report itself
    logs = "\n".join(
        f"{r.getMessage()} {r.__dict__.get('request_id', '')} {getattr(r, 'request', '')}"
        for r in caplog.records
    )
    files = _stored_files()
    secret = raw[8:]
    for haystack, name in ((dump, "database"), (logs, "logs")):
        for needle in (code, raw, secret, CLIENT_IP, FORWARDED_IP, AGENT, REQUEST_ID):
            assert needle not in haystack, f"{needle!r} found in the {name}"
    assert "DistinctiveCameraMaker" not in logs  # Pillow's DEBUG lines print EXIF tags
    for needle in (raw, secret, CLIENT_IP, FORWARDED_IP, AGENT, "DistinctiveCameraMaker"):
        assert needle.encode() not in files
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM django_session")
        assert cursor.fetchone()[0] == 0


def test_the_sender_is_blanked_before_the_view_and_its_errors_see_the_request(rf):
    from reports.public_views import anonymous_reporter

    seen = {}

    @anonymous_reporter
    def view(request):
        seen.update(request.META)
        from django.http import HttpResponse

        return HttpResponse("ok")

    view(rf.get("/public/reports/", **SENDER))
    for key in ("REMOTE_ADDR", "HTTP_X_FORWARDED_FOR", "HTTP_USER_AGENT", "HTTP_REFERER"):
        assert seen[key] == ""


def test_the_production_access_log_leaves_out_address_and_user_agent():
    import yaml

    compose = yaml.safe_load((settings.BASE_DIR / "docker-compose.yml").read_text())
    command = compose["services"]["web"]["command"]
    assert "--access-logformat" in command
    fmt = command.split("--access-logformat", 1)[1]
    assert "%(h)s" not in fmt and "%(a)s" not in fmt and "%({x-forwarded-for}i)s" not in fmt
