"""Hostile text in every free-text field: stored cleaned, shown as plain text, no action run.

In Textual a typed `[@click=app.quit]x[/]` would become a clickable action if rendered as
markup, and `[/]` alone would crash the app; escape sequences would replay in every terminal
that later shows the case.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.widgets import Input

from intake.core.dialogue.api import QuestionKind
from intake.core.textclean import clean_text
from intake.ui.app import IntakeApp
from intake.ui.common import shorten
from intake.ui.screens.conversation import ConversationScreen
from intake.ui.widgets.answer_input import LongText
from intake.ui.widgets.chat import SHOWN_MAX, ChatLog, Kind
from storage.api import Repository, UserInfo
from tests.ui.driver import Driver
from tests.ui.test_intakes import STRONG_WITH_CHILDREN

HOSTILE = (
    "[@click=app.quit]x[/]",
    "[/]",
    "[bold",
    "\x1b]0;pwned\x07name",
    "\x1b[2Jclear",
    "\u202eevil\u202c",
    "A" * 100_000,
)
# The answer each field keeps in the end: all of it at once.
FINAL = "[@click=app.quit]x[/] [/] [bold \x1b]0;pwned\x07 \x1b[2J \u202eevil"
FREE_TEXT = ("name", "phone", "language", "own_account", "landlord")
# Fields that must refuse the strings (and say so) without crashing.
REFUSING = ("personal_id", "origin", "arrival_date", "rooms")


def _plain(chat: ChatLog, kind: Kind) -> str:
    """The text of the chat's latest message of `kind`, checked against what is drawn: the
    same characters, only wrapped (no tag swallowed as markup, no sequence let through)."""
    message = chat.last(kind)
    assert message is not None, kind
    drawn = chat.drawn_text(message)
    assert "".join(drawn.split()) == "".join(message.text.split()), kind
    return message.text


async def _enter(drive: Driver, text: str) -> None:
    field = drive.app.focused
    assert isinstance(field, Input | LongText), field
    if isinstance(field, Input):
        field.value = ""
    else:
        field.text = ""
    await drive.paste(text)
    await drive.pilot.press("ctrl+s" if isinstance(field, LongText) else "enter")
    await drive.settle()


async def test_hostile_text_is_stored_clean_and_shown_plain(
    make_app: Callable[..., IntakeApp], repo: Repository, user: UserInfo
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        drive = Driver(pilot)
        await drive.start_new()
        seen: set[str] = set()
        for _ in range(80):
            question = drive.current()
            if question.kind is QuestionKind.SUMMARY:
                break
            qid = question.id
            if qid in FREE_TEXT or qid in REFUSING:
                seen.add(qid)
                multiline = question.kind is QuestionKind.LONGTEXT
                for text in HOSTILE:
                    await _enter(drive, text)
                    assert isinstance(app.screen, ConversationScreen)  # no quit, no crash
                    if drive.current().id != qid:  # accepted: shown as typed, then go back
                        shown = _plain(drive.conversation.chat, "answer")
                        assert shown == shorten(clean_text(text, multiline=multiline), SHOWN_MAX), (
                            qid
                        )
                        assert "\x1b" not in shown and "\u202e" not in shown
                        await pilot.press("escape")
                        await drive.settle()
                        assert drive.current().id == qid
                    else:
                        assert qid not in FREE_TEXT or len(text) > 200, (qid, text[:30])
                        note = _plain(drive.conversation.chat, "validation")
                        assert "\x1b" not in note and len(note) < 2_000
                if qid in FREE_TEXT:
                    await _enter(drive, FINAL)
                    assert drive.current().id != qid
                    continue
            if qid in STRONG_WITH_CHILDREN or question.kind is QuestionKind.INFO:
                await drive.answer(STRONG_WITH_CHILDREN.get(qid))
            else:
                await pilot.press("f2")
                await drive.settle()
        assert seen == set(FREE_TEXT) | set(REFUSING)
        await drive.to_assessment()
        number = await drive.confirm_case()
        assert app.return_code is None  # still running: no action was triggered
    case = repo.get_case(user, number)
    expected = clean_text(FINAL)
    assert case.record["person"]["name"] == expected
    assert case.record["person"]["phone"] == expected
    assert case.record["person"]["language"] == expected
    assert case.record["housing"]["landlord"] == expected
    assert case.record["move"]["reason"] == clean_text(FINAL, multiline=True)
    for item in case.transcript:
        assert "\x1b" not in item.answer and "\u202e" not in item.answer
