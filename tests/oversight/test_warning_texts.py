"""Warning texts: amounts read the same on PostgreSQL and SQLite, texts follow the language.

Run on both: with DATABASE_URL set (PostgreSQL) and unset (the embedded SQLite default).
"""

from decimal import Decimal

import pytest
from django.db.models import DecimalField, Value
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from enforcement_portal.formatting import YuanText, format_yuan
from oversight.warnings.registry import as_text, text
from powers.models import Agency
from tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "amount", ["0", "5", "0.5", "1234.5", "200000", "300000.00", "12345678.99", "1000000000"]
)
def test_amounts_in_sql_read_as_format_yuan_does(amount):
    agency = AgencyFactory()
    value = Value(Decimal(amount), output_field=DecimalField(max_digits=14, decimal_places=2))
    shown = Agency.objects.filter(pk=agency.pk).annotate(t=YuanText(value)).get().t
    assert shown == format_yuan(amount)


def test_a_detail_is_built_in_the_active_language():
    agency = AgencyFactory(name="市城管局")
    template = _("Due on %(due)s")
    with translation.override("zh-hans"):
        zh = Agency.objects.filter(pk=agency.pk).annotate(t=text(template, due=as_text("name")))
    with translation.override("en"):
        en = Agency.objects.filter(pk=agency.pk).annotate(t=text(template, due=as_text("name")))
    assert zh.get().t == "期限 市城管局"
    assert en.get().t == "Due on 市城管局"
