"""verify_chain in parallel ranges finds the same first break as a single walk."""

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from enforcement_portal.audit import ChainBreak, audit_append, verify_chain, verify_workers
from enforcement_portal.models import AuditEvent
from tests.core.test_audit import _tamper
from tests.factories import OfficerFactory

RANGE = 4  # ranges seq 1-4, 5-8, 9-12 (the last one open-ended)


@pytest.fixture
def chain(require_postgres, transactional_db):
    officer = OfficerFactory()
    events = [
        audit_append(
            action="test.parallel",
            obj=officer if i % 2 else None,
            changes={"i": i, "名称": "测试", "nested": {"b": [1, 2.5, None], "a": True}},
        )
        for i in range(12)
    ]
    return {e.seq: e for e in events}


def _both(**kwargs):
    """The parallel walk's items and the single walk's last item."""
    parallel = list(verify_chain(workers=2, range_size=RANGE, **kwargs))
    single = list(verify_chain(workers=1))[-1]
    return parallel, single


def test_an_intact_chain_verifies_in_parallel(chain):
    parallel, single = _both()
    assert parallel[-1] == single == 12
    assert not any(isinstance(item, ChainBreak) for item in parallel)
    # Progress comes range by range, in sequence order.
    assert [i for i in parallel if isinstance(i, int)] == [4, 8, 12, 12]


def _break(chain, sql, seq):
    _tamper(sql, [chain[seq].pk])
    parallel, single = _both()
    assert isinstance(parallel[-1], ChainBreak)
    assert parallel[-1] == single
    return parallel[-1]


def test_a_break_at_a_range_boundary(chain):
    brk = _break(chain, "UPDATE core_auditevent SET prev_hash = repeat('a', 64) WHERE id = %s", 5)
    assert (brk.seq, brk.reason) == (5, "link to the previous event is broken")


def test_an_altered_last_row_of_a_range(chain):
    brk = _break(chain, "UPDATE core_auditevent SET action = 'forged' WHERE id = %s", 4)
    assert (brk.seq, brk.reason) == (4, "content does not match its hash")


def test_a_break_in_the_middle_of_the_second_range(chain):
    brk = _break(chain, "UPDATE core_auditevent SET changes = '{\"i\": 99}' WHERE id = %s", 6)
    assert (brk.seq, brk.event_id, brk.reason) == (
        6,
        chain[6].pk,
        "content does not match its hash",
    )


def test_a_deleted_last_row_of_a_range(chain):
    brk = _break(chain, "DELETE FROM core_auditevent WHERE id = %s", 4)
    assert (brk.seq, brk.event_id, brk.reason) == (5, chain[5].pk, "expected sequence 4")


def test_a_deleted_first_row_of_a_range(chain):
    brk = _break(chain, "DELETE FROM core_auditevent WHERE id = %s", 5)
    assert (brk.seq, brk.reason) == (6, "expected sequence 5")


def test_a_deleted_whole_range(chain):
    _tamper("DELETE FROM core_auditevent WHERE seq BETWEEN %s AND %s", [5, 8])
    parallel, single = _both()
    assert parallel[-1] == single == ChainBreak(9, chain[9].pk, "expected sequence 5")


def test_deleted_tail_is_not_a_break(chain):
    # Deleting the newest events leaves a shorter intact chain; the exported heads catch it.
    _tamper("DELETE FROM core_auditevent WHERE seq > %s", [10])
    parallel, single = _both()
    assert parallel[-1] == single == 10


def test_the_first_break_wins(chain):
    _tamper("UPDATE core_auditevent SET action = 'forged' WHERE id = %s", [chain[11].pk])
    _tamper("UPDATE core_auditevent SET action = 'forged' WHERE id = %s", [chain[7].pk])
    parallel, single = _both()
    assert parallel[-1] == single == ChainBreak(7, chain[7].pk, "content does not match its hash")
    assert [i for i in parallel if isinstance(i, int)] == [4, 6]


def test_the_command_takes_workers(chain, capsys):
    call_command("verify_audit", "--workers", "2")
    assert "intact: 12 events" in capsys.readouterr().out
    _tamper("DELETE FROM core_auditevent WHERE id = %s", [chain[2].pk])
    with pytest.raises(CommandError, match=r"seq=3 .*expected sequence 2"):
        call_command("verify_audit", "--workers", "2")


def test_one_worker_inside_a_transaction(chain):
    assert verify_workers(2) == 2
    with transaction.atomic():
        assert verify_workers(2) == 1  # other processes would not see uncommitted rows
        assert list(verify_chain(workers=2, range_size=RANGE))[-1] == 12
    assert AuditEvent.objects.count() == 12
