"""Cleaning of text typed or pasted by staff, applied at every boundary where text enters.

Why: a stored escape sequence (CSI, OSC) would replay in every terminal that later shows the
case, and a bidi override can make a name or a date read differently from what is stored.
"""

from __future__ import annotations

import re
import unicodedata

# Whole ANSI/VT sequences first, so that their parameters do not survive as visible junk.
_ESCAPE_SEQUENCES = re.compile(
    r"""
    \x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?      # OSC ... BEL or ST (or unterminated)
    | \x1b[P_^X][^\x1b]*(?:\x1b\\)?          # DCS, APC, PM, SOS ... ST
    | \x1b\[[0-?]*[ -/]*[@-~]                # CSI
    | \x9b[0-?]*[ -/]*[@-~]                  # 8-bit CSI
    | \x1b[ -/]*[0-~]                        # two/three-byte escapes
    """,
    re.VERBOSE,
)

# Bidirectional controls (embeddings, overrides, isolates, marks) and other invisible formatters
# that can disguise text. Zero-width joiner is kept: it is part of some scripts and emoji.
_BIDI_AND_INVISIBLE = dict.fromkeys(
    [
        *range(0x202A, 0x202F),  # LRE RLE PDF LRO RLO
        *range(0x2066, 0x206A),  # LRI RLI FSI PDI
        0x200E,
        0x200F,
        0x061C,  # LRM RLM ALM
        0x200B,
        0x2060,
        0xFEFF,  # zero-width space, word joiner, BOM
    ]
)

SHORT_TEXT_MAX = 200
LONG_TEXT_MAX = 200_000


def clean_text(value: str, *, multiline: bool = False) -> str:
    """Return `value` without escape sequences, control characters or bidi controls, in NFC.

    Newlines and tabs survive only in multiline fields (an account, a note); elsewhere they
    become a space. Leading and trailing white space is removed.
    """
    if value.isprintable():
        # No control, format (bidi) or separator characters: only normalisation is left.
        # Most answers take this path; it keeps validation fast.
        cleaned = unicodedata.normalize("NFC", value)
        if not multiline and "  " in cleaned:
            cleaned = re.sub(r" {2,}", " ", cleaned)
        return cleaned.strip()
    text = _ESCAPE_SEQUENCES.sub("", value)
    text = text.translate(_BIDI_AND_INVISIBLE)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    out: list[str] = []
    for ch in text:
        if ch in "\n\t":
            out.append(ch if multiline else " ")
            continue
        category = unicodedata.category(ch)
        if category == "Cc" or category == "Cs" or category == "Co":
            continue
        if ch in ("\u2028", "\u2029"):
            out.append("\n" if multiline else " ")
            continue
        out.append(ch)
    cleaned = unicodedata.normalize("NFC", "".join(out))
    if not multiline:
        cleaned = re.sub(r" {2,}", " ", cleaned)
    return cleaned.strip()


def fold(value: str) -> str:
    """Lower-case, strip accents (å→a, ä→a, ö→o, é→e) and collapse punctuation to spaces.

    Used for matching what a person typed against reference names, never for storage.
    """
    decomposed = unicodedata.normalize("NFKD", value.casefold())
    no_marks = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    no_marks = no_marks.replace("æ", "ae").replace("ø", "o")
    return " ".join(re.sub(r"[^0-9a-z]+", " ", no_marks).split())


def shown(value: object, limit: int = 80) -> str:
    """`value` as text safe to print in a message: control, bidi and other invisible
    characters as \\uXXXX escapes, and at most `limit` characters (an id or a key from a file
    can be anything; a terminal must never receive it raw)."""
    text = str(value)
    out = "".join(ch if ch.isprintable() else f"\\u{ord(ch):04x}" for ch in text[: limit + 1])
    return out if len(out) <= limit else out[: limit - 1] + "…"
