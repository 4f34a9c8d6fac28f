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

import unicodedata

MAX_LENGTH = 64


def os_account() -> str:
    """The login name of the account this process runs as (`intake.oscompat.login_name`)."""
    from intake.oscompat import login_name

    return login_name()


def normalize_username(name: str) -> str:
    """`name` as users are stored and compared; ValueError (naming the rule) when it cannot be
    one: empty, too long, control characters, or letters from more than one script."""
    # `categories` alone: `confusables.is_mixed_script` is this same test, but importing that
    # module loads a 0.9 MB table of look-alikes (6 MB in memory) the test never reads.
    from confusable_homoglyphs import categories

    text = unicodedata.normalize("NFKC", name).strip().lower()
    if not text or len(text) > MAX_LENGTH:
        raise ValueError(f"username: 1-{MAX_LENGTH} characters")
    if any(unicodedata.category(ch)[0] in "CZ" and ch != " " for ch in text) or " " in text:
        raise ValueError("username: no spaces or control characters")
    if len(categories.unique_aliases(text) - {"COMMON"}) > 1:
        raise ValueError("username: letters from one script only (no mixed alphabets)")
    return text
