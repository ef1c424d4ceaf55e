"""Other natural persons of a case (证人, 委托代理人, 监护人…): never named in anything public."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .cases import Case


class CasePerson(models.Model):
    """A person the case file names besides the party; the masking of every publication of the
    case is given their names (disclosure.publishing.person_names)."""

    class Role(models.TextChoices):
        WITNESS = "witness", _("Witness")
        AGENT = "agent", _("Authorised agent")
        GUARDIAN = "guardian", _("Guardian or close relative")
        RECORDED = "recorded", _("Other person in a record")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="persons")
    role = models.CharField(_("role in the case"), max_length=12, choices=Role.choices)
    name = models.CharField(_("name"), max_length=50)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        verbose_name = _("person in the case")
        verbose_name_plural = _("persons in the case")
        ordering = ["case", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["case", "name", "role"], name="case_person_once")
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()} {self.name}"
