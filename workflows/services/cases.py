"""Writes of workflows: templates, cases and their transitions, records, decisions, documents.

Callers have checked permission. Every write appends an audit event and, for a case, a line
on its timeline. Changes to a case lock its row and compare the version the user saw, so two
officers acting at once cannot both move it.
"""

from __future__ import annotations

import datetime as dt
import logging
import unicodedata
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from stdnum.cn import ric, uscc
from stdnum.exceptions import ValidationError as StdnumError

from enforcement_portal.audit import audit_append
from enforcement_portal.formatting import document_number
from enforcement_portal.queueing import QUEUE_LOST, enqueue_on_commit, queue_check
from enforcement_portal.registry import emit_on_commit
from enforcement_portal.workdays import add_workdays
from powers.models import Officer, Power
from powers.services import power_check_exercisable

from .. import blueprints, conf, penalty
from ..evidence import read_chunks, sha256_of, sniff
from ..gates import check_gates
from ..models import (
    Adjustment,
    Case,
    CaseEvent,
    CaseOfficer,
    Decision,
    Document,
    DocumentSeries,
    NodeVisit,
    NumberPattern,
    Payment,
    ProcessNode,
    ProcessTemplate,
    Record,
)

logger = logging.getLogger(__name__)


class CaseChanged(ValidationError):
    """Someone else changed the case since the user loaded it."""


class GateRefused(ValidationError):
    pass


class EvidenceTampered(Exception):
    pass


# ---------------------------------------------------------------------------- helpers


def node_due(node: ProcessNode, start: dt.date) -> dt.date | None:
    if not node.time_limit:
        return None
    if node.day_kind == ProcessNode.DayKind.WORKING:
        return add_workdays(start, node.time_limit)
    return start + dt.timedelta(days=node.time_limit)


def _shift(node: ProcessNode, due: dt.date | None, days: int) -> dt.date | None:
    if due is None:
        return None
    if node.day_kind == ProcessNode.DayKind.WORKING:
        return add_workdays(due, days)
    return due + dt.timedelta(days=days)


def _event(case: Case, kind: str, summary: str, user=None, node: ProcessNode | None = None):
    CaseEvent.objects.create(
        case=case,
        kind=kind,
        summary=summary[:300],
        node_name=(node or case.current_node).name,
        actor_name=str(user) if user else "",
    )


def _lock(case: Case, expected_version: int | None) -> Case:
    """The case row locked for this transaction, refused if it changed since the user saw it."""
    locked = Case.objects.select_for_update().get(pk=case.pk)
    if expected_version is not None and locked.version != int(expected_version):
        raise CaseChanged(
            _("The case was changed by someone else meanwhile; reload the page and try again."),
            code="case_changed",
        )
    return locked


def _bump(case: Case, *fields: str) -> None:
    case.version += 1
    case.save(update_fields=[*fields, "version", "updated_at"])


def _next_serial(agency, prefix: str, year: int) -> int:
    DocumentSeries.objects.bulk_create(
        [DocumentSeries(agency=agency, prefix=prefix, year=year)], ignore_conflicts=True
    )
    series = DocumentSeries.objects.select_for_update().get(agency=agency, prefix=prefix, year=year)
    series.last_serial += 1
    series.save(update_fields=["last_serial"])
    return series.last_serial


def _prefixes(agency) -> tuple[str, str]:
    pattern = NumberPattern.objects.filter(agency=agency).first()
    decision = pattern.decision_prefix if pattern else f"{agency.short_name}罚"
    case = (pattern.case_prefix if pattern else "") or f"{agency.short_name}立"
    return decision, case


def applies(node: ProcessNode, case: Case) -> bool:
    cond = ProcessNode.Condition
    conditions: dict[str, bool] = {
        cond.ALWAYS: True,
        cond.HEARING_REQUESTED: case.hearing_requested,
        cond.MAJOR_DECISION: case.is_major,
        cond.COERCIVE_MEASURE: case.coercive_measure,
    }
    return conditions.get(node.condition, True)


def next_node(case: Case) -> ProcessNode | None:
    later = case.template.nodes.filter(order__gt=case.current_node.order).order_by("order")
    return next((n for n in later if applies(n, case)), None)


@transaction.atomic
def case_event_add(*, case: Case, kind: str, summary: str, user=None) -> None:
    """A line on a case's timeline written by another app (oversight's legal review, say)."""
    _event(case, kind, summary, user)


# ---------------------------------------------------------------------------- templates


@transaction.atomic
def template_ensure_ready_made(*, kind: str) -> ProcessTemplate:
    """The ready-made template of a kind; created with its nodes when missing. Idempotent."""
    name, _rows = blueprints.READY_MADE[kind]
    template, created = ProcessTemplate.objects.get_or_create(
        is_ready_made=True,
        kind=kind,
        defaults={"name": name, "status": ProcessTemplate.Status.REGISTERED},
    )
    if created:
        ProcessNode.objects.bulk_create(
            ProcessNode(template=template, order=i * 10, **row)
            for i, row in enumerate(blueprints.node_rows(kind), start=1)
        )
        audit_append(action="template.ready_made", obj=template, changes={"kind": kind})
    return template


@transaction.atomic
def template_copy(
    *, source: ProcessTemplate, power: Power, user, name: str = ""
) -> ProcessTemplate:
    """A draft copy of ``source`` for ``power``: the next version of that power's process."""
    if user.agency_id is not None and power.agency_id != user.agency_id:
        raise ValidationError({"power": _("You can only adapt processes of your own agency.")})
    last = ProcessTemplate.objects.filter(power=power).aggregate(v=Max("version"))["v"] or 0
    copy = ProcessTemplate.objects.create(
        agency_id=power.agency_id,
        power=power,
        name=name or f"{power.name}流程",
        kind=source.kind,
        version=last + 1,
        copied_from=source,
    )
    ProcessNode.objects.bulk_create(
        ProcessNode(
            template=copy,
            order=n.order,
            **{f: getattr(n, f) for f in blueprints.NODE_FIELDS},
        )
        for n in source.nodes.all()
    )
    audit_append(
        action="template.copy",
        obj=copy,
        actor=user,
        changes={"from": source.pk, "power": power.pk, "version": copy.version},
    )
    return copy


EDITABLE = (ProcessTemplate.Status.DRAFT, ProcessTemplate.Status.RETURNED)


@transaction.atomic
def node_update(*, node: ProcessNode, user, **fields) -> ProcessNode:
    if node.template.status not in EDITABLE:
        raise ValidationError(_("Only a draft or returned process can be changed."))
    before = {f: getattr(node, f) for f in fields}
    for name, value in fields.items():
        setattr(node, name, value)
    node.full_clean()
    node.save(update_fields=list(fields))
    audit_append(
        action="template.node_update",
        obj=node.template,
        actor=user,
        changes={
            "node": node.code,
            **{f: [str(before[f]), str(v)] for f, v in fields.items() if before[f] != v},
        },
    )
    return node


def _renumber(template: ProcessTemplate, nodes: list[ProcessNode]) -> None:
    """Give ``nodes`` (in their new order) orders 10, 20, ...; two passes keep orders unique."""
    for index, node in enumerate(nodes):
        ProcessNode.objects.filter(pk=node.pk).update(order=20000 + index)
    for index, node in enumerate(nodes, start=1):
        node.order = index * 10
        ProcessNode.objects.filter(pk=node.pk).update(order=node.order)


def _check_editable(template: ProcessTemplate) -> None:
    if template.status not in EDITABLE:
        raise ValidationError(_("Only a draft or returned process can be changed."))


@transaction.atomic
def node_add(*, template: ProcessTemplate, user, after: ProcessNode | None = None, **fields):
    """Insert a node after ``after`` (first when None)."""
    template = ProcessTemplate.objects.select_for_update().get(pk=template.pk)
    _check_editable(template)
    nodes = list(template.nodes.order_by("order"))
    if any(n.code == fields.get("code") for n in nodes):
        raise ValidationError({"code": _("Another node of this process has this code.")})
    position = 0 if after is None else [n.pk for n in nodes].index(after.pk) + 1
    node = ProcessNode(template=template, order=32000, **fields)
    node.full_clean(exclude=["order"])
    node.save()
    nodes.insert(position, node)
    _renumber(template, nodes)
    audit_append(
        action="template.node_add",
        obj=template,
        actor=user,
        changes={"node": node.code, "name": node.name, "position": position + 1},
    )
    return node


@transaction.atomic
def node_delete(*, node: ProcessNode, user) -> None:
    template = ProcessTemplate.objects.select_for_update().get(pk=node.template_id)
    _check_editable(template)
    if template.nodes.count() <= 1:
        raise ValidationError(_("A process needs at least one node."))
    code, name = node.code, node.name
    node.delete()
    _renumber(template, list(template.nodes.order_by("order")))
    audit_append(
        action="template.node_delete",
        obj=template,
        actor=user,
        changes={"node": code, "name": name},
    )


@transaction.atomic
def node_move(*, node: ProcessNode, user, up: bool) -> None:
    template = ProcessTemplate.objects.select_for_update().get(pk=node.template_id)
    _check_editable(template)
    nodes = list(template.nodes.order_by("order"))
    index = [n.pk for n in nodes].index(node.pk)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(nodes):
        return
    nodes[index], nodes[other] = nodes[other], nodes[index]
    _renumber(template, nodes)
    audit_append(
        action="template.node_move",
        obj=template,
        actor=user,
        changes={"node": node.code, "position": other + 1},
    )


def _template_transition(template: ProcessTemplate, method: str, user, note: str = ""):
    from django_fsm import can_proceed

    bound = getattr(template, method)
    if not can_proceed(bound):
        raise ValidationError(_("This process cannot be %(action)s now.") % {"action": method})
    before = template.status
    bound()
    if note:
        template.review_note = note
    template.save(update_fields=["status", "review_note", "registered_on"])
    audit_append(
        action=f"template.{method}",
        obj=template,
        actor=user,
        changes={"status": [before, template.status], "note": note},
    )
    return template


@transaction.atomic
def template_submit(*, template: ProcessTemplate, user) -> ProcessTemplate:
    if not template.nodes.exists():
        raise ValidationError(_("A process needs at least one node."))
    return _template_transition(template, "submit", user)


@transaction.atomic
def template_send_back(*, template: ProcessTemplate, user, note: str) -> ProcessTemplate:
    if not note.strip():
        raise ValidationError({"note": _("Say what has to be corrected.")})
    return _template_transition(template, "send_back", user, note)


@transaction.atomic
def template_register(*, template: ProcessTemplate, user, note: str = "") -> ProcessTemplate:
    """Register (备案) a process; the power's previously registered version is superseded."""
    for old in ProcessTemplate.objects.select_for_update().filter(
        power=template.power_id, status=ProcessTemplate.Status.REGISTERED
    ):
        _template_transition(old, "supersede", user)
    template.registered_on = timezone.localdate()
    return _template_transition(template, "register", user, note)


# ---------------------------------------------------------------------------- cases


def validate_party(kind: str, id_number: str) -> str:
    # NFKC: full-width digits and letters typed on a Chinese keyboard are the same number.
    id_number = unicodedata.normalize("NFKC", id_number or "").strip().upper()
    try:
        if kind == Case.PartyKind.PERSON:
            return ric.validate(id_number)
        return uscc.validate(id_number)
    except StdnumError as exc:
        message = (
            _("This is not a valid resident ID number.")
            if kind == Case.PartyKind.PERSON
            else _("This is not a valid unified social credit code.")
        )
        raise ValidationError({"party_id_number": message}) from exc


def template_for_power(power: Power) -> ProcessTemplate:
    """The power's registered process, or the ready-made one of its category."""
    own = ProcessTemplate.objects.filter(
        power=power, status=ProcessTemplate.Status.REGISTERED
    ).first()
    if own:
        return own
    kinds: dict[str, str] = {
        Power.Category.PENALTY: ProcessTemplate.Kind.GENERAL_PENALTY,
        Power.Category.INSPECTION: ProcessTemplate.Kind.INSPECTION,
        Power.Category.PERMIT: ProcessTemplate.Kind.PERMIT,
    }
    kind = kinds.get(power.category, ProcessTemplate.Kind.GENERAL_PENALTY)
    return template_ensure_ready_made(kind=kind)


def case_refused_power_record(*, power: Power, user) -> None:
    """Record an attempt to open a case on a power that may not be exercised (for warnings).

    Called by the view after the refusal, so the record survives the refused change.
    """
    audit_append(
        action="case.refused_power",
        obj=power,
        actor=user,
        changes={"power_status": power.status, "code": power.code},
    )


@transaction.atomic
def case_open(
    *,
    power: Power,
    officers,
    user,
    title: str,
    party_kind: str,
    party_name: str,
    party_id_number: str,
    source: str,
    filed_on: dt.date | None = None,
    party_address: str = "",
    legal_representative: str = "",
    facts_summary: str = "",
    coercive_measure: bool = False,
    template: ProcessTemplate | None = None,
    lead_officer: Officer | None = None,
) -> Case:
    """Open (立案) a case on a registered power with at least two certified officers."""
    power_check_exercisable(power=power)
    filed_on = filed_on or timezone.localdate()
    officers = list(officers)
    errors: dict[str, list[str]] = {}
    wrong_agency = [o.name for o in officers if o.agency_id != power.agency_id]
    invalid = [o.name for o in officers if not o.certificate_valid_on(filed_on)]
    if wrong_agency:
        errors.setdefault("officers", []).append(
            _("Not officers of this agency: %(n)s") % {"n": "、".join(wrong_agency)}
        )
    if invalid:
        errors.setdefault("officers", []).append(
            _("No valid enforcement certificate: %(names)s") % {"names": "、".join(invalid)}
        )
    if len({o.pk for o in officers}) < 2:
        errors.setdefault("officers", []).append(
            _(
                "At least two officers holding valid enforcement certificates must act on a "
                "case (Administrative Penalty Law Art. 42)."
            )
        )
    try:
        party_id_number = validate_party(party_kind, party_id_number)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if not party_name.strip():
        errors["party_name"] = [_("Enter the party's name.")]
    if errors:
        raise ValidationError(errors)
    template = template or template_for_power(power)
    if not (template.is_ready_made or template.power_id == power.pk) or not template.is_public:
        raise ValidationError(_("The process template does not belong to this power."))
    first = template.nodes.order_by("order").first()
    if first is None:
        raise ValidationError(_("The process template has no nodes."))

    _decision_prefix, case_prefix = _prefixes(power.agency)
    serial = _next_serial(power.agency, case_prefix, filed_on.year)
    case = Case(
        agency_id=power.agency_id,
        power=power,
        template=template,
        number=document_number(case_prefix, filed_on.year, serial),
        title=title,
        party_kind=party_kind,
        party_name=party_name.strip(),
        party_id_number=party_id_number,
        party_address=party_address,
        legal_representative=legal_representative,
        source=source,
        facts_summary=facts_summary,
        filed_on=filed_on,
        current_node=first,
        node_due_on=node_due(first, filed_on),
        decision_due_on=filed_on + dt.timedelta(days=conf.decision_days()),
        coercive_measure=coercive_measure,
        created_by=user,
    )
    case.save()
    lead = lead_officer or officers[0]
    CaseOfficer.objects.bulk_create(
        CaseOfficer(case=case, officer=o, is_lead=o.pk == lead.pk) for o in officers
    )
    NodeVisit.objects.create(case=case, node=first, entered_on=filed_on, due_on=case.node_due_on)
    audit_append(
        action="case.open",
        obj=case,
        actor=user,
        changes={
            "number": case.number,
            "power": power.code,
            "template": template.pk,
            "officers": [o.certificate_number for o in officers],
            "party": case.party_name,
        },
    )
    _event(case, "open", _("Case filed: %(number)s") % {"number": case.number}, user, first)
    return case


def leaving_problems(case: Case) -> list[str]:
    """What stops the case from leaving its current node (required records, decision, payment)."""
    node, problems = case.current_node, []
    present = set(case.records.filter(node=node).values_list("kind", flat=True))
    labels = dict(Record.Kind.choices)
    for kind in node.required_records or []:
        if kind not in present:
            problems.append(
                _("The node “%(node)s” requires a record: %(kind)s")
                % {"node": node.name, "kind": labels.get(kind, kind)}
            )
    if node.code == "decision" and not Decision.objects.filter(case=case).exists():
        problems.append(_("Record the decision before leaving the decision node."))
    if node.code == "execution":
        decision = Decision.objects.filter(case=case).first()
        needs_payment = decision and not decision.no_penalty and (decision.fine_amount or 0) > 0
        if needs_payment and not Payment.objects.filter(case=case).exists():
            problems.append(_("Record the bank's receipt for the fine before leaving execution."))
    if node.code == "closing":
        problems.append(_("Close the case to finish this node."))
    return problems


def transition_problems(case: Case, user) -> tuple[ProcessNode | None, list[str]]:
    """The node the case would move to and every reason it may not (empty when it may)."""
    if case.status not in (Case.Status.OPEN, Case.Status.DECIDED, Case.Status.EXECUTED):
        return None, [_("A case that is %(s)s cannot move.") % {"s": case.get_status_display()}]
    target = next_node(case)
    if target is None:
        return None, [_("This is the last node of the process.")]
    problems = leaving_problems(case)
    problems += [r.reason for r in check_gates(case, target, user)]
    return target, problems


def _enter(case: Case, target: ProcessNode, today: dt.date) -> None:
    NodeVisit.objects.filter(case=case, left_on__isnull=True).update(left_on=today)
    case.current_node = target
    case.node_due_on = node_due(target, today)
    NodeVisit.objects.create(case=case, node=target, entered_on=today, due_on=case.node_due_on)


def case_advance(*, case: Case, user, expected_version: int | None) -> Case:
    """Move the case to its next applicable node, after every gate of that node agrees.

    A refusal is audited outside the failed transaction, so the attempt stays on record.
    """
    try:
        return _case_advance(case=case, user=user, expected_version=expected_version)
    except GateRefused as refused:
        audit_append(
            action="case.advance_refused",
            obj=case,
            actor=user,
            changes={"from": case.current_node.code, "why": refused.messages},
        )
        raise


@transaction.atomic
def _case_advance(*, case: Case, user, expected_version: int | None) -> Case:
    case = _lock(case, expected_version)
    source = case.current_node
    target, problems = transition_problems(case, user)
    if problems or target is None:
        raise GateRefused(problems, code="gate_refused")
    _enter(case, target, timezone.localdate())
    _bump(case, "current_node", "node_due_on")
    audit_append(
        action="case.advance",
        obj=case,
        actor=user,
        changes={"node": [source.code, target.code], "due": str(case.node_due_on or "")},
    )
    _event(
        case,
        "advance",
        _("Moved from %(a)s to %(b)s") % {"a": source.name, "b": target.name},
        user,
        target,
    )
    return case


@transaction.atomic
def case_set_flag(*, case: Case, user, expected_version, flag: str, value: bool = True, reason=""):
    """Record that the party requested a hearing, a coercive measure applies, or the case is
    major (oversight's review catalogue calls this with its reason)."""
    if flag not in ("hearing_requested", "coercive_measure", "is_major"):
        raise ValueError(flag)
    case = _lock(case, expected_version)
    setattr(case, flag, value)
    fields = [flag]
    if flag == "is_major":
        case.major_reason = reason[:300]
        fields.append("major_reason")
    _bump(case, *fields)
    audit_append(
        action=f"case.{flag}", obj=case, actor=user, changes={flag: value, "reason": reason}
    )
    label = {
        "hearing_requested": _("The party requested a hearing"),
        "coercive_measure": _("A coercive measure applies"),
        "is_major": _("Marked as a major decision"),
    }[flag]
    _event(case, flag, f"{label}{('：' + reason) if reason else ''}", user)
    return case


# ---------------------------------------------------------------------------- adjustments


@transaction.atomic
def adjustment_request(*, case: Case, user, kind: str, days: int, reason: str) -> Adjustment:
    if case.status not in (Case.Status.OPEN, Case.Status.SUSPENDED):
        raise ValidationError(_("Only a case in progress can be suspended or extended."))
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason.")})
    if not 1 <= int(days) <= 365:
        raise ValidationError({"days": _("Between 1 and 365 days.")})
    adjustment = Adjustment.objects.create(
        case=case, kind=kind, days=days, reason=reason, requested_by=user
    )
    audit_append(
        action="adjustment.request",
        obj=adjustment,
        actor=user,
        agency_id=case.agency_id,
        changes={"case": case.pk, "kind": kind, "days": days, "reason": reason},
    )
    _event(
        case,
        "adjustment",
        _("%(kind)s of %(days)s days requested: %(reason)s")
        % {"kind": adjustment.get_kind_display(), "days": days, "reason": reason},
        user,
    )
    return adjustment


@transaction.atomic
def adjustment_decide(*, adjustment: Adjustment, user, approve: bool) -> Adjustment:
    """The agency leader approves (the due dates move) or refuses a suspension or extension."""
    adjustment = Adjustment.objects.select_for_update().get(pk=adjustment.pk)
    if adjustment.status != Adjustment.Status.REQUESTED:
        raise ValidationError(_("This request has already been decided."))
    case = _lock(adjustment.case, None)
    if approve:
        adjustment.approve()
        before = (case.node_due_on, case.decision_due_on)
        case.node_due_on = _shift(case.current_node, case.node_due_on, adjustment.days)
        case.decision_due_on += dt.timedelta(days=adjustment.days)
        NodeVisit.objects.filter(case=case, left_on__isnull=True).update(due_on=case.node_due_on)
        fields = ["node_due_on", "decision_due_on"]
        if adjustment.kind == Adjustment.Kind.SUSPENSION and case.status == Case.Status.OPEN:
            case.suspend()
            fields.append("status")
        _bump(case, *fields)
        changes = {
            "node_due_on": [str(before[0]), str(case.node_due_on)],
            "decision_due_on": [str(before[1]), str(case.decision_due_on)],
        }
    else:
        adjustment.refuse()
        changes = {}
    adjustment.decided_by = user
    adjustment.decided_at = timezone.now()
    adjustment.save(update_fields=["status", "decided_by", "decided_at"])
    audit_append(
        action=f"adjustment.{'approve' if approve else 'refuse'}",
        obj=adjustment,
        actor=user,
        agency_id=case.agency_id,
        changes={"case": case.pk, **changes},
    )
    verdict = _("approved") if approve else _("refused")
    _event(
        case,
        "adjustment",
        _("%(kind)s %(verdict)s by the agency leader")
        % {"kind": adjustment.get_kind_display(), "verdict": verdict},
        user,
    )
    return adjustment


@transaction.atomic
def case_resume(*, case: Case, user, expected_version) -> Case:
    case = _lock(case, expected_version)
    if case.status != Case.Status.SUSPENDED:
        raise ValidationError(_("The case is not suspended."))
    case.resume()
    _bump(case, "status")
    audit_append(action="case.resume", obj=case, actor=user)
    _event(case, "resume", _("Case resumed"), user)
    return case


# ---------------------------------------------------------------------------- records


@transaction.atomic
def record_add(
    *,
    case: Case,
    user,
    kind: str,
    title: str,
    recorded_at,
    place: str,
    officers,
    content: str = "",
    signature: str = Record.Signature.NOT_APPLICABLE,
    refusal_note: str = "",
    upload=None,
) -> Record:
    """Attach a written record or an evidence file to the case's current node.

    A file is size-checked, identified by its content, hashed (SHA-256) on arrival and stored
    under MEDIA_ROOT with no public URL.
    """
    # The node is the one the case stands at now, not the one the caller's copy remembers.
    case = Case.objects.select_for_update().select_related("current_node").get(pk=case.pk)
    if case.status == Case.Status.ARCHIVED:
        raise ValidationError(_("An archived case file cannot be changed."))
    officers = list(officers)
    if not officers:
        raise ValidationError({"officers": _("Name the officers who made the record.")})
    if any(o.agency_id != case.agency_id for o in officers):
        raise ValidationError({"officers": _("Only officers of the case's agency.")})
    if signature == Record.Signature.REFUSED and not refusal_note.strip():
        raise ValidationError(
            {"refusal_note": _("Note that the party refused to sign, with the circumstances.")}
        )
    is_written = kind in Record.WRITTEN
    if is_written and not content.strip() and upload is None:
        raise ValidationError({"content": _("Write the record or attach its scan.")})
    if not is_written and upload is None:
        raise ValidationError({"upload": _("Attach the recording or photo.")})
    record = Record(
        case=case,
        node=case.current_node,
        kind=kind,
        title=title,
        content=content,
        recorded_at=recorded_at,
        place=place,
        signature=signature if is_written else Record.Signature.NOT_APPLICABLE,
        refusal_note=refusal_note,
        created_by=user,
    )
    if upload is not None:
        _attach(record, upload, kind)
    record.save()
    record.officers.set(officers)
    audit_append(
        action="record.add",
        obj=record,
        actor=user,
        agency_id=case.agency_id,
        changes={
            "case": case.pk,
            "kind": kind,
            "node": case.current_node.code,
            "sha256": record.sha256,
            "size": record.size,
            "signature": record.signature,
        },
    )
    _event(case, "record", f"{record.get_kind_display()}：{title}", user)
    return record


FAMILIES: dict[str, set[str]] = {
    Record.Kind.PHOTO: {"image"},
    Record.Kind.AUDIO: {"audio"},
    Record.Kind.VIDEO: {"video"},
}


def _attach(record: Record, upload, kind: str) -> None:
    limit = conf.upload_max_bytes()
    if upload.size > limit:
        raise ValidationError(
            {
                "upload": _("The file is %(size)s MB; at most %(limit)s MB is accepted.")
                % {"size": round(upload.size / 1048576, 1), "limit": round(limit / 1048576, 1)}
            }
        )
    upload.seek(0)
    sniffed = sniff(upload.read(64))
    allowed = FAMILIES.get(kind, {"pdf", "image"})
    if sniffed is None or sniffed[1] not in allowed:
        raise ValidationError(
            {
                "upload": _(
                    "The file's content is not an accepted %(kind)s format, whatever its name says."
                )
                % {"kind": Record.Kind(kind).label}
            }
        )
    upload.seek(0)
    digest, size = sha256_of(upload.chunks())
    upload.seek(0)
    record.sha256, record.size, record.content_type = digest, size, sniffed[0]
    record.original_name = (getattr(upload, "name", "") or "")[-200:]
    record.file.save("evidence", upload, save=False)


def record_open_file(*, record: Record, user):
    """The evidence file, after re-checking its hash; every access is audited (调阅留痕)."""
    handle = record.file.open("rb")
    digest, _size = sha256_of(read_chunks(handle))
    ok = digest == record.sha256
    audit_append(
        action="record.file_access" if ok else "record.file_tampered",
        obj=record,
        actor=user,
        agency_id=record.case.agency_id,
        changes={"case": record.case_id, "sha256": record.sha256, "found": digest},
    )
    if not ok:
        handle.close()
        logger.error("Evidence %s does not match its hash", record.pk)
        raise EvidenceTampered(record.pk)
    handle.seek(0)
    return handle


# ---------------------------------------------------------------------------- decisions


@transaction.atomic
def decision_make(
    *,
    case: Case,
    user,
    expected_version,
    facts: str,
    evidence: str,
    legal_basis: str,
    penalty_types: str,
    fine_amount: Decimal | None = None,
    confiscation_amount: Decimal | None = None,
    no_penalty: bool = False,
    severity: str = "",
    circumstances=(),
    deviation_reason: str = "",
    illegal_income: Decimal | None = None,
    goods_value: Decimal | None = None,
    penalty_type_codes=(),
    decided_on: dt.date | None = None,
) -> Decision:
    """Record the decision at the decision node, numbered from the agency's series.

    The discretion calculator recommends a band (``workflows.penalty``); a penalty outside it
    needs a written justification and is marked as a deviation.
    """
    case = _lock(case, expected_version)
    if case.status != Case.Status.OPEN or case.current_node.code != "decision":
        raise ValidationError(_("A decision is made at the decision node of a case in progress."))
    refusals = check_gates(case, case.current_node, user)
    if refusals:
        raise GateRefused([r.reason for r in refusals], code="gate_refused")
    penalty_type_codes = [] if no_penalty else list(penalty_type_codes or [])
    if not no_penalty and not (fine_amount or penalty_types.strip() or penalty_type_codes):
        raise ValidationError({"fine_amount": _("State the penalty, or choose no penalty.")})
    if fine_amount is not None and fine_amount < 0:
        raise ValidationError({"fine_amount": _("A fine cannot be negative.")})
    simplified = case.template.kind == ProcessTemplate.Kind.SIMPLIFIED_PENALTY
    cap = conf.simplified_fine_cap(case.party_kind)
    if simplified and not no_penalty and fine_amount is not None and fine_amount > cap:
        raise ValidationError(
            {
                "fine_amount": _(
                    "An on-the-spot fine is at most %(cap)s yuan for this party "
                    "(Administrative Penalty Law Art. 51); use the general procedure."
                )
                % {"cap": cap}
            }
        )
    circumstances = list(circumstances or [])
    rec = penalty.recommend(
        power=case.power,
        severity=severity,
        circumstances=circumstances,
        illegal_income=illegal_income,
        goods_value=goods_value,
    )
    outside, deviation_reasons = penalty.deviation(
        rec, fine_amount=fine_amount, penalty_type_codes=penalty_type_codes, no_penalty=no_penalty
    )
    if outside and not deviation_reason.strip():
        raise ValidationError(
            {
                "deviation_reason": [
                    _("The penalty is outside the recommended band; write the justification."),
                    *deviation_reasons,
                ]
            }
        )
    if not penalty_types.strip() and penalty_type_codes:
        names = dict(penalty.penalty_type_choices(penalty.standard_for(case.power)))
        penalty_types = "、".join(names.get(c, c) for c in penalty_type_codes)
    decided_on = decided_on or timezone.localdate()
    prefix, _case_prefix = _prefixes(case.agency)
    serial = _next_serial(case.agency, prefix, decided_on.year)
    decision = Decision.objects.create(
        case=case,
        number=document_number(prefix, decided_on.year, serial),
        decided_on=decided_on,
        facts=facts,
        evidence=evidence,
        legal_basis=legal_basis,
        penalty_types=penalty_types,
        no_penalty=no_penalty,
        fine_amount=None if no_penalty else fine_amount,
        confiscation_amount=None if no_penalty else confiscation_amount,
        severity=severity,
        circumstances="\n".join(rec.circumstances if rec else [str(c) for c in circumstances]),
        recommendation={**rec.as_json(), "deviation_reasons": deviation_reasons} if rec else {},
        is_deviation=outside,
        deviation_reason=deviation_reason if outside else "",
        performance_due_on=decided_on + dt.timedelta(days=conf.performance_days()),
        decided_by=user,
    )
    case.decide()
    _bump(case, "status")
    audit_append(
        action="decision.make",
        obj=case,
        actor=user,
        changes={
            "number": decision.number,
            "fine": str(decision.fine_amount or ""),
            "no_penalty": no_penalty,
            "deviation": outside,
            "recommendation": decision.recommendation,
        },
    )
    summary = _("Decision %(n)s") % {"n": decision.number}
    if outside:
        summary += " · " + _("outside the recommended band")
    _event(case, "decision", summary, user)
    # Disclosure (to our right) listens: the decision must be published within its deadline.
    emit_on_commit("case.decided", case=case)
    return decision


# ---------------------------------------------------------------------------- execution


@transaction.atomic
def payment_record(
    *,
    case: Case,
    user,
    expected_version,
    bank_receipt_number: str,
    bank_name: str,
    amount: Decimal,
    paid_on: dt.date,
) -> Payment:
    """The bank's receipt for the fine (罚缴分离): the agency never takes the money."""
    case = _lock(case, expected_version)
    decision = Decision.objects.filter(case=case).first()
    if case.status != Case.Status.DECIDED or decision is None:
        raise ValidationError(_("A payment is recorded after the decision."))
    if case.current_node.code != "execution":
        raise ValidationError(_("Move the case to the execution node first."))
    if not bank_receipt_number.strip():
        raise ValidationError({"bank_receipt_number": _("Enter the bank's receipt number.")})
    if decision.fine_amount and amount != decision.fine_amount:
        raise ValidationError(
            {"amount": _("The decision imposes %(fine)s yuan.") % {"fine": decision.fine_amount}}
        )
    if paid_on > timezone.localdate():
        raise ValidationError({"paid_on": _("The payment date cannot be in the future.")})
    try:
        with transaction.atomic():
            payment = Payment.objects.create(
                case=case,
                bank_receipt_number=bank_receipt_number.strip(),
                bank_name=bank_name,
                amount=amount,
                paid_on=paid_on,
                recorded_by=user,
            )
    except IntegrityError as exc:
        raise ValidationError(
            {"bank_receipt_number": _("This receipt number is already recorded.")}
        ) from exc
    case.execute()
    _bump(case, "status")
    audit_append(
        action="payment.record",
        obj=case,
        actor=user,
        changes={"receipt": payment.bank_receipt_number, "amount": str(amount)},
    )
    _event(
        case,
        "payment",
        _("Fine of %(amount)s yuan paid at %(bank)s, receipt %(receipt)s")
        % {"amount": amount, "bank": bank_name, "receipt": payment.bank_receipt_number},
        user,
    )
    return payment


@transaction.atomic
def case_close(*, case: Case, user, expected_version) -> Case:
    """Close (结案) at the closing node; the case file is then due within 15 days."""
    case = _lock(case, expected_version)
    if case.current_node.code != "closing":
        raise ValidationError(_("Move the case to the closing node first."))
    if case.status not in (Case.Status.DECIDED, Case.Status.EXECUTED):
        raise ValidationError(_("Only a decided case can be closed."))
    today = timezone.localdate()
    case.close()
    case.closed_on = today
    case.archive_due_on = today + dt.timedelta(days=conf.archive_days())
    fields = ["status", "closed_on", "archive_due_on"]
    target = next_node(case)
    if target is not None:
        _enter(case, target, today)
        case.node_due_on = case.archive_due_on
        NodeVisit.objects.filter(case=case, left_on__isnull=True).update(due_on=case.node_due_on)
        fields += ["current_node", "node_due_on"]
    _bump(case, *fields)
    audit_append(
        action="case.close",
        obj=case,
        actor=user,
        changes={"closed_on": str(today), "archive_due_on": str(case.archive_due_on)},
    )
    _event(case, "close", _("Case closed; archive by %(d)s") % {"d": case.archive_due_on}, user)
    return case


@transaction.atomic
def case_archive(*, case: Case, user, expected_version) -> Case:
    case = _lock(case, expected_version)
    if case.status != Case.Status.CLOSED:
        raise ValidationError(_("Only a closed case can be archived."))
    today = timezone.localdate()
    case.archive()
    case.archived_on = today
    NodeVisit.objects.filter(case=case, left_on__isnull=True).update(left_on=today)
    _bump(case, "status", "archived_on")
    late = today > case.archive_due_on if case.archive_due_on else False
    audit_append(
        action="case.archive",
        obj=case,
        actor=user,
        changes={"archived_on": str(today), "late": late},
    )
    _event(case, "archive", _("Case file archived"), user)
    return case


# ---------------------------------------------------------------------------- documents


@transaction.atomic
def document_request(*, case: Case, kind: str, user) -> Document:
    """Ask for a document; rendered by a Celery worker when a broker is configured, else now."""
    if kind not in Document.Kind.values:
        raise ValidationError(_("Unknown document."))
    if kind == Document.Kind.DECISION and not Decision.objects.filter(case=case).exists():
        raise ValidationError(_("Record the decision before generating its document."))
    queue_check()  # no worker reachable: refused visibly, nothing written
    document, _created = Document.objects.update_or_create(
        case=case,
        kind=kind,
        defaults={"status": Document.Status.PENDING, "requested_by": user, "error": ""},
    )
    audit_append(
        action="document.request",
        obj=document,
        actor=user,
        agency_id=case.agency_id,
        changes={"case": case.pk, "kind": kind},
    )
    if settings.CELERY_TASK_ALWAYS_EAGER:
        document_render(document_id=document.pk)
        document.refresh_from_db()
    else:
        from ..tasks import render_document

        enqueue_on_commit(
            render_document, document.pk, on_failure=lambda: _document_not_queued(document.pk)
        )
    return document


@transaction.atomic
def _document_not_queued(document_id: int) -> None:
    """The broker went away between the check and the publish: say so on the case page."""
    document = Document.objects.select_for_update().filter(pk=document_id).first()
    if document is None or document.status != Document.Status.PENDING:
        return
    with translation.override(settings.LANGUAGE_CODE):
        document.error = str(QUEUE_LOST)
    document.status = Document.Status.FAILED
    document.save(update_fields=["status", "error"])
    audit_append(
        action="document.not_queued",
        obj=document,
        actor=document.requested_by,
        agency_id=document.case.agency_id,
        changes={"case": document.case_id, "kind": document.kind},
    )


@transaction.atomic
def document_render(*, document_id: int) -> Document:
    """Render and store the PDF; idempotent (a rerun replaces the file with a fresh one)."""
    from ..documents import render_pdf

    document = Document.objects.select_for_update().select_related("case").get(pk=document_id)
    try:
        with transaction.atomic():
            pdf = render_pdf(document)
    except Exception as exc:
        logger.exception("Document %s failed to render", document_id)
        document.status, document.error = Document.Status.FAILED, str(exc)[:2000]
        document.save(update_fields=["status", "error"])
        return document
    old = document.file.name if document.file else ""
    digest, _size = sha256_of([pdf])
    document.file.save(f"{document.case_id}-{document.kind}.pdf", ContentFile(pdf), save=False)
    if old and old != document.file.name:
        document.file.storage.delete(old)
    document.sha256 = digest
    document.status = Document.Status.READY
    document.generated_at = timezone.now()
    document.error = ""
    document.save(update_fields=["file", "sha256", "status", "generated_at", "error"])
    audit_append(
        action="document.generate",
        obj=document,
        agency_id=document.case.agency_id,
        changes={"case": document.case_id, "kind": document.kind, "sha256": digest},
    )
    _event(
        document.case,
        "document",
        _("Document generated: %(kind)s") % {"kind": document.get_kind_display()},
    )
    return document
