"""Agencies (执法主体) and their officers with enforcement certificates."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from enforcement_portal.validators import validate_uscc


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
