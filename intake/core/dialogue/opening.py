"""The opening of a dialogue (its first question, a greeting) read without compiling it.

Compiling the intake dialogue (pydantic, transitions, 64 questions) takes longer than drawing
the first screen; the greeting needs none of it. So that a visit can begin the moment the
receptionist presses N, the greeting is read straight from the file: YAML's safe loader, the
first question of the first section, taken only when nothing can make the engine skip it or
ask it differently (no `when` on it or its section, an `info` question with a text and a hint
in both languages). Anything else returns None and the visit waits for the compiled dialogue,
which checks the whole file and is what the conversation itself runs on. The opening is kept
in the user's cache folder for the next start, keyed by the file's size and modification time,
so that even YAML need not be loaded before the greeting is drawn.
"""

from __future__ import annotations

import json
import os
import threading
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path
from typing import Any

from intake.core.lang import Lang


@dataclass(frozen=True)
class Opening:
    """The dialogue's first question: an `info` text shown before anything is asked."""

    question_id: str
    title: dict[Lang, str]  # the dialogue's title
    section: dict[Lang, str]  # the first section's title
    text: dict[Lang, str]
    hint: dict[Lang, str]


# What a section and an info question may hold for the opening to be exactly what the engine
# asks first (anything else, such as `when`, `repeat` or `next`, is left to the engine).
_PLAIN_SECTION = {"id", "title", "questions"}
_PLAIN_INFO = {"id", "kind", "text", "hint"}


def _both(value: Any) -> dict[Lang, str] | None:
    if not isinstance(value, dict):
        return None
    sv, en = value.get("sv"), value.get("en")
    if isinstance(sv, str) and isinstance(en, str) and sv.strip() and en.strip():
        return {"sv": sv, "en": en}
    return None


def read_opening(text: str) -> Opening | None:
    """The opening of the dialogue in `text` (YAML), or None when it is not a plain greeting."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C loader when built with it
    try:
        data = yaml.load(text, Loader=loader)  # noqa: S506 - a safe loader, never a full one
    except yaml.YAMLError:
        return None
    if not isinstance(data, dict):
        return None
    sections = data.get("sections")
    if not isinstance(sections, list) or not sections or not isinstance(sections[0], dict):
        return None
    section = sections[0]
    questions = section.get("questions")
    if set(section) - _PLAIN_SECTION or not isinstance(questions, list) or not questions:
        return None  # a condition, a repeat group: the engine decides what comes first
    first = questions[0]
    if not isinstance(first, dict) or set(first) - _PLAIN_INFO or first.get("kind") != "info":
        return None
    if not isinstance(first.get("id"), str):
        return None
    title, name = _both(data.get("title")), _both(section.get("title"))
    body, hint = _both(first.get("text")), _both(first.get("hint"))
    if title is None or name is None or body is None or hint is None:
        return None
    return Opening(first["id"], title, name, body, hint)


def opening_of(path: Path) -> Opening | None:
    """The opening of the dialogue file at `path` (None when unreadable or not a greeting)."""
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    return read_opening(text)


_lock = threading.Lock()
CACHE_FORMAT = 1


def cache_file() -> Path:
    """Where the opening is kept between starts (the user's cache folder, platformdirs)."""
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("intake", appauthor=False)) / "opening.json"


def cached_opening(path: Path, cache: Path) -> Opening | None:
    """The opening of the dialogue at `path`: from `cache` when it was written for this very
    file (its size and modification time, as Python checks its own .pyc files), else read from
    the YAML and written to `cache` for the next start. The cache holds the greeting's texts
    only; one that cannot be read, does not match or cannot be written is passed over."""
    try:
        stat = path.stat()
    except OSError:
        return None
    key = [CACHE_FORMAT, str(path), stat.st_mtime_ns, stat.st_size]
    try:
        kept = json.loads(cache.read_text("utf-8"))
        if isinstance(kept, dict) and kept.get("key") == key:
            opening = _from_json(kept.get("opening"))
            if opening is not None:
                return opening
    except (OSError, ValueError):
        pass
    opening = opening_of(path)
    if opening is not None:
        _write(cache, {"key": key, "opening": asdict(opening)})
    return opening


def _from_json(data: Any) -> Opening | None:
    if not isinstance(data, dict) or not isinstance(data.get("question_id"), str):
        return None
    texts = [_both(data.get(name)) for name in ("title", "section", "text", "hint")]
    title, section, text, hint = texts
    if title is None or section is None or text is None or hint is None:
        return None
    return Opening(data["question_id"], title, section, text, hint)


def _write(cache: Path, data: dict[str, Any]) -> None:
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        partial = cache.with_name(f"{cache.name}.{os.getpid()}.tmp")
        partial.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
        os.replace(partial, cache)  # whole or not at all, also on Windows
    except OSError:
        pass  # a read-only or full home: the next start reads the YAML again


@cache
def _default_opening() -> Opening | None:
    import dialogs

    return cached_opening(dialogs.path("intake.yaml"), cache_file())


def default_opening() -> Opening | None:
    """The opening of the shipped intake dialogue (the file `default_dialogue` compiles),
    read once: a second caller (the screen, while the start-up worker reads it) waits."""
    with _lock:
        return _default_opening()
