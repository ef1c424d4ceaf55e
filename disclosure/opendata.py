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
