"""What the public sees before acting: the random-inspection list (双随机 抽查事项清单).

Decisions published after acting come with the case workflow.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class InspectionItem(models.Model):
    """One row of an agency's random-inspection list, in the layout agencies publish."""

    agency = models.ForeignKey(
        "powers.Agency",
        verbose_name=_("agency"),
        on_delete=models.PROTECT,
        related_name="inspection_items",
    )
    item = models.CharField(_("inspection item"), max_length=200)
    sub_item = models.CharField(_("inspection sub-item"), max_length=200, blank=True)
    inspecting_body = models.CharField(_("inspecting body"), max_length=200)
    basis = models.TextField(_("inspection basis"))
    method = models.CharField(_("inspection method"), max_length=200)
    content = models.TextField(_("inspection content"))
    ratio = models.CharField(_("sampling ratio"), max_length=50)
    frequency = models.CharField(_("sampling frequency"), max_length=50)
    is_active = models.BooleanField(_("published"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    class Meta:
        verbose_name = _("random-inspection item")
        verbose_name_plural = _("random-inspection list")
        ordering = ["agency_id", "id"]
        indexes = [models.Index(fields=["agency", "is_active"])]

    def __str__(self) -> str:
        return f"{self.item} {self.sub_item}".strip()
