"""What the public sees: the random-inspection list (事前) and published decisions (事后)."""

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition


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


class Publication(models.Model):
    """A decision published after acting (事后公示), in the 双公示 layout.

    The columns hold what staff entered (private: natural persons unmasked). ``public_data``
    holds exactly what the public sees, masked when the publication is published or
    corrected. Public pages and open data read ``public_data`` only.
    """

    class FullTextWithheld(models.TextChoices):
        # 政府信息公开条例 Arts. 14-15: what may not be published, and what needs consent.
        STATE_SECRET = "state_secret", _("It involves state secrets")
        TRADE_SECRET = "trade_secret", _("It involves trade secrets")
        PRIVACY = "privacy", _("It involves personal privacy")
        SAFETY = "safety", _("It may endanger security or social stability")
        OTHER_LAW = "other_law", _("Another law forbids it")

    class Kind(models.TextChoices):
        PENALTY = "penalty", _("Administrative penalty")
        PERMIT = "permit", _("Administrative permit")
        OTHER = "other", _("Other enforcement decision")

    class PartyType(models.TextChoices):
        PERSON = "person", _("Natural person")
        ORGANISATION = "organisation", _("Legal person or other organisation")
        SOLE_TRADER = "sole_trader", _("Individual business (sole trader)")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Not yet published")
        PUBLISHED = "published", _("Published")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class Signoff(models.TextChoices):
        """The publicity officer's sign-off (公示审核) of the masked record."""

        AWAITING = "awaiting", _("Awaiting sign-off")
        APPROVED = "approved", _("Signed off")

    agency = models.ForeignKey(
        "powers.Agency",
        verbose_name=_("deciding agency"),
        on_delete=models.PROTECT,
        related_name="publications",
    )
    power = models.ForeignKey(
        "powers.Power",
        verbose_name=_("power"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="publications",
    )
    case = models.OneToOneField(
        "workflows.Case",
        verbose_name=_("case"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="publication",
    )
    kind = models.CharField(_("decision kind"), max_length=10, choices=Kind.choices)
    # Unique through a constraint, not ``unique=True``: that would add a second, pattern-ops
    # index nothing queries (decision numbers are searched by substring, not by prefix).
    decision_number = models.CharField(_("decision document number"), max_length=80)
    party_type = models.CharField(_("party type"), max_length=12, choices=PartyType.choices)
    party_name = models.CharField(_("party name"), max_length=200)
    party_uscc = models.CharField(
        _("party's unified social credit code"), max_length=18, blank=True
    )
    legal_representative = models.CharField(_("legal representative"), max_length=50, blank=True)
    violation_type = models.CharField(_("type of violation"), max_length=300, blank=True)
    facts = models.TextField(_("facts of the violation"), blank=True)
    basis = models.TextField(_("legal basis of the decision"), blank=True)
    penalty_category = models.CharField(_("penalty category"), max_length=200, blank=True)
    penalty_content = models.TextField(_("content of the decision"), blank=True)
    fine_amount = models.DecimalField(
        _("fine (yuan)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    confiscation_amount = models.DecimalField(
        _("confiscated amount (yuan)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    license_info = models.CharField(
        _("licence suspended or revoked (name and number)"), max_length=200, blank=True
    )
    full_text = models.TextField(
        _("full text of the decision"),
        blank=True,
        help_text=_("The decision document as issued; it is published masked, after sign-off."),
    )
    full_text_withheld = models.CharField(
        _("full text not published because"),
        max_length=20,
        choices=FullTextWithheld.choices,
        blank=True,
        help_text=_("Leave empty to publish the full text (masked). Otherwise the reason."),
    )
    full_text_withheld_note = models.CharField(_("which law, and why"), max_length=200, blank=True)
    extra_redactions = models.TextField(
        _("further passages to hide"),
        blank=True,
        help_text=_("Trade secrets or private details, one passage per line; never published."),
    )
    decided_on = models.DateField(_("decision date"))
    due_by = models.DateField(_("publish by"))
    status = FSMField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    signoff = FSMField(
        _("sign-off"), max_length=10, choices=Signoff.choices, default=Signoff.AWAITING
    )
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("signed off by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    signed_off_at = models.DateTimeField(_("signed off at"), null=True, blank=True)
    # The masked text as the publicity officer approved it, field by field: what the public
    # sees in place of the masking engine's output. Never the original text.
    reviewed_text = models.JSONField(_("text as signed off"), default=dict, blank=True)
    published_on = models.DateField(_("publication date"), null=True, blank=True)
    publish_until = models.DateField(_("public until"), null=True, blank=True)
    revoked_on = models.DateField(_("decision changed or revoked on"), null=True, blank=True)
    withdrawal_due = models.DateField(_("withdraw by"), null=True, blank=True)
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    withdrawal_reason = models.TextField(_("reason for withdrawal"), blank=True)
    public_data = models.JSONField(_("public record"), default=dict, blank=True)
    search_text = models.TextField(default="", blank=True, editable=False)
    # The search grams are not stored: on PostgreSQL one GIN index is built on
    # disclosure_agency_grams(agency_id, search_text), the agency-scoped grams ("7:药房")
    # computed from this text (migration 0016; disclosure.selectors).
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    class Meta:
        verbose_name = _("published decision")
        verbose_name_plural = _("published decisions")
        ordering = ["-published_on", "-id"]
        indexes = [
            models.Index(
                fields=["-published_on", "-id"],
                name="pub_public_order",
                condition=models.Q(status__in=["published", "withdrawn"]),
            ),
            models.Index(
                fields=["agency", "-published_on", "-id"],
                name="pub_agency_order",
                condition=models.Q(status__in=["published", "withdrawn"]),
            ),
            models.Index(fields=["status", "due_by"], name="pub_status_due"),
            # Revoked decisions still public: the warning scan's withdrawal rule.
            models.Index(
                fields=["withdrawal_due"],
                name="pub_withdrawal_due",
                condition=models.Q(status="published", revoked_on__isnull=False),
            ),
            # Published-on-time per agency and period, from the index alone (dashboard).
            models.Index(
                fields=["agency", "decided_on"],
                name="pub_agency_decided",
                include=["published_on", "due_by"],
                condition=models.Q(status__in=["published", "withdrawn"]),
            ),
            # The newest change to any publication, from the index alone: part of the key
            # under which the public decision list is cached (disclosure.selectors).
            models.Index(fields=["updated_at"], name="pub_updated_at"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["decision_number"], name="publication_decision_number_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(full_text_withheld="") | ~models.Q(full_text_withheld_note=""),
                name="publication_withheld_full_text_has_reason",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="published")
                | models.Q(published_on__isnull=False, publish_until__isnull=False),
                name="publication_published_has_dates",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="withdrawn")
                | models.Q(withdrawn_on__isnull=False) & ~models.Q(withdrawal_reason=""),
                name="publication_withdrawn_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.decision_number

    def clean(self):
        super().clean()
        if self.full_text_withheld and not self.full_text_withheld_note.strip():
            raise ValidationError(
                {
                    "full_text_withheld_note": _(
                        "Name the law and say why the full text is not published."
                    )
                }
            )

    # The services take the row lock, fill the public record and audit; these only move status.
    def is_signed_off(self) -> bool:
        return self.signoff == self.Signoff.APPROVED

    @transition(
        field=status,
        source=Status.DRAFT,
        target=Status.PUBLISHED,
        conditions=[is_signed_off],  # type: ignore[list-item]  # django-fsm's stub wants Model
    )
    def publish(self) -> None:
        pass

    @transition(field=signoff, source=Signoff.AWAITING, target=Signoff.APPROVED)
    def sign_off(self) -> None:
        pass

    @transition(field=signoff, source=Signoff.APPROVED, target=Signoff.AWAITING)
    def reopen_signoff(self) -> None:
        """The draft changed after sign-off: the officer must see it again."""

    @transition(field=status, source=Status.PUBLISHED, target=Status.WITHDRAWN)
    def withdraw(self) -> None:
        pass

    @property
    def is_person(self) -> bool:
        return self.party_type == self.PartyType.PERSON

    @property
    def is_sole_trader(self) -> bool:
        return self.party_type == self.PartyType.SOLE_TRADER


class PublicationCorrection(models.Model):
    """A correction of a published record, shown to the public as a correction (更正)."""

    publication = models.ForeignKey(
        Publication, on_delete=models.CASCADE, related_name="corrections"
    )
    corrected_on = models.DateField(_("corrected on"))
    changes = models.JSONField(_("what changed"), default=dict)
    note = models.TextField(_("explanation"))
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("signed off by"),
        null=True,  # corrections published before the sign-off rule
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")
        ordering = ["corrected_on", "id"]

    def __str__(self) -> str:
        return f"{self.publication} {self.corrected_on}"

    def change_rows(self) -> list[tuple[str, str, str]]:
        """(what, old, new) for each changed field of the public record, named in words."""
        rows = []
        for key, pair in self.changes.items():
            try:
                label = str(getattr(Publication._meta.get_field(key), "verbose_name", key))
            except FieldDoesNotExist:  # a public-record key that is not a column
                label = key
            old, new = [*list(pair), "", ""][:2]
            rows.append((label, old, new))
        return rows


class AnnualReport(models.Model):
    """An agency's annual enforcement statistics (行政执法统计年报), published before 31 January."""

    agency = models.ForeignKey(
        "powers.Agency",
        verbose_name=_("agency"),
        on_delete=models.PROTECT,
        related_name="annual_reports",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    figures = models.JSONField(_("figures"), default=dict)
    generated_at = models.DateTimeField(_("generated"))
    published_on = models.DateField(_("published on"), null=True, blank=True)

    class Meta:
        verbose_name = _("annual enforcement report")
        verbose_name_plural = _("annual enforcement reports")
        ordering = ["-year", "agency_id"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"], name="one_annual_report_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.agency} {self.year}"


class ServiceGuide(models.Model):
    """The service guide (办事指南) of a power: what a citizen needs to know to use it.

    Kept by the agency's filers beside the registered power; the legal basis, the process
    and the promised time limit come from the registry and the process flow.
    """

    power = models.OneToOneField(
        "powers.Power",
        verbose_name=_("power"),
        on_delete=models.CASCADE,
        related_name="service_guide",
    )
    conditions = models.TextField(_("conditions for acceptance"), blank=True)
    materials = models.TextField(_("materials to bring"), blank=True, help_text=_("One per line."))
    fees = models.CharField(_("fees"), max_length=200, default="不收费")
    place = models.CharField(_("where to apply"), max_length=200, blank=True)
    hours = models.CharField(_("office hours"), max_length=100, blank=True)
    phone = models.CharField(_("enquiry telephone"), max_length=40, blank=True)
    complaints = models.CharField(_("complaints and supervision"), max_length=200, blank=True)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    class Meta:
        verbose_name = _("service guide")
        verbose_name_plural = _("service guides")

    def __str__(self) -> str:
        return f"{self.power} 办事指南"

    @property
    def agency_id(self) -> int:
        return self.power.agency_id

    @property
    def material_list(self) -> list[str]:
        return [line.strip() for line in self.materials.splitlines() if line.strip()]
