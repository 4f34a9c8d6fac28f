"""Configurations intake refuses to start in, because they would let the data leave the desk
or be read by others (issue 18.4), each with the fix in the message:

- an embedded database file (or its -wal/-shm companions, or its folder) that other accounts
  on the machine may read or write: POSIX modes beyond the owner's. On Windows modes mean
  nothing (the profile folder's ACL protects the file, see `intake.oscompat`), so nothing
  is checked there;
- a PostgreSQL server on another host reached without TLS: `sslmode` must be `require`,
  `verify-ca` or `verify-full` (in the URL, or PGSSLMODE as libpq reads it), unless IT staff
  allow it explicitly with the `allow_unencrypted_database` setting
  (INTAKE_ALLOW_UNENCRYPTED_DATABASE=1), for a network protected another way. A local
  server (a Unix socket, localhost, a loopback address) needs no TLS.

The app, plain mode and the commands all call `check` before opening the database and end
with exit status 2 and the one line of `UnsafeConfiguration.message`. Nothing personal is in
it: a path and a host name, which IT staff need to fix it.
"""

from __future__ import annotations

import ipaddress
import os
from pathlib import Path
from typing import TYPE_CHECKING

from intake.oscompat import readable_by_others

if TYPE_CHECKING:
    from intake.settings import Settings

TLS_MODES = frozenset({"require", "verify-ca", "verify-full"})
ALLOW_SETTING = "INTAKE_ALLOW_UNENCRYPTED_DATABASE=1"

_MESSAGES: dict[str, tuple[str, str]] = {
    # (Swedish, English)
    "file_mode": (
        "Databasen kan läsas av andra konton på datorn: {path}. intake startar inte förrän "
        "den är privat: chmod {mode} {path}",
        "the database can be read by other accounts on this computer: {path}; intake will "
        "not start until it is private: chmod {mode} {path}",
    ),
    "no_tls": (
        "Databasservern {host} nås utan kryptering (TLS). Lägg till sslmode=verify-full "
        "(eller require) i databasadressen, eller tillåt det uttryckligen med {setting} om "
        "nätet skyddas på annat sätt.",
        "the database server {host} is reached without encryption (TLS); add "
        "sslmode=verify-full (or require) to the database URL, or allow it explicitly with "
        "{setting} if the network is protected another way",
    ),
}


class UnsafeConfiguration(Exception):
    """intake must not start like this; `message(lang)` says why and how to fix it."""

    def __init__(self, code: str, **values: str) -> None:
        self.code = code
        self.values = values
        super().__init__(self.message("en"))

    def message(self, lang: str) -> str:
        sv, en = _MESSAGES[self.code]
        return (sv if lang == "sv" else en).format(**self.values)


def check(database_url: str, *, allow_unencrypted: bool = False) -> None:
    """Raise `UnsafeConfiguration` if the database at `database_url` is set up unsafely.
    A URL that cannot be read is left to the repository, which says what is wrong with it."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        url = make_url(database_url)
        url.port  # noqa: B018 - a port that is not a number raises here
    except (ArgumentError, ValueError):
        return
    if url.get_backend_name() == "sqlite":
        if url.database and url.database != ":memory:" and not url.database.startswith("file:"):
            check_private(Path(url.database))
    elif url.get_backend_name() == "postgresql" and not allow_unencrypted:
        hosts = _query_values(url.query.get("host")) or [url.host or os.environ.get("PGHOST", "")]
        sslmode = (_query_values(url.query.get("sslmode")) or [os.environ.get("PGSSLMODE", "")])[0]
        remote = [h for host in hosts for h in host.split(",") if not _is_local(h)]
        if remote and sslmode not in TLS_MODES:
            raise UnsafeConfiguration("no_tls", host=remote[0], setting=ALLOW_SETTING)


def check_settings(settings: Settings) -> None:
    """`check` for the database the settings name."""
    check(settings.database_url, allow_unencrypted=settings.allow_unencrypted_database)


def check_private(path: Path) -> None:
    """The database file, its -wal and -shm files and its folder: readable by the owner only
    (where modes exist). A file not made yet is fine: it is created owner-only."""
    companions = [path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")]
    for target, mode in [*((p, "600") for p in companions), (path.parent, "700")]:
        try:
            loose = readable_by_others(target)
        except OSError:  # missing (or unreadable: the repository says which)
            continue
        if loose:
            raise UnsafeConfiguration("file_mode", path=str(target), mode=mode)


def _query_values(value: str | tuple[str, ...] | None) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def _is_local(host: str) -> bool:
    """A Unix socket (a path, or no host at all), localhost, or a loopback address."""
    host = host.strip().strip("[]")
    if not host or host.startswith("/") or host.startswith("@") or host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
