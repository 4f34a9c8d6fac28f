"""Language, themes, command palette and help: the conventions around the conversation."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import DataTable

from intake.ui.app import IntakeApp
from intake.ui.i18n import key_help
from intake.ui.screens.conversation import ConversationScreen
from intake.ui.screens.help import HelpScreen
from intake.ui.themes import APP_THEMES, HIGH_CONTRAST
from tests.ui.driver import Driver
from tests.ui.test_start_up import until


async def test_language_switch_rerenders_the_conversation(
    make_app: Callable[..., IntakeApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        drive = Driver(pilot)
        await drive.start_new()
        await drive.answer(None)
        await drive.type_text("Bo")
        await pilot.press("f4")  # mid-typing: the text survives the switch
        await drive.settle()
        assert app.lang == "en"
        screen = app.screen
        assert isinstance(screen, ConversationScreen)
        assert "What is your name?" in screen.chat.of_kind("question")[-1].text
        assert drive.current().text == "What is your name?"
        footer = {b.binding.description for b in screen.active_bindings.values()}
        assert {"Back", "Skip"} <= footer
        await pilot.press("enter")
        await drive.settle()
        assert drive.current().id == "safety_intro"
        assert screen.session.engine.events[-1].raw == "Bo"
        await pilot.press("f4")
        await drive.settle()
        assert "två frågor" in drive.current().text


async def test_themes_and_command_palette(make_app: Callable[..., IntakeApp]) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await Driver(pilot).settle()
        assert HIGH_CONTRAST.name in app.available_themes
        seen = [app.theme]
        for _ in APP_THEMES:
            app.action_switch_theme()
            seen.append(app.theme)
        assert set(seen) == set(APP_THEMES) and seen[0] == seen[-1]
        titles = [command.title for command in app.get_system_commands(app.screen)]
        for wanted in ("Nybesök", "Fortsätt ett påbörjat nybesök", "Byt språk", "Byt tema"):
            assert wanted in titles
        assert "Träning" in titles  # offered now that training exists (tests/ui/test_training.py)


async def test_f1_help_lists_every_key(make_app: Callable[..., IntakeApp]) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        drive = Driver(pilot)
        await drive.start_new()
        conversation = app.screen
        await pilot.press("f1")
        await drive.settle()
        assert isinstance(app.screen, HelpScreen)
        table = app.screen.query_one(DataTable)
        assert table.row_count == len(key_help())
        documented = " ".join(key.casefold() for key, _sv, _en in key_help())
        for key, binding in conversation.active_bindings.items():
            if binding.binding.show:
                name = {"escape": "esc"}.get(key, key).casefold()
                assert name in documented, key
        await pilot.press("f1")
        await drive.settle()
        assert app.screen is conversation


async def test_ctrl_c_does_not_quit(make_app: Callable[..., IntakeApp]) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        drive = Driver(pilot)
        await drive.start_new()
        await pilot.press("ctrl+c")
        await drive.settle()
        assert isinstance(app.screen, ConversationScreen)
        assert app.return_code is None


async def test_theme_switch_recolours_the_drawn_chat(make_app: Callable[..., IntakeApp]) -> None:
    """The chat caches its drawn lines; a new theme must redraw them in the theme's colours."""
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        drive = Driver(pilot)
        await drive.start_new()
        chat = drive.conversation.chat

        def question_background() -> object:
            # the welcome's first text line (after its blank line)
            line = chat.drawn_lines(chat.messages[0])[1]
            return next(seg.style.bgcolor for seg in line if seg.text.strip() and seg.style)

        before = question_background()
        app.theme = HIGH_CONTRAST.name
        await pilot.pause()
        await pilot.pause()
        assert question_background() != before


async def test_the_chosen_theme_is_kept_for_the_next_start(
    make_app: Callable[..., IntakeApp],
) -> None:
    from intake.settings import config_dir, load_settings
    from intake.ui.run import early_preferences

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await Driver(pilot).settle()
        app.action_switch_theme()
        chosen = app.theme
    assert load_settings().theme == chosen
    assert early_preferences(None)[1] == chosen  # what the next start draws its first frame in
    assert (config_dir() / "config.json").is_file()


async def test_a_theme_that_cannot_be_saved_is_still_switched(
    make_app: Callable[..., IntakeApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    import intake.settings

    monkeypatch.setattr(intake.settings, "config_dir", lambda: Path("/proc/no-such-dir"))
    app = make_app()
    told: list[str] = []
    show = app.notify

    def notify(message: str, **kwargs: Any) -> None:  # what the person is told, then shown
        told.append(str(message))
        show(message, **kwargs)

    monkeypatch.setattr(app, "notify", notify)
    async with app.run_test(size=(100, 30)) as pilot:
        await Driver(pilot).settle()
        before = app.theme
        app.action_switch_theme()
        await pilot.pause()
        assert app.theme != before
        assert any("kunde inte sparas" in message for message in told)


async def test_start_screen_names_the_receiving_municipality(
    make_app: Callable[..., IntakeApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whether a visit is a move between municipalities depends on it: it is shown, and marked
    as the default until the office sets it."""
    from textual.widgets import Static

    monkeypatch.setenv("INTAKE_RECEIVING_MUNICIPALITY", "2262")
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await Driver(pilot).settle()
        status = str(app.screen.query_one("#start-status", Static).render())
    assert "Mottagande kommun: Timrå (2262)" in status
    assert "förval" not in status


async def test_the_footer_line_shows_the_keys_and_a_click_presses_one(
    make_app: Callable[..., IntakeApp],
) -> None:
    """The key line (intake/ui/widgets/footer.py) follows the screen's keys and language, and
    a click on a key does what the key does."""
    from intake.ui.widgets.footer import KeyFooter

    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        footer = app.screen.query_one(KeyFooter)
        line = footer.render().plain
        assert "f1 Hjälp" in line and "f4 English" in line and "^p palette" in line
        await pilot.press("f4")
        def key_line() -> str:  # the start screen is composed again; its key line a frame later
            return app.screen.query_one(KeyFooter).render().plain

        await until(pilot, lambda: "f4 Svenska" in key_line(), "the English key line")
        line = key_line()
        assert "f1 Help" in line and "f4 Svenska" in line
        await pilot.click(KeyFooter, offset=(line.index(" f1 ") + 1, 0))
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
