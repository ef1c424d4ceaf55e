"""List contents in the permission matrix (issue #17, item 3).

``/oversight/reports/`` listed subjects, the reported agency and named officers to a registry
reviewer while the report's page refused him: the list was scoped by "reads across agencies",
the detail by the report rule. The class of the bug is "a list filtered by another rule than
its detail". This second row type of the matrix checks which objects a list shows, not only
its status: for every list view, every role, and each agency's object of the fixture world,
the object appears in the list (a link to its page) exactly when its page answers that role
with 200 in the matrix table (``EXPECTED`` of test_permission_matrix.py).

Table cells, one per role in the matrix's column order: "A" the own agency's object is
listed, "B" the other agency's, "AB" both, "-" neither, "L"/"F"/"N" the list itself answered
with a sign-in redirect, 403 or 404.
"""

from __future__ import annotations

import inspect
import re

import pytest
from django.urls import reverse
from django.views.generic import ListView

from .matrix import AGENCY_ARGS, code_of, is_skipped, request, session_cookies, walk
from .test_permission_matrix import EXPECTED
from .world import ROLES

# list URL name -> the detail URL name whose object the list rows link to.
LIST_DETAIL = {
    "powers:power_list": "powers:power_detail",
    "powers:batch_list": "powers:batch_detail",
    "discretion:list": "discretion:detail",
    "workflows:case_list": "workflows:case_detail",
    "workflows:template_list": "workflows:template_detail",
    "disclosure:agencies": "disclosure:agency",
    "disclosure:standards": "disclosure:standard",
    "disclosure:annual_reports": "disclosure:annual_report",
    "disclosure:decisions": "disclosure:decision",
    "disclosure:publications": "disclosure:publication",
    "oversight:legal_reviews": "oversight:legal_case",
    "oversight:warnings": "oversight:warning",
    "reports:reports": "reports:report",
    "oversight:supervision": "oversight:supervision_record",
}

# List views whose rows are not one agency's objects, each with the reason.
NOT_AGENCY_LISTS = {
    "powers:regulation_list": "regulations are the city's, read by every staff member",
    "powers:provision_search": "searches regulations' provisions, which are the city's",
    "powers:regulation_requests": "laws to add to the city's ledger, for the registry reviewer "
    "only (matrix row); no agency detail page",
    "discretion:outcome_lists": "the filer's own agency's list entries, withdrawn in place (no "
    "detail page); the withdraw row of the matrix holds the rule, the public page shows them",
    "oversight:inbox": "a user's own messages only (tests/oversight/test_inbox.py checks another "
    "user's message is refused)",
    "workflows:public_flow_list": "lists ready-made (city) templates and published flows only",
    "oversight:evaluations": "evaluation periods are city-wide, not an agency's",
    "reports:reward_ledger": "reward decisions; no agency object (the world has none), "
    "and the page is for supervisors only (matrix row)",
    "disclosure:agency": "an agency's public page; its list is of that agency's public powers, "
    "each open to everyone (disclosure:power's row)",
    "disclosure:inspection_items": "a filer's own agency's items, edited in place: no detail "
    "page exists, the update page's matrix row holds the rule",
}

# fmt: off
EXPECTED_LISTS: dict[str, str] = {
    "powers:power_list":         "L - A A A A - AB AB AB",
    "powers:batch_list":         "L - A A A A - AB AB AB",
    "discretion:list":           "L F A A A A - AB AB AB",
    "workflows:case_list":       "L F A A A A - AB AB AB",
    "workflows:template_list":   "L F A A A A - AB AB AB",
    "disclosure:agencies":       "AB AB AB AB AB AB AB AB AB AB",
    "disclosure:standards":      "AB AB AB AB AB AB AB AB AB AB",
    "disclosure:annual_reports": "AB AB AB AB AB AB AB AB AB AB",
    "disclosure:decisions":      "AB AB AB AB AB AB AB AB AB AB",
    "disclosure:publications":   "L F A A F A F F F F",
    "oversight:legal_reviews":   "L N A A A A - AB AB AB",
    "oversight:warnings":        "L N A A A A - AB AB AB",
    "reports:reports":         "L F F F F F AB F AB F",
    "oversight:supervision":     "L F F F F A F F AB AB",
}
# fmt: on


def _is_list_view(route) -> bool:
    view = getattr(route.pattern.callback, "view_class", None)
    if view is None:
        return False
    if issubclass(view, ListView) or view.__name__.endswith("ListView"):
        return True
    source = inspect.getsource(view)
    return "keyset_page(" in source or "paginate" in source


def list_names() -> list[str]:
    return sorted(r.name for r in walk() if not is_skipped(r.name) and _is_list_view(r))


def _links_to(html: str, path: str) -> bool:
    return re.search(r'href="' + re.escape(path) + r'["?#]', html) is not None


def test_every_list_view_has_a_contents_rule():
    names = list_names()
    assert "reports:reports" in names and "powers:power_list" in names
    missing = [n for n in names if n not in LIST_DETAIL and n not in NOT_AGENCY_LISTS]
    assert not missing, f"list views without a contents row (LIST_DETAIL): {missing}"
    assert set(LIST_DETAIL) <= set(EXPECTED)


def measure_lists(world) -> dict[str, str]:
    cookies = session_cookies(world)
    table = {}
    for name, detail in LIST_DETAIL.items():
        paths = {
            "A": reverse(detail, kwargs=AGENCY_ARGS[detail](world.own)),
            "B": reverse(detail, kwargs=AGENCY_ARGS[detail](world.other)),
        }
        cells = []
        for role in ROLES:
            response = request(reverse(name), cookies[role], "GET")
            code = code_of(response)
            if code != "2":
                cells.append(code)
                continue
            html = response.content.decode()
            shown = "".join(side for side, path in paths.items() if _links_to(html, path))
            cells.append(shown or "-")
        table[name] = " ".join(cells)
    return table


def detail_rule(name: str) -> str:
    """What the table says the detail answers: per role, the sides whose page is 200."""
    row = EXPECTED[LIST_DETAIL[name]]
    return " ".join(
        "".join(side for side in "AB" if row[side][i] == "2") or "-" for i in range(len(ROLES))
    )


@pytest.mark.django_db
def test_every_list_shows_exactly_what_its_detail_allows(world_db):
    observed = measure_lists(world_db)
    to_fix = [
        f'    "{name}": "{cells}",'
        for name, cells in observed.items()
        if EXPECTED_LISTS.get(name) != cells
    ]
    assert not to_fix, "list contents differ from EXPECTED_LISTS:\n" + "\n".join(to_fix)
    leaks = []
    for name, cells in observed.items():
        rule = detail_rule(name).split()
        for role, cell, allowed in zip(ROLES, cells.split(), rule, strict=True):
            if cell in "LFN":
                continue
            if cell != allowed:
                leaks.append(f"{name} for {role}: lists {cell}, the detail allows {allowed}")
    assert not leaks, "lists and details disagree:\n" + "\n".join(leaks)
