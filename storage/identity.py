"""Who is working: on a single desk the operating-system account, never a name typed into the
app; on a shared PostgreSQL database the connection's `session_user`.

`os_account()` is the one place the account is read (tests replace it). It does not trust
the environment: `getpass.getuser()` reads $USER/$LOGNAME first, which anyone can set, so
POSIX asks the password database for the process's real user id, and Windows asks the
system (`os.getlogin`, GetUserNameW).

User names are normalised before they are stored or compared: NFKC (so a full-width or
ligature form is the plain letter), trimmed, lower case, and refused when they mix scripts
("аnna" with a Cyrillic а would otherwise pose as "anna").
"""

from __future__ import annotations

import bisect
import functools
import json
import unicodedata
from importlib import resources

MAX_LENGTH = 64


@functools.cache
def _script_table() -> tuple[list[int], list[tuple[int, str]]]:
    """confusable_homoglyphs' table of Unicode scripts: the first code point of each range,
    and each range's (last code point, script). Read from its data file: importing its modules
    brings urllib, http and email (1.8 MB in the running app) for a download it never does."""
    path = resources.files("confusable_homoglyphs").joinpath("categories.json")
    data = json.loads(path.read_text("utf-8"))
    names = data["iso_15924_aliases"]
    ranges = data["code_points_ranges"]
    return [r[0] for r in ranges], [(r[1], names[r[2]]) for r in ranges]


def scripts(text: str) -> set[str]:
    """The scripts `text` is written in, COMMON (digits, punctuation) left out: the same as
    confusable_homoglyphs' `categories.unique_aliases(text) - {"COMMON"}`."""
    starts, ranges = _script_table()
    found = set()
    for ch in text:
        index = bisect.bisect_right(starts, ord(ch)) - 1
        last, script = ranges[index] if index >= 0 else (-1, "")
        found.add(script if ord(ch) <= last else "Unknown")
    return found - {"COMMON"}


def os_account() -> str:
    """The login name of the account this process runs as (`intake.oscompat.login_name`)."""
    from intake.oscompat import login_name

    return login_name()


def normalize_username(name: str) -> str:
    """`name` as users are stored and compared; ValueError (naming the rule) when it cannot be
    one: empty, too long, control characters, or letters from more than one script."""
    text = unicodedata.normalize("NFKC", name).strip().lower()
    if not text or len(text) > MAX_LENGTH:
        raise ValueError(f"username: 1-{MAX_LENGTH} characters")
    if any(unicodedata.category(ch)[0] in "CZ" and ch != " " for ch in text) or " " in text:
        raise ValueError("username: no spaces or control characters")
    if len(scripts(text)) > 1:  # as confusable_homoglyphs' is_mixed_script
        raise ValueError("username: letters from one script only (no mixed alphabets)")
    return text
