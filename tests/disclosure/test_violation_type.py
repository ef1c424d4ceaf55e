"""违法行为类型 is the violation (the discretion standard's, or the power), never the case title;
records that carried the title are corrected in public by a data migration."""

import importlib

import pytest
from django.apps import apps
from django.urls import reverse

from disclosure.models import Publication
from tests.disclosure.factories import publish
from tests.disclosure.test_from_cases import decided
from tests.discretion.factories import make_standard
from tests.workflows.factories import case_officer, decide, open_case, to_node

pytestmark = pytest.mark.django_db

migration = importlib.import_module("disclosure.migrations.0013_violation_type_not_case_title")


def test_a_case_without_a_standard_publishes_the_powers_name(django_capture_on_commit_callbacks):
    case = decided(django_capture_on_commit_callbacks, title="刘小军无证经营卤味熟食案")
    publication = Publication.objects.get(case=case)
    assert publication.violation_type == case.power.name == "对销售过期食品的行政处罚"
    assert "刘小军" not in publication.violation_type and "案" not in publication.violation_type


def test_a_case_under_a_discretion_standard_publishes_its_violation(
    django_capture_on_commit_callbacks,
):
    standard = make_standard()
    user = case_officer(standard.power.agency)
    case = to_node(
        open_case(standard.power, user=user, title="刘小军无证经营卤味熟食案"), user, "decision"
    )
    with django_capture_on_commit_callbacks(execute=True):
        decide(case, user)
    publication = Publication.objects.get(case=case)
    assert publication.violation_type == " ".join(standard.violation.split())
    assert publication.violation_type != case.title


def test_the_migration_corrects_published_titles_as_a_correction(
    client, django_capture_on_commit_callbacks
):
    case = decided(django_capture_on_commit_callbacks, title="刘小军无证经营卤味熟食案")
    publication = Publication.objects.get(case=case)
    # as the portal made them before: the case's title as the violation
    Publication.objects.filter(pk=publication.pk).update(violation_type=case.title)
    publication.refresh_from_db()
    publish(publication)
    draft_case = decided(django_capture_on_commit_callbacks, title="某某无证经营案")
    Publication.objects.filter(case=draft_case).update(violation_type=draft_case.title)
    publication.refresh_from_db()
    assert publication.public_data["violation_type"] == "刘某无证经营卤味熟食案"

    migration.correct_violation_types(apps, None)

    publication.refresh_from_db()
    assert publication.violation_type == case.power.name
    assert publication.public_data["violation_type"] == case.power.name
    assert "卤味" not in publication.search_text
    correction = publication.corrections.get()
    assert correction.changes == {"violation_type": ["刘某无证经营卤味熟食案", case.power.name]}
    html = client.get(reverse("disclosure:decision", args=[publication.pk])).content.decode()
    change = html.split('data-testid="correction-change"')[1].split("</div>")[0]
    assert "违法行为类型" in change and "<del>刘某无证经营卤味熟食案</del>" in change
    assert "违法行为类型误填为案件名称" in html
    # an unpublished draft is fixed silently: nothing public to correct
    draft = Publication.objects.get(case=draft_case)
    assert draft.violation_type == draft_case.power.name and not draft.corrections.exists()
    # running again changes nothing
    migration.correct_violation_types(apps, None)
    assert publication.corrections.count() == 1
