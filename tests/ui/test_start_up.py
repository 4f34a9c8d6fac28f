"""Start-up: the receptionist can begin a visit before the database is open, and nothing
typed is lost while it opens; screens reach the app only through its public side."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from intake.core.dialogue import loader
from intake.settings import load_settings
from intake.ui import app as intake_app_module
from intake.ui.app import IntakeApp
from intake.ui.screens.conversation import ConversationScreen
from intake.ui.screens.start import ResumeScreen, StartScreen
from intake.ui.widgets.menu_entry import MenuEntry
from storage import open_repository
from storage.api import Repository, UserInfo
from tests.ui.driver import TODAY


class Gate:
    """Holds a start-up step (opening the database, loading the dialogue) until opened."""

    def __init__(self) -> None:
        self._open = threading.Event()
        self.reached = threading.Event()

    def hold(self, call: Callable[[], Any]) -> Any:
        self.reached.set()
        if not self._open.wait(30):
            raise TimeoutError("the test never opened the gate")
        return call()

    def open(self) -> None:
        self._open.set()


@pytest.fixture
def db_gate() -> Iterator[Gate]:
    gate = Gate()
    yield gate
    gate.open()  # a failing test must not leave the worker waiting


@pytest.fixture
def dialogue_gate(monkeypatch: pytest.MonkeyPatch) -> Iterator[Gate]:
    """Holds the start-up worker's compiling of the dialogue until the test opens it."""
    gate = Gate()
    real = loader.default_dialogue
    monkeypatch.setattr(loader, "default_dialogue", lambda: gate.hold(real))
    yield gate
    gate.open()


async def until(pilot: Pilot[Any], check: Callable[[], bool], what: str) -> None:
    for _ in range(400):
        if check():
            return
        await pilot.pause(0.025)
    raise AssertionError(f"waited 10 s for {what}")


def _question(app: IntakeApp) -> str:
    screen = app.screen
    return screen.session.current().id if isinstance(screen, ConversationScreen) else ""


async def test_a_visit_begins_before_the_database_is_open(
    db_url: str, user: UserInfo, repo: Repository, db_gate: Gate
) -> None:
    settings = load_settings(database_url=db_url, user=user.username)
    app = IntakeApp(
        settings,
        today=TODAY,
        open_repository=lambda url: db_gate.hold(lambda: open_repository(url)),
    )
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: app.intake_ready, "the dialogue")
        await until(pilot, db_gate.reached.is_set, "the database opening")
        assert app.repo is None  # still opening
        start = app.screen
        assert isinstance(start, StartScreen)
        assert not start.query_one("#new", MenuEntry).disabled
        assert start.query_one("#resume", MenuEntry).disabled  # drafts need the database
        await pilot.press("n")
        await until(pilot, lambda: _question(app) == "greeting", "the greeting")
        await pilot.press("enter")  # the greeting: its save waits for the database
        await pilot.pause(0.2)
        conversation = app.screen
        assert isinstance(conversation, ConversationScreen)
        assert _question(app) == "name"  # the engine took it ...
        asked = [q.text for q in conversation.chat.of_kind("question")]
        assert not any("Vad heter du" in text for text in asked)  # ... not shown as stored
        await pilot.press(*"Ida")  # typing goes on while the database opens
        db_gate.open()
        await until(
            pilot,
            lambda: any("Vad heter du" in q.text for q in conversation.chat.of_kind("question")),
            "the next question, once the greeting is stored",
        )
        await pilot.press(*" Berg", "enter")
        await until(pilot, lambda: _question(app) == "safety_intro", "the next question")
        await until(pilot, lambda: bool(repo.list_drafts(user)), "the draft")
        (draft,) = repo.list_drafts(user)
        assert [e["raw"] for e in draft.events] == ["", "Ida Berg"]
    app.close_repository()


@pytest.fixture
def loading_app(
    db_url: str, user: UserInfo, repo: Repository, dialogue_gate: Gate
) -> IntakeApp:
    """An app whose user is known and whose dialogue is still being compiled."""
    return IntakeApp(load_settings(database_url=db_url), repo=repo, user=user, today=TODAY)


async def _press_n_while_loading(pilot: Pilot[Any], gate: Gate) -> None:
    await until(pilot, gate.reached.is_set, "the dialogue loading")
    await pilot.press("n")
    await until(pilot, lambda: type(pilot.app.screen).__name__ == "OpeningScreen", "greeting")


async def test_n_before_the_dialogue_is_loaded_begins_the_visit_when_it_is(
    loading_app: IntakeApp, dialogue_gate: Gate
) -> None:
    """The greeting is shown at once, read from the file; the visit begins at it when the
    dialogue is compiled (Enter not pressed yet)."""
    app = loading_app
    async with app.run_test(size=(100, 30)) as pilot:
        await _press_n_while_loading(pilot, dialogue_gate)
        dialogue_gate.open()
        await until(pilot, lambda: _question(app) == "greeting", "the greeting")


async def test_a_visit_asked_for_at_start_is_drawn_before_the_database_opens(
    db_url: str, user: UserInfo, repo: Repository, dialogue_gate: Gate
) -> None:
    """N at the first frame: the greeting does not share the interpreter with SQLAlchemy's
    imports; the database is opened once the visit is on screen."""
    gate = dialogue_gate
    screens_at_open: list[str] = []

    def opener(url: str) -> Repository:
        screens_at_open.append(type(app.screen).__name__)
        return open_repository(url)

    settings = load_settings(database_url=db_url, user=user.username)
    app = IntakeApp(settings, today=TODAY, open_repository=opener)
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await until(pilot, gate.reached.is_set, "the dialogue loading")
            await pilot.press("n")
            gate.open()
            await until(pilot, lambda: _question(app) == "greeting", "the greeting")
            await until(pilot, lambda: app.ready, "the database")
            assert screens_at_open == ["ConversationScreen"]
    finally:
        gate.open()
        app.close_repository()


async def test_without_a_visit_asked_for_the_database_opens_at_once(
    db_url: str, user: UserInfo, repo: Repository
) -> None:
    settings = load_settings(database_url=db_url, user=user.username)
    app = IntakeApp(settings, today=TODAY)
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await until(pilot, lambda: app.ready, "the database")
            assert isinstance(app.screen, StartScreen)
    finally:
        app.close_repository()


async def test_resume_lists_the_drafts_and_dismisses_with_the_choice(
    make_app: Callable[..., IntakeApp], repo: Repository, user: UserInfo
) -> None:
    from intake.core.session import Desk, IntakeSession

    session = IntakeSession.start(Desk(repo, user), lang="sv", receiving="2283", today=TODAY)
    session.answer("")
    session.answer("Ida Berg")
    session.save()
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: app.ready, "the repository")
        await pilot.press("r")
        await until(pilot, lambda: isinstance(app.screen, ResumeScreen), "the draft list")
        await pilot.press("enter")
        await until(pilot, lambda: _question(app) == "safety_intro", "the resumed visit")


def test_the_first_screen_imports_neither_pydantic_nor_the_database() -> None:
    """What the first frame waits for (bench/bench_ui.py's "first screen"): the command line
    and the app with its start screen, not pydantic (the dialogue and settings load after the
    first frame), nor SQLAlchemy, YAML or transitions, nor the storage API's dataclasses or
    any sub-command's module (`intake` alone names none)."""
    import subprocess
    import sys

    code = (
        "import sys, intake.cli\n"
        "intake.cli.build_parser([])\n"
        "import intake.ui.app, intake.ui.run, intake.ui.screens.start\n"
        "heavy = ('pydantic', 'sqlalchemy', 'alembic', 'yaml', 'transitions')\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & set(heavy)))\n"
        "print(sorted(m for m in sys.modules if m.startswith('intake.commands.')"
        " or m == 'storage.api'))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split("\n")[:2] == ["[]", "[]"]


def test_a_sub_command_named_on_the_command_line_is_registered_whole() -> None:
    from intake.cli import build_parser

    args = build_parser(["classify", "-"]).parse_args(["classify", "-"])
    assert args.handler is not None
    assert build_parser([]).parse_args([]).handler is None  # the app


async def test_start_up_gives_the_collector_its_thresholds_back_even_when_the_database_fails(
    db_url: str,
) -> None:
    """The real app collects less often while it starts (`gc_tuning.relax_for_start_up`);
    the session's thresholds return when the start-up worker ends, however it ends."""
    import gc

    from intake.ui import gc_tuning

    def refuse(url: str) -> Repository:
        raise OSError("no database here")

    app = IntakeApp(
        load_settings(database_url=db_url), open_repository=refuse, freeze_after_start=True
    )
    gc_tuning.relax_for_start_up()
    try:
        assert gc.get_threshold() == gc_tuning.START_UP_THRESHOLDS
        async with app.run_test(size=(100, 30)) as pilot:
            await until(pilot, lambda: bool(app.repo_error), "the database's failure")
            await app.workers.wait_for_complete()
            assert gc.get_threshold() == gc_tuning.DEFAULT_THRESHOLDS
            assert gc.get_freeze_count() == 0  # nothing frozen without a database
    finally:
        gc.set_threshold(*gc_tuning.DEFAULT_THRESHOLDS)


def test_the_command_turns_pydantic_plugins_off(monkeypatch: pytest.MonkeyPatch) -> None:
    """No third-party pydantic plugin sees the records intake validates (and no scan of every
    installed package's metadata at the first model)."""
    import os

    from intake.cli import main

    monkeypatch.delenv("PYDANTIC_DISABLE_PLUGINS", raising=False)
    with pytest.raises(SystemExit):
        main(["--help"])
    assert os.environ["PYDANTIC_DISABLE_PLUGINS"] == "__all__"


async def test_n_before_the_dialogue_is_loaded_shows_the_greeting_and_keeps_what_is_typed(
    loading_app: IntakeApp, dialogue_gate: Gate, repo: Repository, user: UserInfo
) -> None:
    """The greeting is read from the dialogue file at once (intake.core.dialogue.opening):
    Enter there is the greeting's Enter, and the name typed after it is the first answer."""
    app = loading_app
    async with app.run_test(size=(100, 30)) as pilot:
        await _press_n_while_loading(pilot, dialogue_gate)
        text = str(app.screen.query_one("#opening-text").render())
        assert text.startswith("Välkommen! Vi ställer några frågor")
        await pilot.press("enter", *"Ida Berg", "enter")
        assert type(app.screen).__name__ == "OpeningScreen"  # the dialogue is still loading
        assert "Besöket börjar strax" in str(app.screen.query_one("#opening-status").render())
        dialogue_gate.open()
        await until(pilot, lambda: _question(app) == "safety_intro", "the second question")
        await until(pilot, lambda: _stored(repo, user) == ["", "Ida Berg"], "both answers stored")


def _stored(repo: Repository, user: UserInfo) -> list[str]:
    return [e["raw"] for draft in repo.list_drafts(user) for e in draft.events]


async def test_esc_on_the_greeting_shown_while_loading_begins_no_visit(
    loading_app: IntakeApp, dialogue_gate: Gate, repo: Repository, user: UserInfo
) -> None:
    app = loading_app
    async with app.run_test(size=(100, 30)) as pilot:
        await _press_n_while_loading(pilot, dialogue_gate)
        await pilot.press("escape")
        assert isinstance(app.screen, StartScreen)
        dialogue_gate.open()
        await until(pilot, lambda: app.intake_ready, "the dialogue")
        await pilot.pause(0.1)
        assert isinstance(app.screen, StartScreen)  # no visit was begun
        assert not repo.list_drafts(user)


@pytest.mark.parametrize("key", ["n", "f1"])
async def test_a_screen_pushed_at_once_does_not_hold_the_start_up_back(
    db_url: str, user: UserInfo, key: str
) -> None:
    """Textual runs "after refresh" callbacks after the refresh of the screen shown when they
    were asked for: a screen pushed over the start screen before its first refresh (the
    greeting for N, help for F1, typed at once) holds the start-up's callback back. The
    dialogue and the database load all the same (here the callback never comes)."""

    class HeldBack(IntakeApp):
        CSS_PATH = str(Path(intake_app_module.__file__).with_name("app.tcss"))

        def call_after_refresh(self, callback: Any, *args: Any, **kwargs: Any) -> bool:
            if getattr(callback, "__name__", "") == "_begin_start_up":
                return True  # held back behind the screen pushed over the start screen
            return super().call_after_refresh(callback, *args, **kwargs)

    settings = load_settings(database_url=db_url, user=user.username)
    app = HeldBack(settings, today=TODAY)
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press(key)
            await until(pilot, lambda: app.ready and app.intake_ready, "the start-up")
            if key == "n":
                await until(pilot, lambda: _question(app) == "greeting", "the visit")
            else:
                assert type(app.screen).__name__ == "HelpScreen"
    finally:
        app.close_repository()
