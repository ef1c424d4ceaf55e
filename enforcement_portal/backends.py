"""Permission decisions from the ``rules`` predicates alone, with no superuser shortcut.

Django's ``ModelBackend`` (and ``PermissionsMixin.has_perm``) grant a superuser every
permission, which let the system administrator pass as a second report handler (#17).
Here a permission registered with ``rules`` is decided by its predicate and nothing else;
only permissions no rule knows (the Django admin's model permissions) fall back to the
model backend, so the admin site stays usable for superusers.
"""

from __future__ import annotations

import rules
from django.contrib.auth.backends import ModelBackend


def decided_by_rules(perm: str) -> bool:
    return rules.perm_exists(perm)


class RolesBackend(ModelBackend):
    """Sign-in as ModelBackend; permissions from the rules registry first and only."""

    def has_perm(self, user_obj, perm, obj=None):
        if decided_by_rules(perm):
            if not getattr(user_obj, "is_active", False):
                return False
            return rules.has_perm(perm, user_obj, obj)
        return super().has_perm(user_obj, perm, obj)

    def get_all_permissions(self, user_obj, obj=None):
        # A superuser's "all permissions" must not list rule-decided ones it does not hold.
        return {p for p in super().get_all_permissions(user_obj, obj) if not decided_by_rules(p)}
