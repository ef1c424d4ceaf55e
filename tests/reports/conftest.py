import pytest


@pytest.fixture(autouse=True)
def _cheap_challenge(settings):
    # Tests solve the proof of work in Python: keep it small.
    settings.REPORTS_CHALLENGE_BITS = 6
