"""Print the demo accounts `make run` created (one per role) and where to sign in."""

import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "enforcement_portal.settings.local")
django.setup()

from django.conf import settings  # noqa: E402

from powers.demo import DEMO_USERS  # noqa: E402

host, port = os.environ.get("HOST", "127.0.0.1"), os.environ.get("PORT", "8000")
print(f"\n  Portal: http://{host}:{port}/   (public site; staff sign in at /accounts/login/)")
print(f"  Demo password for every account: {settings.DEMO_PASSWORD}\n")
for username, role, agency, _name in DEMO_USERS:
    print(f"    {username:<12} {role.label}  ({agency or 'city level'})")
print()
