"""Writes to the power registry. Callers have checked permission; each write is audited."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from enforcement_portal.audit import audit_append

from .models import Power


class PowerNotExercisable(ValidationError):
    pass


def power_check_exercisable(*, power: Power) -> None:
    """Raise PowerNotExercisable unless the power is registered (备案) right now.

    Reads the status from the database, so a power suspended a moment ago is refused.
    """
    status = Power.objects.filter(pk=power.pk).values_list("status", flat=True).first()
    if status != Power.Status.REGISTERED:
        raise PowerNotExercisable(
            _("The power “%(name)s” is not registered and cannot be exercised.")
            % {"name": power.name},
            code="power_not_registered",
        )


@transaction.atomic
def officer_set_certificate_status(*, officer, status: str, reason: str = ""):
    before = officer.certificate_status
    officer.certificate_status = status
    officer.full_clean()
    officer.save(update_fields=["certificate_status", "updated_at"])
    audit_append(
        action="officer.certificate_status",
        obj=officer,
        changes={"certificate_status": [before, status], "reason": reason},
    )
    return officer
