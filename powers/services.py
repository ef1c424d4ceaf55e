"""Writes to the power registry. Callers have checked permission; each write is audited."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from enforcement_portal.audit import audit_append, snapshot
from enforcement_portal.formatting import document_number

from .citations import Citation

# The regulation ledger (立改废) lives in powers.ledger; re-exported for the callers of old.
from .ledger import (  # noqa: F401
    REGULATION_FIELDS,
    powers_flag_for_regulation,
    provision_add,
    provisions_for,
    regulation_create,
    regulation_lookup,
    regulation_update,
)
from .models import (
    Agency,
    FilingBatch,
    Power,
    PowerBasis,
    PowerVersion,
    PowerVersionBasis,
    Provision,
    Regulation,
)


class PowerNotExercisable(ValidationError):
    pass


def power_check_exercisable(*, power: Power) -> None:
    """Raise PowerNotExercisable unless the power is registered (备案) right now.

    Reads the status from the database, so a power suspended a moment ago is refused.
    """
    row = (
        Power.objects.filter(pk=power.pk)
        .values("status", "basis_needs_review", "basis_review_note")
        .first()
    )
    if row is None or row["status"] != Power.Status.REGISTERED:
        raise PowerNotExercisable(
            _("The power “%(name)s” is not registered and cannot be exercised.")
            % {"name": power.name},
            code="power_not_registered",
        )
    stale = (
        Regulation.objects.filter(provisions__power_bases__power=power)
        .exclude(status=Regulation.Status.EFFECTIVE)
        .order_by("title")
        .first()
    )
    if stale is not None:
        raise PowerNotExercisable(
            _(
                "The power “%(name)s” rests on %(regulation)s, which is %(status)s: a power "
                "whose legal basis is not in force cannot be exercised (立改废)."
            )
            % {"name": power.name, "regulation": str(stale), "status": stale.get_status_display()},
            code="power_basis_not_in_force",
        )
    if row["basis_needs_review"]:
        raise PowerNotExercisable(
            _(
                "The power “%(name)s” has its legal basis under review (依据待复核: %(note)s) "
                "and cannot be exercised until the registry confirms or revises it."
            )
            % {"name": power.name, "note": row["basis_review_note"]},
            code="power_basis_under_review",
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


# ---------------------------------------------------------------- filing

VERSION_FIELDS = list(Power.CONTENT_FIELDS)


def bases_resolve(*, citations: list[Citation]) -> list[tuple[Provision, str]]:
    """Provisions for cited articles; every cited law must be in the ledger already."""
    if not citations:
        raise ValidationError({"bases": _("Give at least one legal basis.")})
    regulations = regulation_lookup({c.title for c in citations})
    missing = [c.title for c in citations if c.title not in regulations]
    if missing:
        raise ValidationError(
            {
                "bases": _("Not in the regulation ledger: %(titles)s.")
                % {"titles": "、".join(f"《{t}》" for t in dict.fromkeys(missing))}
            }
        )
    provisions = provisions_for(citations, regulations)
    return [(provisions[(regulations[c.title].pk, c.article)], c.kind) for c in citations]


def _bases_snapshot(pairs) -> list[str]:
    return sorted(f"{p.regulation_id}:{p.article}:{kind}" for p, kind in pairs)


@transaction.atomic
def batch_create(*, agency: Agency, title: str, actor=None) -> FilingBatch:
    batch = FilingBatch(agency=agency, title=title.strip(), created_by=actor)
    batch.full_clean()
    batch.save()
    audit_append(action="filing_batch.create", obj=batch, actor=actor, changes={"title": title})
    return batch


def _check_batch_open(batch: FilingBatch, agency_id: int) -> None:
    if batch.status != FilingBatch.Status.OPEN:
        raise ValidationError(
            {"batch": _("The batch “%(title)s” is already submitted.") % {"title": batch.title}}
        )
    if batch.agency_id != agency_id:
        raise ValidationError({"batch": _("The batch belongs to another agency.")})


def _set_version_bases(version: PowerVersion, bases: list[tuple[Provision, str]]) -> None:
    PowerVersionBasis.objects.filter(version=version).delete()
    PowerVersionBasis.objects.bulk_create(
        [PowerVersionBasis(version=version, provision=p, kind=k) for p, k in bases],
        ignore_conflicts=True,
    )


def _validate_content(content: dict) -> dict:
    content = {k: (v.strip() if isinstance(v, str) else v) for k, v in content.items()}
    errors = {}
    if not content.get("name"):
        errors["name"] = _("The power name is required.")
    if content.get("category") not in Power.Category.values:
        errors["category"] = _("Choose a category from the list.")
    if errors:
        raise ValidationError(errors)
    return content


@transaction.atomic
def power_create(
    *, batch: FilingBatch, code: str, citations: list[Citation], actor=None, **content
) -> PowerVersion:
    """File a new power (draft) in an open batch of its agency."""
    _check_batch_open(batch, batch.agency_id)
    content = _validate_content(content)
    bases = bases_resolve(citations=citations)
    code = (code or "").strip()
    if not code:
        raise ValidationError({"code": _("The power code is required.")})
    if Power.objects.filter(agency_id=batch.agency_id, code=code).exists():
        raise ValidationError(
            {"code": _("The code %(code)s is already used in this agency.") % {"code": code}}
        )
    power = Power(agency_id=batch.agency_id, code=code, **content)
    power.full_clean()
    power.save()
    version = PowerVersion.objects.create(
        power=power, number=1, batch=batch, created_by=actor, **content
    )
    _set_version_bases(version, bases)
    audit_append(
        action="power.file",
        obj=power,
        actor=actor,
        changes={
            "version": 1,
            "batch": batch.pk,
            **content,
            "bases": [f"{p}（{k}）" for p, k in bases],
        },
    )
    return version


def pending_version(power: Power) -> PowerVersion | None:
    return power.versions.filter(status__in=PowerVersion.PENDING).first()


@transaction.atomic
def power_edit(
    *, power: Power, batch: FilingBatch, citations: list[Citation], actor=None, **content
) -> PowerVersion:
    """Edit a power's filed content.

    A draft or returned version is revised in place (and moved to ``batch``); a registered
    power gets a new version, and its registered content stays in force until that one is
    registered.
    """
    power = Power.objects.select_for_update().get(pk=power.pk)
    _check_batch_open(batch, power.agency_id)
    if power.status == Power.Status.ABOLISHED:
        raise ValidationError(_("An abolished power cannot be edited."))
    content = _validate_content(content)
    bases = bases_resolve(citations=citations)
    version = pending_version(power)
    if version is not None and version.status == PowerVersion.Status.SUBMITTED:
        raise ValidationError(
            _("Version %(n)d is under review; wait for the reviewer's decision.")
            % {"n": version.number}
        )
    if version is None:
        number = (power.versions.aggregate(n=Max("number"))["n"] or 0) + 1
        version = PowerVersion(power=power, number=number, created_by=actor)
    elif version.status == PowerVersion.Status.RETURNED:
        version.reopen()
        if power.status == Power.Status.RETURNED:
            power.reopen()
    before = snapshot(version, VERSION_FIELDS) if version.pk else {}
    for name, value in content.items():
        setattr(version, name, value)
    version.batch = batch
    version.save()
    _set_version_bases(version, bases)
    if not power.ever_registered:
        # Nothing is in force yet, so the power shows what is being filed.
        for name, value in content.items():
            setattr(power, name, value)
    power.save()
    after = snapshot(version, VERSION_FIELDS)
    audit_append(
        action="power.edit",
        obj=power,
        actor=actor,
        changes={
            "version": version.number,
            "batch": batch.pk,
            **{k: [before.get(k), after[k]] for k in after if before.get(k) != after[k]},
            "bases": [f"{p}（{k}）" for p, k in bases],
        },
    )
    return version


@transaction.atomic
def batch_submit(*, batch: FilingBatch, actor=None) -> int:
    batch = FilingBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.status != FilingBatch.Status.OPEN:
        raise ValidationError(_("This batch has already been submitted."))
    versions = list(batch.versions.filter(status=PowerVersion.Status.DRAFT).select_related("power"))
    if not versions:
        raise ValidationError(_("The batch has no powers to submit."))
    for version in versions:
        version.submit()
        version.save(update_fields=["status", "updated_at"])
        power = version.power
        if power.status in (Power.Status.DRAFT, Power.Status.RETURNED):
            power.submit()
            power.save(update_fields=["status", "updated_at"])
    batch.submit()
    batch.save(update_fields=["status", "submitted_at"])
    audit_append(
        action="filing_batch.submit",
        obj=batch,
        actor=actor,
        changes={"powers": [v.power.code for v in versions]},
    )
    return len(versions)


def _close_batch_if_reviewed(batch: FilingBatch | None) -> None:
    if batch is None or batch.status != FilingBatch.Status.SUBMITTED:
        return
    if not batch.versions.filter(status=PowerVersion.Status.SUBMITTED).exists():
        batch.close()
        batch.save(update_fields=["status", "closed_at"])
        audit_append(action="filing_batch.close", obj=batch)


def _next_registration_number(agency: Agency, year: int) -> str:
    Agency.objects.select_for_update().filter(pk=agency.pk).first()
    count = PowerVersion.objects.filter(
        power__agency=agency, registered_on__year=year, registration_number__gt=""
    ).count()
    return document_number(f"{agency.short_name}权备", year, count + 1)


@transaction.atomic
def version_register(*, version: PowerVersion, actor=None, comment: str = "") -> PowerVersion:
    """Register (备案) a submitted version: its content goes into force on the power."""
    version = (
        PowerVersion.objects.select_for_update().select_related("power__agency").get(pk=version.pk)
    )
    power = Power.objects.select_for_update().get(pk=version.power_id)
    if version.status != PowerVersion.Status.SUBMITTED:
        raise ValidationError(_("Only a submitted version can be registered."))
    today = timezone.localdate()
    old_bases = _bases_snapshot(
        (b.provision, b.kind) for b in power.bases.select_related("provision")
    )
    new_pairs = [(b.provision, b.kind) for b in version.bases.select_related("provision")]
    previous = power.versions.filter(status=PowerVersion.Status.REGISTERED).first()
    if previous is not None:
        previous.supersede()
        previous.save(update_fields=["status", "updated_at"])
    version.register()
    version.reviewed_by = actor
    version.reviewed_at = timezone.now()
    version.review_comment = comment
    version.registration_number = _next_registration_number(version.power.agency, today.year)
    version.registered_on = today
    version.save()
    before = snapshot(power, VERSION_FIELDS)
    for name in VERSION_FIELDS:
        setattr(power, name, getattr(version, name))
    if power.status != Power.Status.SUSPENDED:
        power.register()
    power.registration_number = version.registration_number
    power.registered_on = today
    bases_changed = old_bases != _bases_snapshot(new_pairs)
    if bases_changed and power.basis_needs_review:
        power.basis_needs_review = False
        power.basis_review_note = ""
        power.basis_flagged_at = None
    power.save()
    PowerBasis.objects.filter(power=power).delete()
    PowerBasis.objects.bulk_create(
        [PowerBasis(power=power, provision=p, kind=k) for p, k in new_pairs],
        ignore_conflicts=True,
    )
    after = snapshot(power, VERSION_FIELDS)
    audit_append(
        action="power.register",
        obj=power,
        actor=actor,
        changes={
            "version": version.number,
            "registration_number": version.registration_number,
            "comment": comment,
            **{k: [before[k], after[k]] for k in after if before[k] != after[k]},
            "bases_changed": bases_changed,
        },
    )
    _close_batch_if_reviewed(version.batch)
    return version


@transaction.atomic
def version_return(*, version: PowerVersion, comment: str, actor=None) -> PowerVersion:
    """Return a submitted version to its filer with the reviewer's reasons."""
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError({"comment": _("Say why the power is returned.")})
    version = PowerVersion.objects.select_for_update().get(pk=version.pk)
    if version.status != PowerVersion.Status.SUBMITTED:
        raise ValidationError(_("Only a submitted version can be returned."))
    power = Power.objects.select_for_update().get(pk=version.power_id)
    version.return_for_revision()
    version.reviewed_by = actor
    version.reviewed_at = timezone.now()
    version.review_comment = comment
    version.save()
    if power.status == Power.Status.SUBMITTED:
        power.return_for_revision()
        power.save(update_fields=["status", "updated_at"])
    audit_append(
        action="power.return",
        obj=power,
        actor=actor,
        changes={"version": version.number, "comment": comment},
    )
    _close_batch_if_reviewed(version.batch)
    return version


def _power_transition(power: Power, method: str, action: str, reason: str, actor) -> Power:
    power = Power.objects.select_for_update().get(pk=power.pk)
    before = power.status
    transition = getattr(power, method)
    from django_fsm import can_proceed

    if not can_proceed(transition):
        raise ValidationError(
            _("A power that is %(status)s cannot be changed this way.")
            % {"status": power.get_status_display()}
        )
    transition()
    power.save(update_fields=["status", "updated_at"])
    audit_append(
        action=action,
        obj=power,
        actor=actor,
        changes={"status": [before, power.status], "reason": reason},
    )
    return power


def _require_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason.")})
    return reason


@transaction.atomic
def power_suspend(*, power: Power, reason: str, actor=None) -> Power:
    """Suspend a registered power: it stops being exercisable at once."""
    return _power_transition(power, "suspend", "power.suspend", _require_reason(reason), actor)


@transaction.atomic
def power_resume(*, power: Power, reason: str, actor=None) -> Power:
    return _power_transition(power, "resume", "power.resume", _require_reason(reason), actor)


@transaction.atomic
def power_abolish(*, power: Power, reason: str, actor=None) -> Power:
    """Abolish a power for good (废止); a pending version of it is withdrawn from review."""
    power = _power_transition(power, "abolish", "power.abolish", _require_reason(reason), actor)
    PowerVersion.objects.filter(power=power, status__in=PowerVersion.PENDING).delete()
    return power


@transaction.atomic
def power_confirm_basis(*, power: Power, reason: str, actor=None) -> Power:
    """Clear the "legal basis needs review" flag after checking the bases still hold."""
    reason = _require_reason(reason)
    power = Power.objects.select_for_update().get(pk=power.pk)
    if not power.basis_needs_review:
        raise ValidationError(_("This power is not flagged."))
    note = power.basis_review_note
    power.basis_needs_review = False
    power.basis_review_note = ""
    power.basis_flagged_at = None
    power.save(
        update_fields=["basis_needs_review", "basis_review_note", "basis_flagged_at", "updated_at"]
    )
    audit_append(
        action="power.basis_confirmed",
        obj=power,
        actor=actor,
        changes={"flag": note, "reason": reason},
    )
    return power
