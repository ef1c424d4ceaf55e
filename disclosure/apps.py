from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DisclosureConfig(AppConfig):
    name = "disclosure"
    verbose_name = _("Public disclosure")

    def ready(self) -> None:
        from enforcement_portal.predicates import has_role
        from enforcement_portal.registry import (
            DemoSeeder,
            HomePanel,
            NavItem,
            register_demo_seeder,
            register_home_panel,
            register_listener,
            register_nav,
        )
        from enforcement_portal.roles import Role

        from . import demo, demo_year

        register_nav(
            NavItem(_("Agencies and powers"), "disclosure:agencies", order=10, public=True)
        )
        register_nav(
            NavItem(_("Certificate check"), "disclosure:certificate_check", order=20, public=True)
        )
        register_nav(NavItem(_("Decisions"), "disclosure:decisions", order=15, public=True))
        register_nav(
            NavItem(_("Annual statistics"), "disclosure:annual_reports", order=18, public=True)
        )
        register_nav(
            NavItem(_("Discretion standards"), "disclosure:standards", order=12, public=True)
        )
        register_nav(
            NavItem(
                _("Publication"),
                "disclosure:publications",
                order=55,
                visible=has_role(
                    Role.CASE_OFFICER,
                    Role.AGENCY_LEADER,
                    Role.AGENCY_FILER,
                    Role.PUBLICITY_OFFICER,
                ),
                group="disclosure",
            )
        )
        register_nav(
            NavItem(
                _("Random-inspection list"),
                "disclosure:inspection_items",
                order=60,
                visible=has_role(Role.AGENCY_FILER),
                group="disclosure",
            )
        )
        register_demo_seeder(
            DemoSeeder("disclosure.inspection", demo.seed_inspection_items, order=50)
        )
        register_demo_seeder(DemoSeeder("disclosure.decisions", demo.seed_decisions, order=90))
        register_demo_seeder(
            DemoSeeder("disclosure.year", demo_year.seed_year_publications, order=91)
        )
        register_home_panel(HomePanel("disclosure.deadlines", render_deadline_panel, order=50))
        register_listener("case.decided", _on_case_decided)
        register_listener("decision.revoked", _on_decision_revoked)


def render_deadline_panel(request) -> str:
    from django.template.loader import render_to_string

    from enforcement_portal.roles import Role

    from .selectors import publication_deadlines

    user = request.user
    if not (
        user.reads_across_agencies
        or user.has_role(
            Role.CASE_OFFICER, Role.AGENCY_LEADER, Role.AGENCY_FILER, Role.PUBLICITY_OFFICER
        )
    ):
        return ""
    counts = publication_deadlines(user)
    return render_to_string("disclosure/_deadline_panel.html", {"counts": counts}, request=request)


def _on_case_decided(**payload) -> None:
    from .cases import on_case_decided

    on_case_decided(**payload)


def _on_decision_revoked(**payload) -> None:
    from .cases import on_decision_revoked

    on_decision_revoked(**payload)
