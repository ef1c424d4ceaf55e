"""Shared core data: users with their agency, the hash-chained audit trail, calendar overrides."""

from __future__ import annotations

import hashlib
import json
from functools import cached_property

import rules
from django.contrib.auth.models import (  # type: ignore[attr-defined]  # private helper, no stub
    AbstractUser,
    _user_has_perm,
)
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _

from .roles import CROSS_AGENCY_ROLES, Role


class User(AbstractUser):
    """A portal account. Staff belong to one agency; city-level supervisors to none."""

    display_name = models.CharField(_("name"), max_length=50, blank=True)
    agency = models.ForeignKey(
        "powers.Agency",
        verbose_name=_("agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )

    class Meta:  # AbstractUser.Meta holds only these two names (and abstract)
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.display_name or self.username

    @cached_property
    def role_codes(self) -> frozenset[str]:
        if not self.is_authenticated or not self.pk:
            return frozenset()
        return frozenset(self.groups.values_list("name", flat=True))

    def has_role(self, *roles: str) -> bool:
        return bool(self.role_codes.intersection(roles))

    def has_perm(self, perm, obj=None) -> bool:
        # PermissionsMixin answers True for any active superuser before asking a backend. A
        # permission the rules registry knows is decided by its predicate alone (#17): being
        # a superuser never satisfies a role it does not hold.
        if rules.perm_exists(perm):
            return self.is_active and _user_has_perm(self, perm, obj)
        return super().has_perm(perm, obj)

    @property
    def reads_across_agencies(self) -> bool:
        # The roles alone: a superuser flag without a cross-agency role reads nothing across.
        return bool(self.role_codes & CROSS_AGENCY_ROLES)

    @property
    def roles_display(self) -> list[str]:
        return [str(label) for code, label in Role.choices if code in self.role_codes]


class AuditEventQuerySet(models.QuerySet):
    """The audit trail is append-only: bulk updates and deletes are refused outright."""

    def update(self, **kwargs):
        raise PermissionError("AuditEvent is append-only")

    def delete(self):
        raise PermissionError("AuditEvent is append-only")


# json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"),
# cls=DjangoJSONEncoder), with the encoder built once rather than per event: verify_audit
# hashes millions of events.
_CANONICAL_JSON = DjangoJSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":"))


class AuditEvent(models.Model):
    """One entry of the hash-chained audit trail (执法过程网上留痕).

    ``hash`` is SHA-256 over ``prev_hash`` and the canonical JSON of the event, so altering,
    deleting or reordering any row breaks the chain at the next row.
    """

    seq = models.PositiveBigIntegerField(_("sequence"), unique=True)
    created_at = models.DateTimeField(_("time"), db_index=True)
    actor_id = models.BigIntegerField(_("actor id"), null=True, blank=True)
    actor_name = models.CharField(_("actor"), max_length=150, blank=True)
    role = models.CharField(_("role"), max_length=200, blank=True)
    agency_id = models.BigIntegerField(_("agency id"), null=True, blank=True, db_index=True)
    action = models.CharField(_("action"), max_length=80)
    object_type = models.CharField(_("object type"), max_length=80, blank=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    changes = models.JSONField(_("changes"), default=dict, blank=True, encoder=DjangoJSONEncoder)
    request_id = models.CharField(_("request id"), max_length=64, blank=True)
    prev_hash = models.CharField(_("previous hash"), max_length=64)
    hash = models.CharField(_("hash"), max_length=64, unique=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["seq"]
        indexes = [models.Index(fields=["object_type", "object_id", "seq"])]

    def __str__(self) -> str:
        return f"#{self.pk} {self.action} {self.object_type}:{self.object_id}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("AuditEvent is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("AuditEvent is append-only")

    HASHED_FIELDS = (
        "seq",
        "created_at",
        "actor_id",
        "actor_name",
        "role",
        "agency_id",
        "action",
        "object_type",
        "object_id",
        "changes",
        "request_id",
    )

    @staticmethod
    def compute_hash(prev_hash: str, payload: dict) -> str:
        canonical = _CANONICAL_JSON.encode(payload)
        return hashlib.sha256((prev_hash + canonical).encode("utf-8")).hexdigest()

    @classmethod
    def payload_of(cls, values: dict) -> dict:
        payload = {name: values[name] for name in cls.HASHED_FIELDS}
        created = payload["created_at"]
        payload["created_at"] = created.isoformat(timespec="microseconds")
        # Round-trip the JSON so what is hashed is exactly what the database gives back.
        payload["changes"] = json.loads(json.dumps(payload["changes"], cls=DjangoJSONEncoder))
        return payload


class CalendarDay(models.Model):
    """An admin-entered override of the State Council calendar for one date."""

    class Kind(models.TextChoices):
        HOLIDAY = "holiday", _("Holiday (not a working day)")
        WORKDAY = "workday", _("Make-up working day")

    date = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    note = models.CharField(_("note"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("calendar override")
        verbose_name_plural = _("calendar overrides")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date} {self.get_kind_display()}"


class HolidaySchedule(models.Model):
    """A year's holiday schedule as published by the State Council and entered by an admin.

    Its days are calendar overrides; this row says the year no longer runs on the fallback.
    """

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    notice = models.CharField(_("State Council notice"), max_length=200)
    entered_by = models.ForeignKey(
        "User",
        verbose_name=_("entered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    entered_at = models.DateTimeField(_("entered at"), auto_now=True)

    class Meta:
        verbose_name = _("holiday schedule")
        verbose_name_plural = _("holiday schedules")
        ordering = ["-year"]

    def __str__(self) -> str:
        return f"{self.year} {self.notice}"
