"""The embedded database's file: created readable by its owner only, and refused when it is
a folder or an empty file (a zero-byte file is not a database intake made: silently starting
a new, empty one in its place would hide that the data is gone)."""

from __future__ import annotations

import errno
import os
import time
from pathlib import Path

from intake.oscompat import OWNER_ONLY_FILE, owner_only_modes, private_dir
from storage.api import DatabaseFault

# Another process that has just created the file writes its header within milliseconds.
_EMPTY_FILE_GRACE_S = 1.0


def prepare_database_file(path: Path) -> None:
    """Check `path` before SQLite opens it; a new file (and its folder) is created owner-only
    where file modes exist (on Windows the profile folder's ACL protects it: see
    `intake.oscompat` and docs/deployment.md)."""
    try:
        if path.is_dir():
            raise DatabaseFault("is_directory")
        if not path.exists():
            private_dir(path.parent)
            _create_owner_only(path)
        elif path.stat().st_size == 0 and not _grows(path):
            raise DatabaseFault("empty_file")
        elif not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)):
            # WAL mode writes beside the file (-wal, -shm) even to read it.
            raise DatabaseFault("read_only")
    except OSError as exc:
        read_only = exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS)
        raise DatabaseFault("read_only" if read_only else "cannot_open") from None


def _create_owner_only(path: Path) -> None:
    mode = OWNER_ONLY_FILE if owner_only_modes() else 0o666
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, mode)
    except FileExistsError:  # another process created it at the same moment
        return
    os.close(fd)


def _grows(path: Path) -> bool:
    """Whether the empty file at `path` is being written (by another process that has just
    created it), within a short grace period."""
    deadline = time.monotonic() + _EMPTY_FILE_GRACE_S
    while time.monotonic() < deadline:
        time.sleep(0.05)
        if path.stat().st_size > 0:
            return True
    return False
