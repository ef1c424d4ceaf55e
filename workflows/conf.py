"""Settings of workflows with their defaults (a deployment may follow other rules)."""

from __future__ import annotations

import re

from django.conf import settings


def decision_days() -> int:
    """Decide within 90 calendar days of filing (Administrative Penalty Law Art. 60)."""
    return int(getattr(settings, "CASE_DECISION_DAYS", 90))


def archive_days() -> int:
    """Archive the case file within 15 days of closing (Hami plan §二(二)3)."""
    return int(getattr(settings, "CASE_ARCHIVE_DAYS", 15))


def performance_days() -> int:
    """Pay a fine within 15 days of receiving the decision (Administrative Penalty Law Art. 67)."""
    return int(getattr(settings, "CASE_PERFORMANCE_DAYS", 15))


def simplified_fine_cap(party_kind: str) -> int:
    """On-the-spot fines: up to 200 yuan for a citizen, 3,000 for an organisation (Art. 51)."""
    if party_kind == "person":
        return int(getattr(settings, "CASE_SIMPLIFIED_MAX_FINE_PERSON", 200))
    return int(getattr(settings, "CASE_SIMPLIFIED_MAX_FINE_ORGANISATION", 3000))


def upload_max_bytes() -> int:
    return int(getattr(settings, "UPLOAD_MAX_BYTES", 50 * 1024 * 1024))


def limitation_years(*, extended: bool) -> int:
    """Not penalised when undiscovered for 2 years, 5 where citizens' life and health or
    financial safety is involved with harmful consequences (Administrative Penalty Law Art. 36)."""
    if extended:
        return int(getattr(settings, "CASE_LIMITATION_YEARS_EXTENDED", 5))
    return int(getattr(settings, "CASE_LIMITATION_YEARS", 2))


def defence_window_workdays() -> int:
    """The party states, defends and asks for a hearing within 5 working days (Arts. 64, 85)."""
    return int(getattr(settings, "CASE_DEFENCE_WINDOW_WORKDAYS", 5))


def hearing_notice_workdays() -> int:
    """The hearing notice is served at least 7 days before the hearing (Arts. 64, 85)."""
    return int(getattr(settings, "CASE_HEARING_NOTICE_WORKDAYS", 7))


def hearing_amount_threshold(party_kind: str) -> int:
    """较大数额: a fine or confiscation from this amount carries hearing rights (Art. 63).

    Provinces set their own; the defaults follow the SAMR hearing measures."""
    if party_kind == "person":
        return int(getattr(settings, "CASE_HEARING_THRESHOLD_PERSON", 10_000))
    return int(getattr(settings, "CASE_HEARING_THRESHOLD_ORGANISATION", 100_000))


# Penalty kinds (discretion.PenaltyType codes) that always carry hearing rights (Art. 63).
HEARING_PENALTY_KINDS = frozenset(
    {
        "lower_qualification",
        "revoke_licence",
        "suspend_business",
        "close",
        "restrict_employment",
        "restrict_business",
    }
)

# What the on-the-spot procedure may impose (Art. 51): a warning or a small fine.
SIMPLIFIED_PENALTY_KINDS = frozenset({"warning", "fine"})


def extension_cap_days() -> int:
    """One extension of the decision limit adds at most 30 days (Art. 60; a setting)."""
    return int(getattr(settings, "CASE_EXTENSION_MAX_DAYS", 30))


def simplified_filing_workdays() -> int:
    """An on-the-spot decision is filed with the agency within 2 working days (Art. 52)."""
    return int(getattr(settings, "CASE_SIMPLIFIED_FILING_WORKDAYS", 2))


def service_days() -> int:
    """A decision not handed over on the spot is served within 7 days (Arts. 61, 85)."""
    return int(getattr(settings, "CASE_SERVICE_WORKDAYS", 7))


def urge_days() -> int:
    """The party has 10 days after receiving the 催告书 before the court is asked (行政强制法
    Art. 54)."""
    return int(getattr(settings, "CASE_URGE_DAYS", 10))


def court_warning_days() -> int:
    """Warn this many days before the 3 months for applying to the court end (行政强制法
    Art. 53)."""
    return int(getattr(settings, "CASE_COURT_WARNING_DAYS", 20))


def revocation_withdrawal_workdays() -> int:
    """A changed, revoked, illegal or void decision leaves the public site within 3 working
    days (Administrative Penalty Law Art. 48)."""
    return int(getattr(settings, "DISCLOSURE_WITHDRAWAL_WORKDAYS", 3))


def discussion_min_participants() -> int:
    """A collective discussion (集体讨论) has at least 3 of the agency's responsible persons
    (Art. 57; a setting)."""
    return int(getattr(settings, "CASE_DISCUSSION_MIN_PARTICIPANTS", 3))


def discussion_threshold(party_kind: str) -> int:
    """A decision fining this much is a serious case decided by collective discussion (Art. 57):
    10,000 yuan for a natural person, 50,000 for an organisation by default (settings
    CASE_DISCUSSION_THRESHOLD_PERSON / CASE_DISCUSSION_THRESHOLD_ORGANISATION)."""
    if party_kind == "person":
        return int(getattr(settings, "CASE_DISCUSSION_THRESHOLD_PERSON", 10_000))
    return int(getattr(settings, "CASE_DISCUSSION_THRESHOLD_ORGANISATION", 50_000))


# ---------------------------------------------------------------- what the decision document names
# Both are settings per agency (its code) with a default, so a county agency names its own bank,
# reconsideration body and court. Values may use {city}, {agency}, {area} (the county, district
# or county-level city the agency belongs to, e.g. 龙沙区 / 甘南县 / 讷河市, from its name or
# its address; the city when unknown), {government} (that area's people's government) and
# {court} (the basic people's court of the place where the agency is, 行政诉讼法 Art. 18) and
# {treasury} (whose finance department collects the fine: the county's for a county agency,
# else the city's).

DEFAULT_PAYMENT_ROUTE = {
    # 罚缴分离 (Art. 67): the bank the finance department designates; the account is the
    # deployment's (CASE_PAYMENT_ROUTES), never invented.
    "bank": "{treasury}财政部门指定的代收罚款银行",
    "account_name": "{treasury}财政局（非税收入汇缴结算户）",
    "account": "",
    "e_payment": "也可以凭本决定书编号通过政府非税收入电子缴款渠道缴纳",
}

DEFAULT_REMEDY_BODIES = {
    # level: (reconsideration body, court of first instance). 行政复议法 (2023) Art. 24: the
    # people's government at the agency's own level; Art. 27: vertical agencies (customs, tax,
    # finance, foreign exchange, state security) go to the superior department.
    "municipal": ("{government}", "{court}"),
    "county": ("{government}", "{court}"),
    "provincial": ("上一级主管部门", "{court}"),
    "central": ("上一级主管部门", "{court}"),
}

# 龙沙区 in 龙沙区市场监督管理局 or 齐齐哈尔市龙沙区卜奎大街1号; the shortest name ending in one.
_AREA = re.compile(r"^(.{1,8}?(?:自治县|自治旗|县|区|旗|市))")


def agency_area(agency) -> str:
    """The county, district or county-level city the agency belongs to: from a county agency's
    name (龙沙区市场监督管理局), else from the district after the city in its address
    (齐齐哈尔市龙沙区卜奎大街1号); '' when neither says."""
    city = settings.CITY_NAME
    if agency.level == "county":
        match = _AREA.match(agency.name.removeprefix(city))
        if match:
            return match.group(1)
    address = getattr(agency, "address", "") or ""
    if city in address:
        match = _AREA.match(address.split(city, 1)[1])
        if match:
            return match.group(1)
    return ""


def _qualified(area: str) -> str:
    """A district is named with its city (齐齐哈尔市龙沙区); a county or county-level city alone."""
    return f"{settings.CITY_NAME}{area}" if area.endswith("区") else area


def _government(agency, area: str) -> str:
    if agency.level == "county":
        return f"{_qualified(area)}人民政府" if area else "本级人民政府"
    return f"{settings.CITY_NAME}人民政府"


def _court(area: str) -> str:
    return f"{_qualified(area)}人民法院" if area else "本机关所在地有管辖权的基层人民法院"


def _fill(text: str, agency) -> str:
    parent = getattr(agency.parent, "name", "") if getattr(agency, "parent_id", None) else ""
    area = agency_area(agency)
    return text.format(
        city=settings.CITY_NAME,
        agency=agency.name,
        parent=parent or agency.name,
        area=area or settings.CITY_NAME,
        government=_government(agency, area),
        court=_court(area),
        treasury=_qualified(area) if agency.level == "county" and area else settings.CITY_NAME,
    )


def payment_route(agency) -> dict[str, str]:
    """Where a fine is paid (罚缴分离, Art. 67): ``CASE_PAYMENT_ROUTES`` by agency code, else its
    ``"default"``, else the built-in default."""
    routes = getattr(settings, "CASE_PAYMENT_ROUTES", {}) or {}
    route = {**DEFAULT_PAYMENT_ROUTE, **routes.get("default", {}), **routes.get(agency.code, {})}
    return {k: _fill(str(v), agency) for k, v in route.items()}


def remedy_bodies(agency) -> tuple[str, str]:
    """(reconsideration body, court) the decision names (行政复议法 Art. 24, 行政诉讼法 Art. 18):
    ``CASE_REMEDY_BODIES`` by agency code or by level, else the built-in default by level."""
    custom = getattr(settings, "CASE_REMEDY_BODIES", {}) or {}
    body, court = (
        custom.get(agency.code)
        or custom.get(agency.level)
        or DEFAULT_REMEDY_BODIES.get(agency.level, DEFAULT_REMEDY_BODIES["municipal"])
    )
    return _fill(body, agency), _fill(court, agency)
