"""Print every demo account `make run` created (all roles, every app's demo users) and where
to sign in. Read from the database, so a demo user added by any app's seeder is listed."""

import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "enforcement_portal.settings.local")
django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402

from enforcement_portal.roles import Role  # noqa: E402


def demo_logins() -> list[tuple[str, str, str]]:
    """(username, role labels, agency) of every active user holding a portal role."""
    labels = {role.value: str(role.label) for role in Role}
    users = (
        get_user_model()
        .objects.filter(is_active=True, groups__name__in=list(labels))
        .select_related("agency")
        .prefetch_related("groups")
        .distinct()
        .order_by("pk")
    )
    return [
        (
            user.username,
            "、".join(labels[g.name] for g in user.groups.all() if g.name in labels),
            user.agency.name if user.agency is not None else "市级",
        )
        for user in users
    ]


if __name__ == "__main__":
    host, port = os.environ.get("HOST", "127.0.0.1"), os.environ.get("PORT", "8000")
    print(f"\n  Portal: http://{host}:{port}/   (public site; staff sign in at /accounts/login/)")
    print(f"  Demo password for every account: {settings.DEMO_PASSWORD}\n")
    for username, roles, agency in demo_logins():
        print(f"    {username:<17} {roles}  ({agency})")
    print()
