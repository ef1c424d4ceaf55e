"""Handling a warning: verify, record the handling (整改/约谈/移送问责), close. Each step audited."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_fsm import can_proceed

from enforcement_portal import uploads
from enforcement_portal.audit import audit_append

from ..models import EarlyWarning, WarningAction


def _locked(warning: EarlyWarning) -> EarlyWarning:
    return EarlyWarning.objects.select_for_update(of=("self",)).get(pk=warning.pk)


def _step(warning, *, actor, action: str, note: str = "", attachment=None) -> WarningAction:
    step = WarningAction(warning=warning, action=action, note=note, actor=actor)
    if attachment is not None:
        step.attachment_name = attachment.name[:200]
        uploads.store(step.attachment, attachment.name, attachment)
    step.save()
    audit_append(
        action=f"warning.{action}",
        obj=warning,
        actor=actor,
        changes={"status": warning.status, "note": note, "attachment": step.attachment_name},
    )
    return step


@transaction.atomic
def warning_start_verification(*, warning: EarlyWarning, actor, note: str = "") -> EarlyWarning:
    warning = _locked(warning)
    if not can_proceed(warning.start_verification):
        raise ValidationError(_("This warning is not awaiting handling."))
    warning.start_verification()
    warning.save(update_fields=["status"])
    _step(warning, actor=actor, action="verify", note=note)
    return warning


@uploads.atomic()
def warning_record_handling(
    *, warning: EarlyWarning, actor, handling: str, note: str, attachment=None
) -> EarlyWarning:
    warning = _locked(warning)
    if handling not in EarlyWarning.Handling.values:
        raise ValidationError({"handling": _("Choose how the warning was handled.")})
    if not note.strip():
        raise ValidationError({"note": _("Describe what was done.")})
    if not can_proceed(warning.record_handling):
        raise ValidationError(_("This warning can no longer be handled."))
    warning.record_handling(handling, note.strip())
    warning.save(update_fields=["status", "handling", "handling_note"])
    _step(warning, actor=actor, action="handle", note=note.strip(), attachment=attachment)
    return warning


@transaction.atomic
def warning_close(*, warning: EarlyWarning, actor, note: str = "") -> EarlyWarning:
    warning = _locked(warning)
    if not can_proceed(warning.close):
        raise ValidationError(_("Only a handled warning can be closed."))
    warning.close()
    warning.save(update_fields=["status", "closed_at"])
    _step(warning, actor=actor, action="close", note=note)
    return warning
