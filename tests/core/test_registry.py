"""Events: listeners run after the emitting transaction commits, and only then."""

import pytest
from django.db import transaction

from enforcement_portal.registry import emit_on_commit, listeners, register_listener


@pytest.mark.django_db(transaction=True)
def test_listeners_run_after_commit_and_not_after_rollback():
    seen = []

    def listener(**payload):
        seen.append(payload["n"])

    def broken(**payload):
        raise RuntimeError("a failing listener does not stop the others")

    register_listener("test.event", broken)
    register_listener("test.event", listener)
    register_listener("test.event", listener)  # registering twice is harmless
    assert listeners("test.event").count(listener) == 1

    with transaction.atomic():
        emit_on_commit("test.event", n=1)
        assert seen == []
    assert seen == [1]

    with pytest.raises(ZeroDivisionError), transaction.atomic():
        emit_on_commit("test.event", n=2)
        1 / 0  # noqa: B018
    assert seen == [1]
