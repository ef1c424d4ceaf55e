"""What the decision names when the deployment sets nothing (CASE_PAYMENT_ROUTES,
CASE_REMEDY_BODIES): lawful generic Chinese text built from the agency, never a placeholder
or another city's court (行政复议法 Arts. 24, 27; 行政诉讼法 Art. 18)."""

import pytest

from tests.factories import AgencyFactory
from workflows import conf

pytestmark = pytest.mark.django_db


def test_a_county_agency_names_its_own_government_court_and_treasury(settings):
    settings.CITY_NAME = "齐齐哈尔市"
    county = AgencyFactory(name="甘南县市场监督管理局", level="county")
    assert conf.remedy_bodies(county) == ("甘南县人民政府", "甘南县人民法院")
    assert conf.payment_route(county)["bank"] == "甘南县财政部门指定的代收罚款银行"
    district = AgencyFactory(name="龙沙区城市管理局", level="county")
    assert conf.remedy_bodies(district) == (
        "齐齐哈尔市龙沙区人民政府",
        "齐齐哈尔市龙沙区人民法院",
    )


def test_a_municipal_agency_names_the_city_government_and_the_court_of_its_district(settings):
    settings.CITY_NAME = "齐齐哈尔市"
    agency = AgencyFactory(
        name="齐齐哈尔市市场监督管理局", level="municipal", address="齐齐哈尔市建华区新明大街"
    )
    assert conf.remedy_bodies(agency) == ("齐齐哈尔市人民政府", "齐齐哈尔市建华区人民法院")
    unknown = AgencyFactory(name="齐齐哈尔市文化广电和旅游局", level="municipal", address="")
    body, court = conf.remedy_bodies(unknown)
    assert body == "齐齐哈尔市人民政府" and court == "本机关所在地有管辖权的基层人民法院"
    route = conf.payment_route(unknown)
    assert route["bank"] == "齐齐哈尔市财政部门指定的代收罚款银行" and route["account"] == ""
    vertical = AgencyFactory(name="齐齐哈尔海关", level="central", address="")
    assert conf.remedy_bodies(vertical)[0] == "上一级主管部门"
    for text in filter(None, (*conf.remedy_bodies(agency), *conf.payment_route(agency).values())):
        assert "XX" not in text and "××" not in text and not text.isascii()


def test_the_settings_override_the_defaults_with_the_same_placeholders(settings):
    agency = AgencyFactory(name="龙沙区市场监督管理局", level="county", code="lsq-scjg")
    settings.CASE_REMEDY_BODIES = {"county": ("{government}", "{city}铁锋区人民法院")}
    settings.CASE_PAYMENT_ROUTES = {"lsq-scjg": {"account": "0802 1234"}}
    assert conf.remedy_bodies(agency)[1] == f"{settings.CITY_NAME}铁锋区人民法院"
    assert conf.payment_route(agency)["account"] == "0802 1234"
