"""Agencies, officers, the regulation ledger and the power registry (权力清单)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .validators import validate_uscc


class Agency(models.Model):
    """An agency (执法主体 or a supervising body) of the city."""

    class Level(models.TextChoices):
        CENTRAL = "central", _("Central vertical (中直)")
        PROVINCIAL = "provincial", _("Provincial vertical (省直)")
        MUNICIPAL = "municipal", _("Municipal (市直)")
        COUNTY = "county", _("County or district (区县)")

    name = models.CharField(_("name"), max_length=100, unique=True)
    short_name = models.CharField(
        _("document prefix"),
        max_length=20,
        help_text=_("Abbreviation used in document numbers, e.g. 齐市监."),
    )
    code = models.SlugField(
        _("agency code"), max_length=30, unique=True, help_text=_("Short code used by commands.")
    )
    uscc = models.CharField(
        _("unified social credit code"), max_length=18, unique=True, validators=[validate_uscc]
    )
    level = models.CharField(_("level"), max_length=12, choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    is_enforcement_body = models.BooleanField(_("enforcement body"), default=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    phone = models.CharField(_("public telephone"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    @property
    def agency_id(self) -> int:
        """An agency belongs to itself, so permission predicates treat it like its objects."""
        return self.pk


class Officer(models.Model):
    """An enforcement officer (执法人员) and their enforcement certificate (执法证)."""

    class CertificateStatus(models.TextChoices):
        VALID = "valid", _("Valid")
        SUSPENDED = "suspended", _("Suspended")
        REVOKED = "revoked", _("Revoked")

    name = models.CharField(_("name"), max_length=50)
    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="officers"
    )
    certificate_number = models.CharField(_("certificate number"), max_length=30, unique=True)
    certificate_status = models.CharField(
        _("certificate status"),
        max_length=10,
        choices=CertificateStatus.choices,
        default=CertificateStatus.VALID,
    )
    certificate_valid_until = models.DateField(_("certificate valid until"))
    has_legal_qualification = models.BooleanField(
        _("holds the legal professional qualification"), default=False
    )
    post = models.CharField(_("post"), max_length=50, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("portal account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="officer",
    )
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    class Meta:
        verbose_name = _("enforcement officer")
        verbose_name_plural = _("enforcement officers")
        ordering = ["agency_id", "name"]

    def __str__(self) -> str:
        return f"{self.name}（{self.certificate_number}）"

    def certificate_valid_on(self, day: dt.date | None = None) -> bool:
        day = day or timezone.localdate()
        return (
            self.certificate_status == self.CertificateStatus.VALID
            and self.certificate_valid_until >= day
        )


class Regulation(models.Model):
    """A law or rule in the 立改废 ledger."""

    class Level(models.TextChoices):
        LAW = "law", _("Law (法律)")
        ADMINISTRATIVE_REGULATION = "admin_regulation", _("Administrative regulation (行政法规)")
        LOCAL_REGULATION = "local_regulation", _("Local regulation (地方性法规)")
        DEPARTMENT_RULE = "department_rule", _("Department rule (部门规章)")
        LOCAL_GOVERNMENT_RULE = "local_gov_rule", _("Local government rule (地方政府规章)")
        NORMATIVE_DOCUMENT = "normative_document", _("Normative document (规范性文件)")
        INTERNAL_RULE = "internal_rule", _("Internal rule (内部制度)")

    class Status(models.TextChoices):
        EFFECTIVE = "effective", _("In force")
        AMENDED = "amended", _("Amended")
        REPEALED = "repealed", _("Repealed")
        NOT_YET_EFFECTIVE = "not_yet_effective", _("Not yet in force")

    title = models.CharField(_("title"), max_length=200)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    issuing_body = models.CharField(_("issuing body"), max_length=100, blank=True)
    promulgated_on = models.DateField(_("promulgated on"), null=True, blank=True)
    effective_on = models.DateField(_("effective from"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.EFFECTIVE
    )
    superseded_by = models.ForeignKey(
        "self",
        verbose_name=_("superseded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="supersedes",
    )

    class Meta:
        verbose_name = _("regulation")
        verbose_name_plural = _("regulations")
        ordering = ["title"]
        constraints = [
            models.UniqueConstraint(
                fields=["title", "promulgated_on"], name="regulation_unique_title_date"
            )
        ]

    def __str__(self) -> str:
        return f"《{self.title}》"


class Provision(models.Model):
    """One article (or paragraph) of a regulation, as people cite it: 第二十五条第一款."""

    regulation = models.ForeignKey(
        Regulation,
        verbose_name=_("regulation"),
        on_delete=models.PROTECT,
        related_name="provisions",
    )
    article = models.CharField(_("article"), max_length=60)
    text = models.TextField(_("text"), blank=True)

    class Meta:
        verbose_name = _("provision")
        verbose_name_plural = _("provisions")
        ordering = ["regulation_id", "id"]
        constraints = [
            models.UniqueConstraint(fields=["regulation", "article"], name="provision_unique")
        ]

    def __str__(self) -> str:
        return f"{self.regulation}{self.article}"


class Power(models.Model):
    """An administrative enforcement power on an agency's list (权力清单).

    The row carries the content currently in force; the registry's filing and review
    history lives beside it. Only a registered power may be exercised.
    """

    class Category(models.TextChoices):
        PERMIT = "permit", _("Administrative permit (行政许可)")
        PENALTY = "penalty", _("Administrative penalty (行政处罚)")
        COERCION = "coercion", _("Administrative coercion (行政强制)")
        LEVY = "levy", _("Administrative levy (行政征收)")
        INSPECTION = "inspection", _("Administrative inspection (行政检查)")
        CONFIRMATION = "confirmation", _("Administrative confirmation (行政确认)")
        BENEFIT = "benefit", _("Administrative payment (行政给付)")
        REWARD = "reward", _("Administrative reward (行政奖励)")
        ADJUDICATION = "adjudication", _("Administrative adjudication (行政裁决)")
        OTHER = "other", _("Other administrative power (其他行政权力)")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        RETURNED = "returned", _("Returned")
        REGISTERED = "registered", _("Registered")
        SUSPENDED = "suspended", _("Suspended")
        ABOLISHED = "abolished", _("Abolished")

    agency = models.ForeignKey(
        Agency, verbose_name=_("exercising agency"), on_delete=models.PROTECT, related_name="powers"
    )
    code = models.CharField(_("power code"), max_length=60)
    name = models.CharField(_("power name"), max_length=300)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    registration_number = models.CharField(_("registration number"), max_length=60, blank=True)
    registered_on = models.DateField(_("registered on"), null=True, blank=True)
    provisions = models.ManyToManyField(
        Provision, verbose_name=_("legal bases"), through="PowerBasis", related_name="powers"
    )
    procedure = models.TextField(_("enforcement method / procedure"), blank=True)
    execution_standard = models.TextField(_("execution standard"), blank=True)
    responsible_post = models.CharField(_("responsible post"), max_length=200, blank=True)
    time_limit = models.CharField(_("promised time limit"), max_length=100, blank=True)
    remarks = models.TextField(_("remarks"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    class Meta:
        verbose_name = _("power")
        verbose_name_plural = _("powers")
        ordering = ["agency_id", "code"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "code"], name="power_code_unique_in_agency")
        ]
        indexes = [models.Index(fields=["agency", "status", "category"])]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def is_exercisable(self) -> bool:
        return self.status == self.Status.REGISTERED


class PowerBasis(models.Model):
    """A provision a power rests on, marked as the basis that creates it or the penalty basis."""

    class Kind(models.TextChoices):
        SETTING = "setting", _("Basis of the power (设定依据)")
        PENALTY = "penalty", _("Penalty basis (处罚依据)")

    power = models.ForeignKey(Power, on_delete=models.CASCADE, related_name="bases")
    provision = models.ForeignKey(Provision, on_delete=models.PROTECT, related_name="power_bases")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.SETTING)

    class Meta:
        verbose_name = _("legal basis")
        verbose_name_plural = _("legal bases")
        constraints = [
            models.UniqueConstraint(
                fields=["power", "provision", "kind"], name="power_basis_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.provision}（{self.get_kind_display()}）"
