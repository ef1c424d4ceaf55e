"""Writes of process templates (执法流程): the ready-made ones, copies adapted to a power, their
nodes, and review and registration (备案) like a power's."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from enforcement_portal.audit import audit_append
from powers.models import Power

from .. import blueprints
from ..models import ProcessNode, ProcessTemplate


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
