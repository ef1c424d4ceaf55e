"""The security tests' fixture world, built once per module inside a transaction that is
rolled back at the end (so it never leaks into other tests)."""

import pytest
from django.db import transaction
from django.test import override_settings

from .world import build_world


@pytest.fixture(scope="module")
def world_media(tmp_path_factory):
    return tmp_path_factory.mktemp("world-media")


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, world_media):
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=world_media),
        transaction.atomic(),
    ):
        built = build_world()
        yield built
        transaction.set_rollback(True)


@pytest.fixture
def world_db(world, world_media, django_db_blocker, settings, db):
    """Database access for a test that reads the module's world.

    Asking for ``db`` also tells pytest-django that the session needs the test database: it
    creates it only for sessions with a test that does, so a module run on its own otherwise
    met the development database's name ("relation does not exist"). The per-test
    transaction nests inside the module's world as a savepoint.
    """
    settings.MEDIA_ROOT = world_media  # the world's files, not the per-test folder
    with django_db_blocker.unblock():
        yield world


@pytest.fixture(autouse=True)
def _cheap_challenge(settings):
    # The public report form's proof of work is solved in Python by the tests: keep it small.
    settings.REPORTS_CHALLENGE_BITS = 6
