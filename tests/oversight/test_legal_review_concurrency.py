"""Two handlers submitting the same case at once, and two reviewers concluding one review at
once: exactly one wins, nothing is doubled."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from oversight.models import LegalReview
from tests.oversight.legal_factories import conclude, reviewer_for, submit, world

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _race(fn, args):
    barrier = threading.Barrier(len(args))
    outcomes = []

    def act(arg):
        try:
            barrier.wait()
            fn(arg)
            outcomes.append("ok")
        except ValidationError as exc:
            outcomes.append(exc.messages[0])
        finally:
            connection.close()

    threads = [threading.Thread(target=act, args=(a,)) for a in args]
    for t in threads:
        t.start()
    for t in threads:
        t.join(20)
    return outcomes


def test_concurrent_submissions_and_conclusions(require_postgres):
    w = world()
    outcomes = _race(lambda _n: submit(w), [1, 2])
    assert outcomes.count("ok") == 1 and len(outcomes) == 2
    review = LegalReview.objects.get(case=w.case)
    second_reviewer = reviewer_for(w.agency)
    outcomes = _race(
        lambda user: conclude(review, user, LegalReview.Status.AGREED),
        [w.reviewer, second_reviewer],
    )
    assert outcomes.count("ok") == 1 and len(outcomes) == 2
    review.refresh_from_db()
    assert review.status == LegalReview.Status.AGREED
    assert w.case.events.filter(kind="legal_review").count() == 2  # one submit, one conclusion
