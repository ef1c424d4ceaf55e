"""Extension points that let apps plug into the core without the core importing them.

Apps register, in their ``AppConfig.ready()``: navigation entries, panels on the staff and
public home pages, and demo-city seeders. The core only ever iterates what was registered.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse


@dataclass(frozen=True)
class NavItem:
    label: Any
    url_name: str
    order: int = 100
    # None: anyone; otherwise a callable(user) -> bool (a rules predicate works).
    visible: Callable[[Any], bool] | None = None
    public: bool = False
    # One of NAV_GROUPS: the staff menu shows a group's items in one dropdown (#21: the menu
    # fits 1366 px). Empty: the item stands on its own.
    group: str = ""

    @property
    def url(self) -> str:
        """Its address. The layout of every page shows the whole menu, so each name is
        reversed once per URLconf and script prefix rather than on every request."""
        return _reverse_once(
            self.url_name, get_urlconf() or settings.ROOT_URLCONF, get_script_prefix()
        )


@functools.lru_cache(maxsize=256)
def _reverse_once(url_name: str, urlconf: str, prefix: str) -> str:
    # reverse() itself prepends the current script prefix, which is part of the cache key.
    return reverse(url_name, urlconf=urlconf)


@dataclass(frozen=True)
class HomePanel:
    """A block on the home page. ``render(request)`` returns HTML or '' to hide it."""

    key: str
    render: Callable[[Any], str]
    order: int = 100
    public: bool = False


@dataclass(frozen=True)
class ObjectPanel:
    """A block on one object's page, from an app to the right of the page's own app.

    ``model`` is "app_label.model_name"; ``render(request, obj)`` returns HTML or ''.
    """

    key: str
    model: str
    render: Callable[[Any, Any], str]
    order: int = 100


@dataclass(frozen=True)
class DemoSeeder:
    key: str
    seed: Callable[..., None]
    order: int = 100


@dataclass
class _Registry:
    nav: dict[tuple[str, bool], NavItem] = field(default_factory=dict)
    panels: dict[str, HomePanel] = field(default_factory=dict)
    seeders: dict[str, DemoSeeder] = field(default_factory=dict)
    object_panels: dict[str, ObjectPanel] = field(default_factory=dict)


_registry = _Registry()


def register_nav(item: NavItem) -> None:
    _registry.nav[(item.url_name, item.public)] = item


def register_home_panel(panel: HomePanel) -> None:
    _registry.panels[panel.key] = panel


def register_object_panel(panel: ObjectPanel) -> None:
    _registry.object_panels[panel.key] = panel


def object_panels(model: str) -> list[ObjectPanel]:
    return sorted(
        (p for p in _registry.object_panels.values() if p.model == model), key=lambda p: p.order
    )


def register_demo_seeder(seeder: DemoSeeder) -> None:
    _registry.seeders[seeder.key] = seeder


def nav_items(user, *, public: bool) -> list[NavItem]:
    items = [i for i in _registry.nav.values() if i.public == public]
    return sorted((i for i in items if i.visible is None or i.visible(user)), key=lambda i: i.order)


def _nav_groups() -> dict[str, Any]:
    from django.utils.translation import gettext_lazy as _

    return {
        "powers": _("Powers and bases"),
        "disclosure": _("Disclosure"),
        "oversight": _("Supervision"),
    }


NAV_GROUPS = _nav_groups()


@dataclass(frozen=True)
class NavGroup:
    code: str
    label: Any
    items: list[NavItem]
    active: bool = False  # the current page is one of its items


def nav_menu(user, *, public: bool, current: str = "") -> list[NavItem | NavGroup]:
    """The menu as shown: each group's visible items in one dropdown where the first of them
    stood; a group with a single visible item shows that item on its own."""
    items = nav_items(user, public=public)
    grouped: dict[str, list[NavItem]] = {}
    for item in items:
        if item.group:
            grouped.setdefault(item.group, []).append(item)
    menu: list[NavItem | NavGroup] = []
    for item in items:
        members = grouped.get(item.group) if item.group else None
        if not members or len(members) == 1:
            menu.append(item)
        elif members[0] is item:
            label = NAV_GROUPS.get(item.group, item.group)
            active = any(m.url_name == current for m in members)
            menu.append(NavGroup(item.group, label, members, active))
    return menu


def home_panels(*, public: bool) -> list[HomePanel]:
    return sorted(
        (p for p in _registry.panels.values() if p.public == public), key=lambda p: p.order
    )


def demo_seeders() -> list[DemoSeeder]:
    return sorted(_registry.seeders.values(), key=lambda s: s.order)


def register_core() -> None:
    from django.utils.translation import gettext_lazy as _

    from .predicates import is_staff_member

    register_nav(NavItem(_("Home"), "home", order=0, public=True))
    register_nav(NavItem(_("My desk"), "home", order=0, visible=is_staff_member))
    register_home_panel(HomePanel("core.duties", _render_duties, order=1000))


def _render_duties(request) -> str:
    from django.template.loader import render_to_string

    from .roles import ROLE_DUTIES, Role

    duties = [
        (Role(code).label, ROLE_DUTIES[Role(code)])
        for code in sorted(request.user.role_codes)
        if code in Role.values
    ]
    if not duties:
        return ""
    return render_to_string("core/_duties_panel.html", {"duties": duties}, request=request)


# --------------------------------------------------------------------------- events
#
# A lower app announces that something happened (``emit_on_commit("case.decided",
# case=case)``); higher apps registered a listener for it in their ready(). Listeners run
# after the emitting transaction commits, each in its own transaction, so a failing
# listener never undoes the change that was announced; listeners must be idempotent and
# every event must also be reachable by a catch-up job (a crash between commit and
# listener loses nothing for good).

_listeners: dict[str, list[Callable[..., None]]] = {}


def register_listener(event: str, listener: Callable[..., None]) -> None:
    bucket = _listeners.setdefault(event, [])
    if listener not in bucket:
        bucket.append(listener)


def listeners(event: str) -> list[Callable[..., None]]:
    return list(_listeners.get(event, ()))


def emit_on_commit(event: str, **payload: Any) -> None:
    import logging

    from django.db import transaction

    def run() -> None:
        for listener in listeners(event):
            try:
                with transaction.atomic():
                    listener(**payload)
            except Exception:  # a listener's failure is logged; its catch-up job redoes it
                logging.getLogger(__name__).exception("Listener %r for %s failed", listener, event)

    transaction.on_commit(run)
