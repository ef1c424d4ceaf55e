"""Two officers moving the same case at once: one wins, the other is told to reload."""

import threading

import pytest
from django.db import connection

from workflows.exceptions import CaseChanged
from workflows.models import Case
from workflows.services.cases import case_advance

from .factories import case_officer, open_case, penalty_power

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_concurrent_transitions_on_postgresql(require_postgres):
    power = penalty_power()
    first, second = case_officer(power.agency), case_officer(power.agency)
    case = open_case(power, user=first)
    seen_version = case.version
    barrier = threading.Barrier(2)
    outcomes: dict[str, str] = {}

    def act(name, user):
        try:
            barrier.wait()
            case_advance(
                case=Case.objects.get(pk=case.pk), user=user, expected_version=seen_version
            )
            outcomes[name] = "moved"
        except CaseChanged as exc:
            outcomes[name] = exc.messages[0]
        finally:
            connection.close()

    threads = [threading.Thread(target=act, args=(n, u)) for n, u in (("a", first), ("b", second))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(20)
    assert list(outcomes.values()).count("moved") == 1
    loser = [v for v in outcomes.values() if v != "moved"]
    assert len(loser) == 1 and ("reload" in loser[0] or "刷新" in loser[0])
    case.refresh_from_db()
    assert case.current_node.code == "investigation"
    assert case.version == seen_version + 1
    assert case.visits.count() == 2  # one move, nothing doubled and nothing lost
    assert case.events.filter(kind="advance").count() == 1
