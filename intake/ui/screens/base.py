"""What every screen of the app shares: footer bindings in the user's language, a guard.

Textual's binding descriptions are static class data; the app switches language at run
time, so each screen watches the app's `lang` reactive and rebuilds its own binding map from
a table of text keys. The tables are data, one per screen class, in `intake/ui/keymap.toml`.
Screens reach the app only through its public reactives and actions.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, TypeVar, cast

from textual.binding import Binding
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen

from intake.ui.i18n import APP_TEXTS, Catalog

if TYPE_CHECKING:
    from intake.ui.app import IntakeApp

# Keys that act whatever has focus: a TextArea would otherwise take F6 (select line) and
# Ctrl+S, an Input Ctrl+Q is never wanted.
PRIORITY_KEYS = frozenset({"ctrl+q", "ctrl+s", "f1", "f2", "f3", "f4", "f6"})

# (key, action, text key, shown in the footer)
KeyTable = tuple[tuple[str, str, str, bool], ...]
KEYMAP_FILE = Path(__file__).parents[1] / "keymap.toml"


class KeymapError(ValueError):
    """keymap.toml is not a table of screens, each of keys with `do` and an optional `label`
    and `show` (a packaging or editing mistake)."""


_FIELDS = frozenset({"do", "label", "show"})


@cache
def _keymap() -> dict[str, KeyTable]:
    with KEYMAP_FILE.open("rb") as file:
        data = tomllib.load(file)
    tables: dict[str, KeyTable] = {}
    for screen, keys in data.items():
        rows = []
        for key, entry in keys.items():
            if not isinstance(entry, dict) or "do" not in entry or set(entry) - _FIELDS:
                raise KeymapError(f"keymap.toml: {screen}.{key} needs `do` (and may have "
                                  "`label`, `show`)")
            label = str(entry.get("label", ""))
            rows.append((key, str(entry["do"]), label, bool(entry.get("show", bool(label)))))
        tables[screen] = tuple(rows)
    return tables


def screen_keys(screen: type) -> KeyTable:
    """The keys of a screen class: its table in keymap.toml, else its nearest base class's."""
    tables = _keymap()
    return next((tables[cls.__name__] for cls in screen.__mro__ if cls.__name__ in tables), ())

ResultType = TypeVar("ResultType")
T = TypeVar("T")


def localize_bindings(
    node: DOMNode, table: KeyTable, lang: str, texts: Catalog = APP_TEXTS
) -> None:
    for key, action, text_key, show in table:
        node._bindings.key_to_bindings[key] = [
            Binding(
                key,
                action,
                texts.say(text_key, lang) if text_key else "",
                show=show,
                priority=key in PRIORITY_KEYS,
            )
        ]
    if node.is_attached:
        node.refresh_bindings()


class LocalizedMixin:
    """Footer keys from the keymap, labelled from TEXTS and re-labelled whenever the app's
    language changes."""

    TEXTS: ClassVar[Catalog] = APP_TEXTS

    @property
    def key_table(self) -> KeyTable:
        return screen_keys(type(self))

    @property
    def intake_app(self) -> IntakeApp:
        return cast("IntakeApp", cast(DOMNode, self).app)

    @property
    def lang(self) -> str:
        return self.intake_app.lang

    def _install_keys(self) -> None:
        localize_bindings(cast(DOMNode, self), self.key_table, self.lang, self.TEXTS)

    def _watch_language(self) -> None:
        """Re-label and redraw whenever the app's `lang` changes (for screens in the stack)."""
        cast(DOMNode, self).watch(self.intake_app, "lang", self.apply_language, init=False)

    def guard(self, call: Callable[[], T], where: str) -> T | None:
        """Run `call`; on an unexpected error the app shows an id, never a traceback."""
        return self.intake_app.guard(call, where)

    def apply_language(self, lang: str) -> None:
        """Runs when the app's language changes: the screen is composed again in `lang`, then
        `language_applied` refills what compose leaves empty (in order, one change at a time:
        a refill scheduled beside a recompose could run before the new widgets exist)."""
        localize_bindings(cast(DOMNode, self), self.key_table, lang, self.TEXTS)
        cast(Screen[object], self).call_later(self._compose_again)

    async def _compose_again(self) -> None:
        await cast(Screen[object], self).recompose()
        self.language_applied()

    def language_applied(self) -> None:
        """After the screen was composed again in the new language (screens refill, refocus)."""


class IntakeScreen(LocalizedMixin, Screen[ResultType]):
    def on_mount(self) -> None:
        self._install_keys()
        self._watch_language()


class IntakeModal(LocalizedMixin, ModalScreen[ResultType]):
    def on_mount(self) -> None:
        self._install_keys()
        self._watch_language()
