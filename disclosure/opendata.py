"""Open-data row layouts (the columns agencies and the 信用中国 layouts use)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

POWER_COLUMNS = [
    ("agency", _("Exercising agency")),
    ("code", _("Power code")),
    ("name", _("Power name")),
    ("category", _("Category")),
    ("legal_basis", _("Legal basis")),
    ("procedure", _("Enforcement method / procedure")),
    ("execution_standard", _("Execution standard")),
    ("responsible_post", _("Responsible post")),
    ("time_limit", _("Promised time limit")),
    ("registration_number", _("Registration number")),
    ("registered_on", _("Registered on")),
    ("updated_at", _("Last updated")),
]


def power_row(power) -> dict:
    bases = "；".join(
        f"{b.provision.regulation}{b.provision.article}（{b.get_kind_display()}）"
        for b in power.bases.all()
    )
    return {
        "agency": power.agency.name,
        "code": power.code,
        "name": power.name,
        "category": str(power.get_category_display()),
        "legal_basis": bases,
        "procedure": power.procedure,
        "execution_standard": power.execution_standard,
        "responsible_post": power.responsible_post,
        "time_limit": power.time_limit,
        "registration_number": power.registration_number,
        "registered_on": power.registered_on.isoformat() if power.registered_on else "",
        "updated_at": power.updated_at.isoformat(timespec="seconds"),
    }


DECISION_COLUMNS = [
    ("decision_number", _("Decision document number")),
    ("party_name", _("Party name")),
    ("party_uscc", _("Unified social credit code")),
    ("legal_representative", _("Legal representative")),
    ("violation_type", _("Type of violation")),
    ("facts", _("Facts of the violation")),
    ("basis", _("Legal basis of the penalty")),
    ("penalty_category", _("Penalty category")),
    ("penalty_content", _("Content of the penalty")),
    ("fine_wan_yuan", _("Fine (10,000 yuan)")),
    ("confiscation_wan_yuan", _("Confiscated amount (10,000 yuan)")),
    ("license_info", _("Licence suspended or revoked")),
    ("decided_on", _("Decision date")),
    ("published_on", _("Publication date")),
    ("publish_until", _("Public until")),
    ("agency", _("Deciding agency")),
    ("agency_uscc", _("Agency's unified social credit code")),
    ("power_name", _("Power name")),
    ("power_code", _("Power code")),
    ("full_text_public", _("Full text public")),
    ("full_text_withheld_reason", _("Why the full text is not public")),
    ("status", _("Status")),
    ("withdrawal_reason", _("Reason for withdrawal")),
]


def decision_row(publication) -> dict:
    """One open-data row: only the public (masked) record, plus the withdrawal status."""
    from enforcement_portal.formatting import format_wan_yuan

    record = publication.public_data
    row = {key: record.get(key, "") for key, _label in DECISION_COLUMNS}
    row["fine_wan_yuan"] = format_wan_yuan(record.get("fine_amount") or None)
    row["confiscation_wan_yuan"] = format_wan_yuan(record.get("confiscation_amount") or None)
    row["status"] = publication.status
    return row


STANDARD_COLUMNS = [
    ("agency", _("Exercising agency")),
    ("power_code", _("Power code")),
    ("violation", _("Violation")),
    ("violated_provision", _("Provision violated")),
    ("penalty_provision", _("Penalty provision")),
    ("severity", _("Severity")),
    ("circumstances", _("Circumstances")),
    ("penalty", _("Penalty standard")),
    ("registration_number", _("Registration number")),
    ("registered_on", _("Registered on")),
]


def standard_rows(standard) -> list[dict]:
    """One row per band, in the table layout agencies publish."""
    common = {
        "agency": standard.agency.name,
        "power_code": standard.power.code,
        "violation": standard.violation,
        "violated_provision": str(standard.violated_provision)
        if standard.violated_provision_id
        else "",
        "penalty_provision": str(standard.penalty_provision)
        if standard.penalty_provision_id
        else "",
        "registration_number": standard.registration_number,
        "registered_on": standard.registered_on.isoformat() if standard.registered_on else "",
    }
    return [
        {
            **common,
            "severity": str(band.get_severity_display()),
            "circumstances": band.circumstances,
            "penalty": band.penalty_text,
        }
        for band in standard.bands.all()
    ]


# ----------------------------------------------------------- the national 双公示 layout
#
# The administrative-penalty layout of the credit platform (信用中国), in its order
# (DOMAIN.md). The headers are the platform's own column names, a data format rather than
# UI text, so they are not translated. Dates are YYYY/MM/DD; amounts are in 万元 with up to
# six decimals; 处罚有效期 2099/12/31 means "long term" (a penalty without an end date).

PENALTY_COLUMNS = [
    ("party_name", "行政相对人名称"),
    ("party_category", "行政相对人类别"),
    ("party_code_1", "行政相对人代码_1(统一社会信用代码)"),
    ("party_code_2", "行政相对人代码_2(工商注册号)"),
    ("party_code_3", "行政相对人代码_3(组织机构代码)"),
    ("party_code_4", "行政相对人代码_4(税务登记号)"),
    ("party_code_5", "行政相对人代码_5(事业单位证书号)"),
    ("party_code_6", "行政相对人代码_6(社会组织登记证号)"),
    ("legal_representative", "法定代表人"),
    ("legal_representative_id_type", "法定代表人证件类型"),
    ("legal_representative_id_number", "法定代表人证件号码"),
    ("id_type", "证件类型"),
    ("id_number", "证件号码"),
    ("decision_number", "行政处罚决定书文号"),
    ("violation_type", "违法行为类型"),
    ("facts", "违法事实"),
    ("basis", "处罚依据"),
    ("penalty_category", "处罚类别"),
    ("penalty_content", "处罚内容"),
    ("fine_wan_yuan", "罚款金额（万元）"),
    ("confiscation_wan_yuan", "没收违法所得、没收非法财物的金额（万元）"),
    ("license_info", "暂扣或吊销证照名称及编号"),
    ("decided_on", "处罚决定日期"),
    ("penalty_valid_until", "处罚有效期"),
    ("publish_until", "公示截止期"),
    ("agency", "处罚机关"),
    ("agency_uscc", "处罚机关统一社会信用代码"),
    ("source", "数据来源单位"),
    ("source_uscc", "数据来源单位统一社会信用代码"),
    ("note", "备注"),
]

PARTY_CATEGORIES = {
    "organisation": "法人及非法人组织",
    "person": "自然人",
    "sole_trader": "个体工商户",
}
LONG_TERM = "2099/12/31"


def _slash_date(iso: str) -> str:
    return iso.replace("-", "/") if iso else ""


def penalty_row(publication, *, for_credit_platform: bool = False) -> dict:
    """One decision in the national layout.

    Public (the default): only the masked public record; a natural person's name is masked
    and every ID column is empty. For the credit platform's upload (staff only): the party's
    name and, for a natural person, the resident ID from the case file, as the platform
    requires; the text columns stay masked, as the platform shows them to the public.
    """
    from enforcement_portal.formatting import format_wan_yuan

    record = publication.public_data
    withdrawn = publication.status == "withdrawn"
    person = publication.party_type == "person"
    row = dict.fromkeys((key for key, _label in PENALTY_COLUMNS), "")
    row.update(
        decision_number=record.get("decision_number", publication.decision_number),
        decided_on=_slash_date(record.get("decided_on", "")),
        agency=record.get("agency", ""),
        agency_uscc=publication.agency.uscc,
        source=publication.agency.name,
        source_uscc=publication.agency.uscc,
    )
    if withdrawn:
        row["note"] = f"已撤回：{record.get('withdrawal_reason', '')}"
        return row
    row.update(
        party_name=record.get("party_name", ""),
        party_category=PARTY_CATEGORIES.get(publication.party_type, ""),
        party_code_1="" if person else record.get("party_uscc", ""),
        legal_representative="" if person else record.get("legal_representative", ""),
        violation_type=record.get("violation_type", ""),
        facts=record.get("facts", ""),
        basis=record.get("basis", ""),
        penalty_category=record.get("penalty_category", ""),
        penalty_content=record.get("penalty_content", ""),
        fine_wan_yuan=format_wan_yuan(record.get("fine_amount") or None),
        confiscation_wan_yuan=format_wan_yuan(record.get("confiscation_amount") or None),
        license_info=record.get("license_info", ""),
        penalty_valid_until=LONG_TERM,
        publish_until=_slash_date(record.get("publish_until", "")),
    )
    if for_credit_platform:
        row["party_name"] = publication.party_name
        if publication.party_type != "person":
            row["legal_representative"] = publication.legal_representative
        resident_id = _resident_id(publication) if person else ""
        if resident_id:
            row["id_type"], row["id_number"] = "身份证", resident_id
    return row


def _resident_id(publication) -> str:
    """A natural person's resident ID, read from the case file (never stored for publication)."""
    from stdnum.cn import ric

    case = publication.case if publication.case_id else None
    number = (case.party_id_number if case else "").strip().upper()
    return number if number and ric.is_valid(number) else ""
