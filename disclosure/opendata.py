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
