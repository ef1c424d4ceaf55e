"""Project-level facts: translation complete, demo city, docker-compose, deploy checks."""

import importlib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from django.contrib.auth import get_user_model
from django.core.management import call_command
from stdnum.cn import uscc

from enforcement_portal.roles import Role
from powers.models import Agency, Officer

ROOT = Path(__file__).resolve().parents[2]


def _po_entries(path):
    text = path.read_text(encoding="utf-8")
    for block in text.split("\n\n"):
        lines = [line for line in block.splitlines() if line and not line.startswith("#~")]
        if not any(line.startswith("msgid ") for line in lines):
            continue
        fuzzy = any(line.startswith("#,") and "fuzzy" in line for line in lines)
        joined = "\n".join(lines)
        msgid = "".join(re.findall(r'"(.*)"', joined.split("msgstr")[0]))
        msgstrs = re.findall(r'msgstr(?:\[\d\])? ((?:".*"\n?)+)', joined + "\n")
        translated = all("".join(re.findall(r'"(.*)"', s)) for s in msgstrs)
        yield msgid, translated, fuzzy


def test_chinese_translation_is_complete():
    po = ROOT / "locale/zh_Hans/LC_MESSAGES/django.po"
    entries = [e for e in _po_entries(po) if e[0]]  # skip the header
    assert len(entries) > 100
    untranslated = [m for m, ok, _ in entries if not ok]
    fuzzy = [m for m, _, f in entries if f]
    assert untranslated == [], f"untranslated: {untranslated[:10]}"
    assert fuzzy == [], f"fuzzy: {fuzzy[:10]}"
    mo = po.with_suffix(".mo")
    assert mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime - 5


@pytest.mark.django_db
def test_seed_demo_is_idempotent_and_realistic():
    call_command("seed_demo", quiet=True)
    counts = (Agency.objects.count(), Officer.objects.count(), get_user_model().objects.count())
    call_command("seed_demo", quiet=True)
    assert (Agency.objects.count(), Officer.objects.count(), get_user_model().objects.count()) == (
        counts
    )
    names = set(Agency.objects.values_list("name", flat=True))
    for expected in (
        "市场监督管理局",
        "生态环境局",
        "交通运输局",
        "城市管理综合行政执法局",
        "司法局",
    ):
        assert any(expected in n for n in names)
    assert all(uscc.is_valid(code) for code in Agency.objects.values_list("uscc", flat=True))
    User = get_user_model()
    for role in Role:
        assert User.objects.filter(groups__name=role.value).exists(), role
    supervisor = User.objects.get(username="supervisor")
    assert supervisor.agency is None and supervisor.check_password("Demo@2026")
    assert Officer.objects.filter(user__username="officer", has_legal_qualification=False).exists()


def test_docker_compose_services_name_real_modules_and_settings():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    assert {"web", "worker", "beat", "postgres", "redis"} <= set(services)
    for name in ("web", "worker", "beat"):
        service = services[name]
        env = service.get("environment", {})
        settings_module = env.get("DJANGO_SETTINGS_MODULE")
        assert settings_module == "enforcement_portal.settings.production"
        importlib.import_module(settings_module.rsplit(".", 1)[0])
        assert (ROOT / (settings_module.replace(".", "/") + ".py")).exists()
        command = service["command"]
        command = " ".join(command) if isinstance(command, list) else command
        if name == "web":
            target = re.search(r"gunicorn\s+(\S+):(\w+)", command)
            module = importlib.import_module(target.group(1))
            assert hasattr(module, target.group(2))
        else:
            app = re.search(r"-A\s+(\S+)", command).group(1)
            assert hasattr(importlib.import_module(app), "celery_app")
            assert ("worker" if name == "worker" else "beat") in command
        assert "DATABASE_URL" in env and "REDIS_URL" in env
    for volume in compose.get("volumes", {}):
        assert any(volume in str(s.get("volumes", [])) for s in services.values()), (
            f"volume {volume} unused"
        )


def test_check_deploy_is_clean_under_production_settings():
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "enforcement_portal.settings.production",
        "SECRET_KEY": "x" * 20 + "-a-long-random-production-secret-key-for-the-check",
        "ALLOWED_HOSTS": "portal.example.gov.cn",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr + result.stdout
