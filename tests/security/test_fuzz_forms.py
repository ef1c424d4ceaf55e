"""Every form of the project, fuzzed (issue #11, ASVS V5 input validation).

The forms are discovered from the apps' form modules, so a new form is fuzzed without
anyone adding it here (a form whose constructor needs arguments must get them in KWARGS,
and the test says so). Each form gets hundreds of generated submissions: for every field a
value of the right shape, a malformed one (31 February, full-width digits, 1e309, numbers
beyond any column, zero-width and right-to-left characters, markup, formulas, huge text,
foreign keys that do not exist or overflow), or nothing. Validation never raises, and each
error it reports is in Chinese and attached to a field of the form (or the form as a whole).
The views behind the forms are fuzzed end to end in test_fuzz_views.py.
"""

from __future__ import annotations

import importlib
import inspect
import re

import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.http import QueryDict
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from enforcement_portal.roles import Role
from tests.discretion.factories import make_standard
from tests.factories import UserFactory
from tests.workflows.factories import case_officer, open_case, penalty_power

# A sign-in with any account name must make a valid cache key (the throttle's counter).
pytestmark = pytest.mark.filterwarnings("error::django.core.cache.backends.base.CacheKeyWarning")

CJK = re.compile(r"[\u4e00-\u9fff]")
FORM_MODULES = [
    "enforcement_portal.forms",
    "powers.forms",
    "discretion.forms",
    "workflows.forms",
    "disclosure.forms",
    "reports.forms",
    "oversight.legal_review.forms",
    "oversight.warnings.forms",
    "oversight.supervision.forms",
    "oversight.evaluation.forms",
]
# Base classes that are never shown on their own.
ABSTRACT = {"workflows.forms.VersionedForm"}


def discovered_forms() -> list[type[forms.BaseForm]]:
    found = []
    for module_name in FORM_MODULES:
        module = importlib.import_module(module_name)
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if (
                issubclass(cls, forms.BaseForm)
                and cls.__module__ == module_name
                and not issubclass(cls, forms.BaseFormSet)
                and f"{module_name}.{cls.__name__}" not in ABSTRACT
            ):
                found.append(cls)
    return sorted(found, key=lambda c: f"{c.__module__}.{c.__name__}")


FORMS = discovered_forms()


# Constructor arguments, by "module.Class", from the kit built once per test.
def _kwargs(kit) -> dict[str, dict]:
    return {
        "workflows.forms.CaseOpenForm": {"user": kit["officer"]},
        "workflows.forms.OnTheSpotForm": {"user": kit["officer"]},
        "workflows.forms.RecordForm": {"case": kit["case"]},
        "workflows.forms.DecisionForm": {"case": kit["case"]},
        "workflows.forms.TemplateCopyForm": {
            "user": kit["officer"],
            "sources": kit["templates"],
        },
        "discretion.forms.CalculatorForm": {"standard": kit["standard"]},
        "discretion.forms.StandardForm": {
            "powers": kit["powers"],
            "agency_id": kit["agency"].pk,
        },
        "powers.forms.PowerForm": {"batches": kit["batches"]},
    }


@pytest.fixture(scope="module")
def module_kit(django_db_setup, django_db_blocker):
    """Objects the forms need, built once for the module and rolled back after it."""
    from powers.models import FilingBatch, Power
    from workflows.models import ProcessTemplate

    with django_db_blocker.unblock(), transaction.atomic():
        power = penalty_power()
        agency = power.agency
        officer = case_officer(agency)
        standard = make_standard(agency=agency)
        yield {
            "agency": agency,
            "officer": officer,
            "case": open_case(power, user=officer),
            "standard": standard,
            "templates": ProcessTemplate.objects.filter(agency__isnull=True),
            "powers": Power.objects.filter(agency=agency),
            "batches": FilingBatch.objects.filter(agency=agency),
            "filer": UserFactory(roles=[Role.AGENCY_FILER], agency=agency),
        }
        transaction.set_rollback(True)


@pytest.fixture
def kit(module_kit, django_db_blocker):
    with django_db_blocker.unblock():
        yield module_kit


TEXT = st.one_of(
    st.sampled_from(
        [
            "",
            " ",
            "<script>alert(1)</script>",
            '=HYPERLINK("http://x")',
            "张\u200b三",
            "\u202e反转",
            "\ufeff",
            "x" * 20000,
            "１２３",
            "'; DROP TABLE core_user; --",
            "\x00",
            "%s%d%(x)s",
        ]
    ),
    st.text(max_size=60),
)
NUMBER = st.one_of(
    st.sampled_from(
        [
            "1",
            "0",
            "-1",
            "１２３",
            "1e309",
            "NaN",
            "Infinity",
            "-0",
            "1,000",
            "9" * 30,
            "0.0000001",
            "5000.555",
            "0x10",
            "壹万",
            "",
        ]
    ),
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
)
DATE = st.one_of(
    st.sampled_from(
        [
            "2026-02-30",
            "2026-13-01",
            "２０２６-０１-０１",
            "2026年1月1日",
            "99999-01-01",
            "0000-00-00",
            "2026-01-01T25:61",
            "2026-11-01T10:00",
            "1900-01-01",
            "",
        ]
    ),
    st.dates().map(str),
    st.datetimes().map(lambda d: d.strftime("%Y-%m-%dT%H:%M")),
)
KEY = st.one_of(
    st.sampled_from(["1", "-1", "0", "abc", "9" * 25, "１", "1.5", ""]),
    st.integers(min_value=1, max_value=50).map(str),
)
UPLOAD = st.builds(
    lambda content, name, ctype: SimpleUploadedFile(name, content, content_type=ctype),
    st.one_of(st.binary(max_size=300), st.just(b"\x89PNG\r\n\x1a\n" + b"0" * 40)),
    st.sampled_from(
        ["a.png", "a.jpg", "list.xlsx", "x.exe", "x.php.png", "..\\..\\a.csv", "无.pdf"]
    ),
    st.sampled_from(["image/png", "application/octet-stream", "text/html", ""]),
)


def value_for(field: forms.Field):
    if isinstance(field, forms.FileField):
        return UPLOAD
    if isinstance(field, forms.ModelMultipleChoiceField | forms.MultipleChoiceField):
        choices = [str(v) for v, _label in getattr(field, "choices", [])][:20]
        return st.lists(st.one_of(KEY, st.sampled_from(choices or ["1"])), max_size=3)
    if isinstance(field, forms.ModelChoiceField):
        choices = [str(v) for v, _label in field.choices if v != ""][:20]
        return st.one_of(KEY, st.sampled_from(choices or ["1"]))
    if isinstance(field, forms.ChoiceField):
        choices = [str(v) for v, _label in field.choices][:30]
        return st.one_of(TEXT, st.sampled_from(choices or [""]))
    if isinstance(field, forms.DateField | forms.DateTimeField | forms.TimeField):
        return DATE
    if isinstance(field, forms.IntegerField | forms.DecimalField | forms.FloatField):
        return NUMBER
    if isinstance(field, forms.BooleanField):
        return st.sampled_from(["on", "", "true", "false", "1", "0"])
    return TEXT


def submission(form: forms.BaseForm):
    fields = form.fields
    return st.fixed_dictionaries(
        {name: st.one_of(st.none(), value_for(field)) for name, field in fields.items()}
    )


def bind(data: dict, files: dict) -> QueryDict:
    qd = QueryDict(mutable=True)
    for name, value in data.items():
        if value is None:
            continue
        if isinstance(value, list):
            qd.setlist(name, value)
        elif isinstance(value, SimpleUploadedFile):
            files[name] = value
        else:
            qd[name] = value
    return qd


def build(cls, kit, **bound):
    key = f"{cls.__module__}.{cls.__name__}"
    kwargs = _kwargs(kit).get(key, {})
    try:
        return cls(**kwargs, **bound)
    except TypeError as exc:  # pragma: no cover - the message says what to do
        pytest.fail(f"{key} needs constructor arguments: add them to _kwargs() ({exc})")


def test_the_forms_are_discovered():
    names = {f"{c.__module__}.{c.__name__}" for c in FORMS}
    assert len(FORMS) >= 40
    assert {"reports.forms.ReportForm", "powers.forms.PowerForm"} <= names


@pytest.mark.parametrize("form_class", FORMS, ids=lambda c: f"{c.__module__}.{c.__name__}")
@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_every_form_validates_any_input_with_chinese_messages(form_class, kit, data):
    template = build(form_class, kit)
    values = data.draw(submission(template))
    files: dict = {}
    qd = bind(values, files)
    with transaction.atomic(), translation.override("zh-hans"):
        form = build(form_class, kit, data=qd, files=files)
        form.is_valid()  # must not raise, whatever came in
        for field, errors in form.errors.as_data().items():
            assert field == "__all__" or field in form.fields, f"error on unknown field {field}"
            for error in errors:
                for message in error.messages:
                    assert CJK.search(message), f"{field}: message not in Chinese: {message!r}"
        transaction.set_rollback(True)
