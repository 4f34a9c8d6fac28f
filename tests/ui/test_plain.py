"""Plain mode: the same conversation as numbered lines, the same drafts and cases."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator

import pytest

from intake.settings import load_settings
from intake.ui.plain import PlainUI
from storage.api import Repository, UserInfo
from tests.ui.driver import TODAY

PLAIN_VISIT = [
    "1",  # menu: new intake
    "",  # welcome
    "Bo [@click=app.quit]Ek\x1b]0;pwned\x07",  # name
    "",  # the safety questions' introduction
    "2",  # violence or threats: no
    "3",  # protected personal data: not asked now
    "/hoppa",  # personal id: skipped
    "ca 40 år",  # so the age is asked
    "070-111 22 33",
    "/uppgifter",  # a command in the middle: shows the facts, asks again
    "svenska",
    "nej",  # interpreter, typed in words
    "1",  # adults in the household
    "solleftea",  # the receiving municipality: no move
    "1",  # housing: first-hand
    "Sollefteåhem",
    "några",  # rooms: not a number -> asked again
    "2",
    "1",  # occupants
    "1",  # condition adequate
    "ja",
    "2",  # no children
    "nej",  # no unmet need of care
    "",  # summary: to the assessment
    "0",  # keep the level, create the case (only an explicit choice creates it)
    "3",  # menu: quit
]


class Feeder:
    def __init__(self, lines: list[str]) -> None:
        self._lines: Iterator[str] = iter(lines)
        self.prompts: list[str] = []

    def __call__(self, prompt: str) -> str:
        self.prompts.append(prompt)
        try:
            return next(self._lines)
        except StopIteration:
            raise AssertionError(f"plain mode asked for more: {prompt!r}") from None


def test_plain_mode_creates_the_same_case(repo: Repository, user: UserInfo) -> None:
    feed = Feeder(PLAIN_VISIT)
    out: list[str] = []
    ui = PlainUI(load_settings(), repo=repo, user=user, today=TODAY, read=feed, write=out.append)
    assert ui.run() == 0
    text = "\n".join(out)
    assert "\x1b" not in text and "\x07" not in text  # nothing can replay in the terminal
    assert "Bo [@click=app.quit]Ek" in text  # shown as typed (cleaned), not interpreted
    assert "solleftea → Sollefteå (2283)" in text  # how the answer was understood
    assert text.count("Hur många rum") == 2  # the validation asked again
    (case,) = repo.list_cases(user)
    stored = repo.get_case(user, case.number)
    assert f"Ärende {case.number} är skapat." in text
    assert stored.record["person"]["name"] == "Bo [@click=app.quit]Ek"
    assert stored.record["housing"]["rooms"] == 2
    assert stored.record["person"]["age"] == 40
    assert stored.record["safety"] == {"violence_or_threats": "no", "protected_identity": "unknown"}
    assert stored.level == "not_applicable"
    assert repo.list_drafts(user) == []


def test_plain_mode_quit_keeps_the_draft_for_the_app(repo: Repository, user: UserInfo) -> None:
    feed = Feeder(["1", "", "Bo Ek", "/avsluta", "2", "1", "/avsluta", "3"])
    out: list[str] = []
    ui = PlainUI(load_settings(), repo=repo, user=user, today=TODAY, read=feed, write=out.append)
    assert ui.run() == 0
    (draft,) = repo.list_drafts(user)  # resumed once, still one draft
    assert [e["question_id"] for e in draft.events] == ["greeting", "name"]
    assert any("Nu två frågor som vi ställer till alla" in line for line in out[-12:])


def test_end_of_input_exits_cleanly(repo: Repository, user: UserInfo) -> None:
    def eof(prompt: str) -> str:
        raise EOFError

    ui = PlainUI(load_settings(), repo=repo, user=user, today=TODAY, read=eof, write=print)
    with pytest.raises(EOFError):
        ui.run()


def test_plain_mode_does_not_import_textual() -> None:
    code = "import sys, intake.ui.plain, intake.ui.run; assert 'textual' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_a_wrong_menu_choice_says_what_is_expected(repo: Repository, user: UserInfo) -> None:
    feed = Feeder(["nytt", "7", "3"])
    out: list[str] = []
    ui = PlainUI(load_settings(), repo=repo, user=user, today=TODAY, read=feed, write=out.append)
    assert ui.run() == 0
    assert out.count("! Skriv ett nummer från 1 till 3.") == 2
    assert repo.list_drafts(user) == []

