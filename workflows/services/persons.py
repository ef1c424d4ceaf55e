"""The case's other natural persons (witnesses, agents, guardians, persons in records).

Their names are what the masking of the case's publications is told to hide, on top of what
the segmenter finds by itself (disclosure.publishing.person_names).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from enforcement_portal.audit import audit_append

from ..models import Case, CasePerson
from ._shared import event


@transaction.atomic
def case_person_add(*, case: Case, user, role: str, name: str) -> CasePerson:
    name = " ".join((name or "").split())
    if role not in CasePerson.Role.values:
        raise ValidationError({"role": _("Choose the person's role in the case.")})
    if not name:
        raise ValidationError({"name": _("Enter the person's name.")})
    if len(name) > 50:
        raise ValidationError({"name": _("A name has at most 50 characters.")})
    if case.status == Case.Status.ARCHIVED:
        raise ValidationError(_("An archived case file cannot be changed."))
    if CasePerson.objects.filter(case=case, role=role, name=name).exists():
        raise ValidationError({"name": _("This person is already listed in that role.")})
    person = CasePerson.objects.create(case=case, role=role, name=name, added_by=user)
    audit_append(
        action="case.person_add",
        obj=person,
        actor=user,
        agency_id=case.agency_id,
        changes={"case": case.pk, "role": role},  # the name stays out of the trail's summary
    )
    event(case, "person", _("Person added: %(role)s") % {"role": person.get_role_display()}, user)
    return person


@transaction.atomic
def case_person_remove(*, person: CasePerson, user) -> None:
    case = person.case
    if case.status == Case.Status.ARCHIVED:
        raise ValidationError(_("An archived case file cannot be changed."))
    audit_append(
        action="case.person_remove",
        obj=person,
        actor=user,
        agency_id=case.agency_id,
        changes={"case": case.pk, "role": person.role},
    )
    event(case, "person", _("Person removed: %(role)s") % {"role": person.get_role_display()}, user)
    person.delete()
