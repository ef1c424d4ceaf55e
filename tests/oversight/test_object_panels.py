"""oversight shows its part on pages of apps to its left: the 5 % rule on an agency's page,
the legal review on a major case's page."""

import pytest
from django.urls import reverse

from enforcement_portal.roles import Role
from tests.factories import OfficerFactory, UserFactory
from tests.workflows.factories import open_case
from workflows.models import Case

pytestmark = pytest.mark.django_db


def test_the_agency_page_shows_its_reviewer_ratio(client):
    case = open_case()
    agency = case.agency
    OfficerFactory.create_batch(18, agency=agency)  # 20 officers, no legal reviewer yet
    client.force_login(UserFactory(roles=[Role.AGENCY_FILER], agency=agency))
    html = client.get(reverse("powers:agency_detail", args=[agency.pk])).content.decode()
    panel = html.split('data-testid="agency-reviewer-ratio"')[1].split("</div></div>")[0]
    assert "0 名法制审核人员" in panel and "低于百分之五" in panel
    UserFactory(roles=[Role.LEGAL_REVIEWER], agency=agency)
    html = client.get(reverse("powers:agency_detail", args=[agency.pk])).content.decode()
    assert "符合要求" in html.split('data-testid="agency-reviewer-ratio"')[1]


def test_a_major_case_page_links_its_legal_review(client):
    case = open_case()
    officer_user = UserFactory(roles=[Role.CASE_OFFICER], agency=case.agency)
    client.force_login(officer_user)
    url = reverse("workflows:case_detail", args=[case.pk])
    assert 'data-testid="case-legal-reviews"' not in client.get(url).content.decode()
    Case.objects.filter(pk=case.pk).update(is_major=True)
    html = client.get(url).content.decode()
    assert 'data-testid="case-legal-review-link"' in html
    assert reverse("oversight:legal_case", args=[case.pk]) in html
