"""The audit log (logguppföljning) as lines and as CSV, for `intake audit` and the admin's
audit screen alike: UTC time, username, action, case number (or -), detail. No case content
is in an audit row, so none is in these files; who did what to which case number is, so a
file is written readable by its owner only where file modes exist."""

from __future__ import annotations

import csv
import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from intake.oscompat import OWNER_ONLY_FILE, owner_only_modes

if TYPE_CHECKING:
    from storage.api import AuditEntry

FIELDS = ("at", "username", "action", "case_number", "detail")


def row(entry: AuditEntry) -> tuple[str, str, str, str, str]:
    return (
        entry.at.strftime("%Y-%m-%dT%H:%M:%SZ"),
        entry.username,
        entry.action.value,
        entry.case_number or "-",
        entry.detail,
    )


def line(entry: AuditEntry) -> str:
    """One tab-separated line, as `intake audit` prints it."""
    return "\t".join(row(entry)).rstrip("\t")


def write(entries: Iterable[AuditEntry], stream: TextIO) -> int:
    """CSV with a header, for the municipality's yearly review; the number of rows."""
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(FIELDS)
    count = 0
    for entry in entries:
        writer.writerow(row(entry))
        count += 1
    return count


def save(entries: Iterable[AuditEntry], path: Path) -> int:
    """Write the CSV to a new file at `path` (owner-only where modes exist) and return the
    number of rows; an existing file is never overwritten (FileExistsError). `entries` may be
    read page by page while the file is written."""
    mode = OWNER_ONLY_FILE if owner_only_modes() else 0o666
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, mode)
    with os.fdopen(fd, "w", encoding="utf-8", newline="") as stream:
        return write(entries, stream)
