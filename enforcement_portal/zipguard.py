"""The XLSX archive read within limits: each member's unpacked size is checked before and
while it is inflated, so a decompression bomb stops at the limit (enforcement_portal.tables)."""

from __future__ import annotations

import copy
import io
import re
import zipfile

from django.utils.translation import gettext as _

# Read lazily by tables._open_workbook, so this module may lean on the tables' own helpers.
from .tables import (
    Limits,
    TableError,
    _cell_too_long,
    _column_index,
    _size,
    _too_many_columns,
    _too_many_rows,
    excerpt,
)

_CELL_REF = re.compile(rb'<c\b[^<>]*?\br="([A-Z]{1,3})([0-9]{1,7})"[^<>]*?(/?)>')


class _GuardedMember(io.RawIOBase):
    """One archive member as it unpacks, counted and watched while openpyxl streams it.

    The zip headers are not trusted: the member may unpack to at most what its header
    declares (a lie is refused at the first byte past it), and in the sheet XML no stretch
    without a tag may be longer than a cell within the limit could need. Cell references
    beyond the row or column limit are refused as they stream past, before openpyxl pads rows.
    """

    CHUNK = 64 * 1024

    def __init__(self, inner, info: zipfile.ZipInfo, limits: Limits, *, sheet: bool, xml: bool):
        super().__init__()
        self._inner = inner
        self._info = info
        self._limits = limits
        self._sheet = sheet
        self._xml = xml
        self._count = 0
        self._run = 0  # bytes since the last "<"
        self._tail = b""  # the end of the last chunk, for a reference cut in two
        self._where: tuple[int, int] | None = None  # (row, column) of the last cell seen
        self._long_run = (
            re.compile(rb"[^<]{%d}" % (limits.text_run_bytes + 1))
            if limits.text_run_bytes < self.CHUNK
            else None
        )

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        data = self._inner.read(min(len(buffer), self.CHUNK))
        if data:
            self._check(data)
        n = len(data)
        buffer[:n] = data
        return n

    def read(self, size: int = -1) -> bytes:
        if size is None or size < 0:
            parts = []
            while chunk := self.read(self.CHUNK):
                parts.append(chunk)
            return b"".join(parts)
        data = self._inner.read(min(size, self.CHUNK))
        if data:
            self._check(data)
        return data

    def close(self) -> None:
        self._inner.close()
        super().close()

    def _check(self, data: bytes) -> None:
        self._count += len(data)
        declared = self._info.file_size
        if self._count > declared or self._count > self._limits.member_bytes:
            raise TableError(
                _(
                    "“%(member)s” in the file unpacks to more than the %(declared)s its header "
                    "declares: the file is damaged or made to attack the portal, and is refused "
                    "(limit %(limit)s per part, TABLE_MAX_MEMBER_BYTES)."
                )
                % {
                    "member": excerpt(self._info.filename, 60),
                    "declared": _size(declared),
                    "limit": _size(self._limits.member_bytes),
                }
            )
        if not self._xml:
            return
        if self._sheet:
            self._cells(data)
        first = data.find(b"<")
        if first < 0:
            self._run += len(data)
        else:
            self._run += first
            long_inside = self._long_run is not None and self._long_run.search(data)
            if self._run <= self._limits.text_run_bytes and long_inside:
                self._run = self._limits.text_run_bytes + 1
            if self._run <= self._limits.text_run_bytes:
                self._run = len(data) - data.rfind(b"<") - 1
        if self._run > self._limits.text_run_bytes:
            if self._where is None:
                raise _cell_too_long(None, None, self._limits)
            row, column = self._where
            raise _cell_too_long(row, column, self._limits)

    def _cells(self, data: bytes) -> None:
        text = self._tail + data
        limits = self._limits
        for match in _CELL_REF.finditer(text):
            row, column = int(match.group(2)), _column_index(match.group(1).decode())
            self._where = (row, column)
            if match.group(3):  # <c .../>: an empty (formatted) cell holds nothing
                continue
            if column > limits.columns:
                raise _too_many_columns(row, column, limits)
            if row > limits.rows:
                raise _too_many_rows(row, limits)
        self._tail = text[-200:]


class _GuardedZip(zipfile.ZipFile):
    """A zip archive whose central directory is checked before anything is unpacked."""

    def __init__(self, file, limits: Limits):
        super().__init__(file)
        self._limits = limits
        infos = self.infolist()
        if len(infos) > limits.members:
            raise TableError(
                _("The file has more than %(limit)d parts; it is refused unread.")
                % {"limit": limits.members}
            )
        for info in infos:
            if info.file_size > limits.member_bytes:
                raise TableError(
                    _(
                        "“%(member)s” in the file unpacks to %(size)s, more than the limit of "
                        "%(limit)s per part (TABLE_MAX_MEMBER_BYTES); it is refused unread."
                    )
                    % {
                        "member": excerpt(info.filename, 60),
                        "size": _size(info.file_size),
                        "limit": _size(limits.member_bytes),
                    }
                )

    def open(self, name, mode="r", pwd=None, *, force_zip64=False):
        if mode != "r":
            return super().open(name, mode, pwd, force_zip64=force_zip64)
        info = name if isinstance(name, zipfile.ZipInfo) else self.getinfo(name)
        # Let the stream run past the declared size so a lie is caught, not cut off quietly.
        unbounded = copy.copy(info)
        unbounded.file_size = self._limits.member_bytes + 1
        inner = super().open(unbounded, mode, pwd)
        lower = info.filename.lower()
        return _GuardedMember(
            inner,
            info,
            self._limits,
            sheet=lower.startswith("xl/worksheets/"),
            xml=lower.endswith((".xml", ".rels", ".vml")),
        )
