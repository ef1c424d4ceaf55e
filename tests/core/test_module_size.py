"""A module that grows past a screenful of concerns is split before it lands (STYLE.md, #16).

The limit is on lines of every application module (migrations and the bench generator aside);
workflows' services package keeps to its tighter per-concern budget.
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APPS = ("enforcement_portal", "powers", "discretion", "workflows", "disclosure", "reports",
        "oversight")  # fmt: skip
LIMIT = 600
SERVICES_LIMIT = 450


def lines(path: Path) -> int:
    return path.read_text(encoding="utf-8").count("\n")


def test_no_application_module_is_a_catch_all():
    too_long = {
        str(path.relative_to(ROOT)): lines(path)
        for app in APPS
        for path in (ROOT / app).rglob("*.py")
        if "migrations" not in path.parts and lines(path) > LIMIT
    }
    assert too_long == {}, f"split these modules (over {LIMIT} lines): {too_long}"


def test_each_workflows_service_module_keeps_to_one_concern():
    too_long = {
        path.name: lines(path)
        for path in (ROOT / "workflows" / "services").glob("*.py")
        if lines(path) > SERVICES_LIMIT
    }
    assert too_long == {}
