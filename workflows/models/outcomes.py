"""The outcome of a decision other than an ordinary penalty: no penalty (不予处罚) or a reduced
penalty (减轻处罚), with the reason the law gives and the list entry it relies on."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from .decisions import Decision

ART_33_1 = "《中华人民共和国行政处罚法》第三十三条第一款"
ART_33_2 = "《中华人民共和国行政处罚法》第三十三条第二款"
ART_30 = "《中华人民共和国行政处罚法》第三十条"
ART_31 = "《中华人民共和国行政处罚法》第三十一条"
ART_32 = "《中华人民共和国行政处罚法》第三十二条"
LIST_NAMES = {
    "no_penalty": "不予处罚清单",
    "first_violation": "首违不罚清单",
    "lighter": "从轻减轻处罚清单",
}


class DecisionOutcome(models.Model):
    """Why a decision imposes no penalty, or a penalty below the statutory minimum."""

    class Reason(models.TextChoices):
        MINOR_CORRECTED = (
            "minor_corrected",
            _("Minor violation corrected promptly, no harmful consequences (Art. 33 para 1)"),
        )
        FIRST_VIOLATION = (
            "first_violation",
            _("First minor violation corrected promptly, on the agency's list (Art. 33 para 1)"),
        )
        NO_FAULT = "no_fault", _("No subjective fault (Art. 33 para 2)")
        UNDER_14 = "under_14", _("A minor under fourteen (Art. 30)")
        INCAPACITY = (
            "incapacity",
            _("Could not recognise or control their conduct (Art. 31)"),
        )
        REDUCED = "reduced", _("Reduced penalty: a circumstance of Art. 32")
        MINOR_14_18 = "minor_14_18", _("Reduced penalty: a minor aged 14 to 18 (Art. 30)")

    NO_PENALTY_REASONS = (
        Reason.MINOR_CORRECTED,
        Reason.FIRST_VIOLATION,
        Reason.NO_FAULT,
        Reason.UNDER_14,
        Reason.INCAPACITY,
    )
    REDUCED_REASONS = (Reason.REDUCED, Reason.MINOR_14_18)
    ARTICLES: dict[str, str] = {
        Reason.MINOR_CORRECTED: ART_33_1,
        Reason.FIRST_VIOLATION: ART_33_1,
        Reason.NO_FAULT: ART_33_2,
        Reason.UNDER_14: ART_30,
        Reason.INCAPACITY: ART_31,
        Reason.REDUCED: ART_32,
        Reason.MINOR_14_18: ART_30,
    }
    # What the decision and its publication say (the law's own words, shortened).
    WORDING: dict[str, str] = {
        Reason.MINOR_CORRECTED: "违法行为轻微并及时改正，没有造成危害后果",
        Reason.FIRST_VIOLATION: "初次违法且危害后果轻微并及时改正（首违不罚）",
        Reason.NO_FAULT: "当事人有证据足以证明没有主观过错",
        Reason.UNDER_14: "当事人违法时不满十四周岁",
        Reason.INCAPACITY: "当事人违法时不能辨认或者不能控制自己的行为",
        Reason.REDUCED: "当事人有依法应当减轻处罚的情形",
        Reason.MINOR_14_18: "当事人违法时已满十四周岁不满十八周岁",
    }

    decision = models.OneToOneField(Decision, on_delete=models.PROTECT, related_name="outcome")
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    article = models.CharField(_("article"), max_length=80)
    note = models.TextField(_("circumstances found"))
    party_age = models.PositiveSmallIntegerField(
        _("party's age at the violation"), null=True, blank=True
    )
    list_entry = models.ForeignKey(
        "discretion.OutcomeListEntry",
        verbose_name=_("list entry relied on"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decision_outcomes",
    )
    below_statutory_minimum = models.BooleanField(_("below the statutory minimum"), default=False)

    class Meta:
        verbose_name = _("decision outcome")
        verbose_name_plural = _("decision outcomes")

    def __str__(self) -> str:
        return f"{self.get_reason_display()}"

    @property
    def is_no_penalty(self) -> bool:
        return self.reason in self.NO_PENALTY_REASONS

    @property
    def wording(self) -> str:
        return self.WORDING.get(self.reason, "")

    @property
    def list_entry_label(self) -> str:
        entry = self.list_entry
        return f"{LIST_NAMES.get(entry.kind, '')}：{entry.violation}" if entry else ""

    def statement(self) -> str:
        """One sentence for the decision and its publication: reason, article, list entry."""
        text = f"{self.wording}，依据{self.article}"
        if self.list_entry_id:
            entry = self.list_entry
            assert entry is not None
            text += f"及本机关{LIST_NAMES.get(entry.kind, '')}所列“{entry.violation}”"
        return text
