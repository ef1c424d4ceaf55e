"""Extension points that let apps plug into the core without the core importing them.

Apps register, in their ``AppConfig.ready()``: navigation entries, panels on the staff and
public home pages, and demo-city seeders. The core only ever iterates what was registered.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class NavItem:
    label: Any
    url_name: str
    order: int = 100
    # None: anyone; otherwise a callable(user) -> bool (a rules predicate works).
    visible: Callable[[Any], bool] | None = None
    public: bool = False


@dataclass(frozen=True)
class HomePanel:
    """A block on the home page. ``render(request)`` returns HTML or '' to hide it."""

    key: str
    render: Callable[[Any], str]
    order: int = 100
    public: bool = False


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


_registry = _Registry()


def register_nav(item: NavItem) -> None:
    _registry.nav[(item.url_name, item.public)] = item


def register_home_panel(panel: HomePanel) -> None:
    _registry.panels[panel.key] = panel


def register_demo_seeder(seeder: DemoSeeder) -> None:
    _registry.seeders[seeder.key] = seeder


def nav_items(user, *, public: bool) -> list[NavItem]:
    items = [i for i in _registry.nav.values() if i.public == public]
    return sorted((i for i in items if i.visible is None or i.visible(user)), key=lambda i: i.order)


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
