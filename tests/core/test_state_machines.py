"""Every model with a ``status`` field moves it through django-fsm transitions (#16).

A plain CharField would let any service write any status string; an FSMField with
``@transition`` methods makes the allowed moves part of the model, so a service that skips a
step fails loudly.
"""

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django_fsm import FSMFieldMixin

PROJECT_APPS = {"core", "powers", "discretion", "workflows", "disclosure", "reports", "oversight"}


def _models_with_status():
    for model in apps.get_models():
        if model._meta.app_label not in PROJECT_APPS:
            continue
        try:
            field = model._meta.get_field("status")
        except FieldDoesNotExist:
            continue
        yield model, field


def test_every_status_field_is_a_state_machine():
    found = list(_models_with_status())
    assert len(found) >= 15, [m.__name__ for m, _f in found]  # the walk really sees the models
    plain = [f"{m._meta.label}.status" for m, f in found if not isinstance(f, FSMFieldMixin)]
    assert plain == []


def test_every_state_machine_has_transitions():
    idle = []
    for model, field in _models_with_status():
        if not isinstance(field, FSMFieldMixin):
            continue
        if not list(field.get_all_transitions(model)):
            idle.append(model._meta.label)
    assert idle == []
