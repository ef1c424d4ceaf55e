"""#21: every staff list has a search box and filters, and its next-page link keeps them.

Cases and powers had them; publications, warnings and reports get them here. Each search is
checked for what it finds and what it leaves out, and the publication list's query count is
pinned with the filters on.
"""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from disclosure.models import Publication
from enforcement_portal.roles import Role
from oversight.models import EarlyWarning, WarningRule
from tests.disclosure.factories import PublicationFactory, publish
from tests.factories import AgencyFactory, UserFactory
from tests.reports.factories import handler, submit_report

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_publications_search_by_number_or_party_status_and_overdue(django_assert_max_num_queries):
    agency = AgencyFactory()
    staff = UserFactory(roles=[Role.AGENCY_FILER], agency=agency)
    old = PublicationFactory(
        agency=agency, decision_number="齐市监罚〔2026〕7号", party_name="甲公司"
    )
    Publication.objects.filter(pk=old.pk).update(due_by=dt.date(2026, 1, 5))
    new = PublicationFactory(
        agency=agency, decision_number="齐市监罚〔2026〕8号", party_name="乙商店"
    )
    Publication.objects.filter(pk=new.pk).update(due_by=timezone.localdate() + dt.timedelta(30))
    done = PublicationFactory(
        agency=agency, decision_number="齐市监罚〔2026〕9号", party_name="丙公司"
    )
    publish(done)
    PublicationFactory(decision_number="别的机关〔2026〕1号")  # another agency: never listed
    c = client_for(staff)

    def rows(**params):
        page = c.get("/disclosure/publications/", params).content.decode()
        return {n for n in ("7号", "8号", "9号", "别的机关") if n in page}, page

    assert rows()[0] == {"7号", "8号", "9号"}
    assert rows(q="乙商店")[0] == {"8号"}
    assert rows(q="〔2026〕9")[0] == {"9号"}
    assert rows(status="published")[0] == {"9号"}
    assert rows(overdue="1")[0] == {"7号"}
    found, page = rows(q="甲", overdue="1")
    assert found == {"7号"} and 'value="甲"' in page and "checked" in page
    assert rows(status="bogus")[0] == {"7号", "8号", "9号"}  # an unknown status filters nothing
    with django_assert_max_num_queries(8):
        c.get("/disclosure/publications/", {"q": "公司", "status": "draft"})


def test_warnings_search_by_subject_or_rule_and_keep_it_across_pages():
    supervisor = UserFactory(roles=[Role.DISCIPLINE_SUPERVISOR])
    agency = AgencyFactory()
    overdue, _ = WarningRule.objects.get_or_create(
        code="t_overdue", defaults={"name": "办案超期", "level": "red"}
    )
    late, _ = WarningRule.objects.get_or_create(
        code="t_late", defaults={"name": "公示逾期", "level": "yellow"}
    )
    for n, (rule, label) in enumerate([(overdue, "案件A-超期"), (late, "决定B-未公示")]):
        EarlyWarning.objects.create(
            rule=rule, subject_type="t", subject_id=str(n), subject_label=label, agency=agency,
            level=rule.level, status="pending", opened_at=timezone.now(),
        )  # fmt: skip
    c = client_for(supervisor)
    page = c.get("/oversight/warnings/", {"q": "公示逾期"}).content.decode()
    assert "决定B-未公示" in page and "案件A-超期" not in page
    page = c.get("/oversight/warnings/", {"q": "案件A"}).content.decode()
    assert "案件A-超期" in page and "决定B-未公示" not in page
    assert 'name="q" value="案件A"' in page


def test_reports_search_by_subject():
    agency = AgencyFactory()
    submit_report(agency, subject="执法人员乱罚款")
    submit_report(agency, subject="窗口人员态度恶劣")
    c = client_for(handler())
    page = c.get("/oversight/reports/", {"q": "乱罚款"}).content.decode()
    assert "执法人员乱罚款" in page and "窗口人员态度恶劣" not in page
    assert 'value="乱罚款"' in page
