"""The UI's text catalogs (intake/ui/texts/*.toml): every entry in both languages with the same
placeholders, and every text key the code names exists in the catalog it is looked up in."""

from __future__ import annotations

import ast
import importlib
import string
from pathlib import Path

import pytest

import intake
from intake.ui.i18n import APP_TEXTS, TEXTS_DIR, Catalog, CatalogError, key_help, read_catalog, t
from intake.ui.screens.base import LocalizedMixin, screen_keys
from intake.ui.training.texts import TRAINING_TEXTS, tr

CATALOGS = {
    "app": APP_TEXTS,
    "training": TRAINING_TEXTS,
    "case_pdf": Catalog("case_pdf"),
    "commands": Catalog("commands"),
    "letter_templates": Catalog("letter_templates"),
}
# Placeholders one language may leave out: the template engine's own message is English only.
ONE_LANGUAGE_FIELDS = {("letter_templates", "syntax"): {"detail"}}
SOURCE = Path(intake.__file__).parent


def _fields(text: str) -> set[str]:
    return {name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("area", CATALOGS)
def test_every_entry_has_swedish_and_english_with_the_same_placeholders(area: str) -> None:
    catalog = CATALOGS[area]
    assert catalog.entries
    for key, (sv, en) in catalog.entries.items():
        assert sv.strip() and en.strip(), key
        allowed = ONE_LANGUAGE_FIELDS.get((area, key), set())
        assert _fields(sv) ^ _fields(en) <= allowed, key


def test_every_catalog_file_is_used_and_the_key_help_is_complete() -> None:
    used = {name for catalog in CATALOGS.values() for name in catalog.names} | {"keys"}
    assert {path.stem for path in TEXTS_DIR.glob("*.toml")} == used
    rows = key_help()
    assert rows[0][0] == "F1" and all(key and sv and en for key, sv, en in rows)


def _screen_classes() -> list[type[LocalizedMixin]]:
    """Every screen class of the product (the modules imported, then the subclasses found)."""
    for path in sorted((SOURCE / "ui").rglob("*.py")):
        name = str(path.relative_to(SOURCE.parent)).removesuffix(".py").replace("/", ".")
        importlib.import_module(name.removesuffix(".__init__"))
    found: list[type[LocalizedMixin]] = []
    todo: list[type[LocalizedMixin]] = [LocalizedMixin]
    while todo:
        cls = todo.pop()
        for sub in cls.__subclasses__():
            if sub not in found:
                found.append(sub)
                todo.append(sub)
    return found


LOOKUPS = frozenset({"t", "tr", "_say"})  # the names the code gives a catalog's `say`


def _catalog_of(module: str, lookup: str) -> Catalog:
    """The catalog behind `lookup` in `module` (imported inside a function where the module
    does not hold it: `t` and `tr` are then the app's and the training's)."""
    say = getattr(importlib.import_module(module), lookup, None)
    if say is None:
        say = {"t": t, "tr": tr}[lookup]
    catalog = getattr(say, "__self__", None)
    assert isinstance(catalog, Catalog), f"{module}.{lookup} is not a catalog lookup"
    return catalog


def _first_key(call: ast.Call) -> tuple[str, bool] | None:
    """The literal text key a lookup is called with (an f-string by its literal start)."""
    first = call.args[0] if call.args else None
    if isinstance(first, ast.Constant) and isinstance(first.value, str):
        return first.value, False
    if isinstance(first, ast.JoinedStr) and first.values:
        start = first.values[0]
        if isinstance(start, ast.Constant) and isinstance(start.value, str):
            return start.value, True
    return None


def _used_keys() -> list[tuple[str, int, Catalog, str, bool]]:
    """(file, line, catalog, key, is_prefix) for every literal text key in the product code:
    the first argument of each catalog lookup, and the labels of the screens' keys
    (intake/ui/keymap.toml, from each screen's catalog)."""
    found: list[tuple[str, int, Catalog, str, bool]] = []
    for path in sorted(SOURCE.rglob("*.py")):
        name = str(path.relative_to(SOURCE.parent))
        module = name.removesuffix(".py").replace("/", ".").removesuffix(".__init__")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                key = _first_key(node) if node.func.id in LOOKUPS else None
                if key is not None:
                    catalog = _catalog_of(module, node.func.id)
                    found.append((name, node.lineno, catalog, *key))
    for screen in _screen_classes():
        for _key, _action, label, _shown in screen_keys(screen):
            if label:
                found.append((f"keymap.toml [{screen.__name__}]", 0, screen.TEXTS, label, False))
    return found


def test_every_text_key_named_in_the_code_exists() -> None:
    used = _used_keys()
    # The scan sees the code, each catalog included (a broken scan must not pass silently).
    assert len(used) > 300
    assert {catalog.names for _f, _l, catalog, _k, _p in used} >= {
        c.names for c in CATALOGS.values()
    }
    missing = []
    for name, line, catalog, key, is_prefix in used:
        entries = catalog.entries
        ok = any(k.startswith(key) for k in entries) if is_prefix else key in entries
        if not ok:
            missing.append(f"{name}:{line} {key!r}")
    assert not missing


def test_lookups_format_values_and_follow_the_language() -> None:
    assert t("case_created", "sv", number="2026-0001") == "Ärende 2026-0001 är skapat."
    assert t("case_created", "en", number="2026-0001") == "Case 2026-0001 has been created."
    assert t("level_strong", "en") == "Suspected social dumping"  # from intake.core.lang
    assert tr("exam", "sv") == "prov" and tr("exam", "en") == "exam"
    with pytest.raises(KeyError):
        t("no_such_text", "sv")


@pytest.mark.parametrize(
    ("toml", "complaint"),
    [
        ('a = { sv = "Ja" }\n', "a needs exactly sv and en"),
        ('a = { sv = "Ja", en = "Yes", de = "Ja" }\n', "a needs exactly sv and en"),
        ('a = { sv = "", en = "Yes" }\n', "a needs a non-empty text"),
        ('a = "Ja"\n', "a needs exactly sv and en"),
    ],
)
def test_a_half_translated_entry_is_refused(tmp_path: Path, toml: str, complaint: str) -> None:
    path = tmp_path / "broken.toml"
    path.write_text(toml, encoding="utf-8")
    with pytest.raises(CatalogError, match=complaint):
        read_catalog(path)


def test_a_key_defined_in_two_files_of_one_catalog_is_refused() -> None:
    with pytest.raises(CatalogError, match="defined twice"):
        _ = Catalog("app", "app").entries


def test_every_keymap_table_names_a_screen_and_its_actions_exist() -> None:
    from intake.ui.app import IntakeApp
    from intake.ui.screens.base import _keymap

    screens = {cls.__name__: cls for cls in _screen_classes()}
    assert set(_keymap()) <= set(screens)
    for name, table in _keymap().items():
        for key, action, _label, _shown in table:
            owner, _, action_name = action.rpartition(".")
            method = f"action_{action_name.split('(')[0]}"
            on_screen = owner != "app" and hasattr(screens[name], method)
            assert on_screen or hasattr(IntakeApp, method), (name, key)


def test_a_screen_without_a_table_has_its_base_class_keys() -> None:
    from intake.ui.screens.case_dialogs import FormDialog

    class NoteDialog(FormDialog):
        pass

    assert screen_keys(NoteDialog) == screen_keys(FormDialog) == (
        ("escape", "cancel", "cancel", True),
    )
