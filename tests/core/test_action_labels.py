"""Every audit action a service can append, and every warning-handling step, has a label, and
the labels are Chinese in the Chinese UI (no ``case.open`` on a page)."""

import re
from pathlib import Path

from django.template import Context, Template
from django.utils import translation

from enforcement_portal.action_labels import ACTION_LABELS, WARNING_STEP_LABELS, action_label

ROOT = Path(__file__).resolve().parents[2]
APPS = ("enforcement_portal", "powers", "discretion", "workflows", "disclosure", "reports")
LITERAL = re.compile(r"""action=\"([a-z_]+\.[a-z_.]+)\"""")
POWER_TRANSITION = re.compile(r"""_power_transition\([^)]*?\"(power\.[a-z_]+)\"""")
DYNAMIC = {
    # case_set_flag, legal review outcomes, template transitions, warning steps
    "case.": ("hearing_requested", "coercive_measure", "is_major"),
    "legal_review.": ("agreed", "problems", "transfer"),
    "template.": ("register", "send_back", "submit", "supersede"),
    "warning.": ("verify", "handle", "close"),
}


def appended_codes() -> set[str]:
    codes: set[str] = set()
    for app in (*APPS, "oversight"):
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            text = path.read_text()
            codes |= set(LITERAL.findall(text)) | set(POWER_TRANSITION.findall(text))
    for prefix, names in DYNAMIC.items():
        codes |= {prefix + name for name in names}
    return codes


def test_every_appended_action_has_a_label():
    codes = appended_codes()
    assert len(codes) > 90
    assert sorted(codes - set(ACTION_LABELS)) == []


def test_labels_are_chinese_in_the_chinese_ui():
    with translation.override("zh-hans"):
        for code in ACTION_LABELS:
            label = action_label(code)
            assert re.search(r"[\u4e00-\u9fff]", label), (code, label)
            assert code not in label
        for code in WARNING_STEP_LABELS:
            assert re.search(r"[\u4e00-\u9fff]", str(WARNING_STEP_LABELS[code])), code
        assert action_label("something.unknown") == "其他操作"


def test_filters_render_labels_not_codes():
    with translation.override("zh-hans"):
        out = Template("{{ a|action_label }} {{ s|warning_step_label }}").render(
            Context({"a": "publication.publish", "s": "handle"})
        )
    assert out == "已公开 已处置"
