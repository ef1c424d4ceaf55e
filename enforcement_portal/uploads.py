"""Stored files that never outlive the transaction that wrote them.

Files live in storage, rows in the database, and the two do not commit together. Two layers
keep them in step:

- ``atomic`` is ``transaction.atomic`` that also deletes every file ``store`` saved inside it
  when an exception leaves the block (the service failed after writing the file: a refused
  check, a lost race, a database error);
- ``sweep`` is the backstop for what no exception reports (the process was killed, an outer
  transaction rolled back later): it deletes files older than a grace period that no
  ``FileField`` of any model names. A daily job runs it (``core.sweep_orphan_uploads``), and
  ``manage.py sweep_orphan_uploads`` runs it by hand.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.core.files.storage import Storage, default_storage
from django.db import models, transaction
from django.utils import timezone

logger = logging.getLogger(__name__)

_written: contextvars.ContextVar[list[tuple[Storage, str]] | None] = contextvars.ContextVar(
    "uploads_written", default=None
)


def store(fieldfile, name: str, content) -> str:
    """Save ``content`` to ``fieldfile`` (without saving its row); returns the stored name.

    Inside ``atomic`` the file is removed again if the block fails.
    """
    fieldfile.save(name, content, save=False)
    written = _written.get()
    if written is not None:
        written.append((fieldfile.storage, fieldfile.name))
    return fieldfile.name


class atomic(contextlib.ContextDecorator):
    """``transaction.atomic`` that removes the files stored inside it when it fails."""

    def __init__(self, using: str | None = None):
        self.using = using

    def __enter__(self):
        self._files: list[tuple[Storage, str]] = []
        self._token = _written.set(self._files)
        self._atomic = transaction.atomic(using=self.using)
        self._atomic.__enter__()
        return self

    def __exit__(self, exc_type, exc, tb):
        try:
            return self._atomic.__exit__(exc_type, exc, tb)
        finally:
            _written.reset(self._token)
            outer = _written.get()
            if exc_type is not None:
                _remove(self._files)
            elif outer is not None:
                # A failure of the enclosing block removes these too.
                outer.extend(self._files)

    def _recreate_cm(self):
        return type(self)(self.using)


def _remove(files: list[tuple[Storage, str]]) -> None:
    for storage, name in files:
        try:
            storage.delete(name)
        except OSError:  # the sweep will find it
            logger.warning("Could not remove %s after a failed transaction", name)


def file_fields() -> Iterator[tuple[type[models.Model], str]]:
    """Every concrete FileField (and ImageField) of every installed model."""
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        for f in model._meta.concrete_fields:
            if isinstance(f, models.FileField):
                yield model, f.name


def referenced_names() -> set[str]:
    """The stored names the database refers to: one query per file field."""
    names: set[str] = set()
    for model, name in file_fields():
        names.update(
            model._default_manager.exclude(**{name: ""})
            .exclude(**{f"{name}__isnull": True})
            .values_list(name, flat=True)
        )
    return names


def _walk(storage: Storage, folder: str = "") -> Iterator[str]:
    try:
        dirs, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in files:
        yield f"{folder}/{name}" if folder else name
    for sub in dirs:
        yield from _walk(storage, f"{folder}/{sub}" if folder else sub)


@dataclass
class SweepResult:
    deleted: list[str] = field(default_factory=list)
    kept_young: int = 0
    referenced: int = 0


def grace() -> dt.timedelta:
    """How old an unreferenced file must be before the sweep deletes it (in-flight uploads)."""
    return dt.timedelta(hours=float(getattr(settings, "UPLOAD_ORPHAN_GRACE_HOURS", 24)))


def sweep(
    *,
    storage: Storage | None = None,
    older_than: dt.timedelta | None = None,
    dry_run: bool = False,
) -> SweepResult:
    """Delete stored files no row refers to and older than ``older_than`` (default ``grace()``).

    The names are read before the listing, so a file stored and committed during the sweep is
    young and kept.
    """
    storage = storage or default_storage
    cutoff = timezone.now() - (older_than if older_than is not None else grace())
    known = referenced_names()
    result = SweepResult()
    for name in _walk(storage):
        if name in known:
            result.referenced += 1
            continue
        if storage.get_modified_time(name) > cutoff:
            result.kept_young += 1
            continue
        if not dry_run:
            storage.delete(name)
        result.deleted.append(name)
    return result
