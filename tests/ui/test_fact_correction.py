"""A social worker corrects a fact by picking it from the case's facts (the question's label
in the user's language and the current value), then types the new value as at reception:
the dialogue's own parser reads it (issue 15, item 5)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from textual.widgets import Button, Label, OptionList, Static

from intake.ui.app import IntakeApp
from intake.ui.screens.case_dialogs import ChoiceDialog, ConfirmDialog, FormDialog
from storage.api import Repository
from tests.ui.driver import TODAY
from tests.ui.test_cases import fill_form, open_case, settle, social_workers_case


async def _pick(pilot: Any, label: str) -> str:
    """Open "correct a fact" and arrow down to the fact whose line starts with `label`."""
    await pilot.press("r")
    await settle(pilot)
    dialog = pilot.app.screen
    assert isinstance(dialog, ChoiceDialog)
    options = dialog.query_one(OptionList)
    lines = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
    index = next(i for i, line in enumerate(lines) if line.startswith(f"{label}:"))
    await pilot.press(*["down"] * index, "enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, FormDialog)
    return lines[index]


async def _accept(pilot: Any) -> str:
    screen = pilot.app.screen
    assert isinstance(screen, ConfirmDialog)
    preview = str(screen.query_one("#confirm-text", Static).render())
    screen.query_one("#dialog-accept", Button).press()
    await settle(pilot)
    return preview


def _labels(pilot: Any) -> str:
    return "\n".join(str(label.render()) for label in pilot.app.screen.query(Label))


async def test_a_fact_is_picked_from_the_list_and_typed_as_at_reception(
    repo: Repository, make_app: Callable[..., IntakeApp]
) -> None:
    app, number, sven = social_workers_case(repo, make_app)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_case(pilot, number)

        # A choice: the list shows the current value, the form the options, "2" is understood.
        line = await _pick(pilot, "Flytten betald av ursprungskommunen")
        assert line.endswith(": ja")
        await pilot.press("escape")
        await settle(pilot)
        line = await _pick(pilot, "Boende")
        assert line == "Boende: –"
        assert "2 Andrahandskontrakt" in _labels(pilot)
        await fill_form(pilot, value="2", reason="Rättat efter samtal")
        await _accept(pilot)
        assert screen.case is not None
        assert screen.case.record["housing"]["type"] == "second_hand"
        assert screen.case.assessments[-1].fields == ["housing.type"]
        assert screen.case.assessments[-1].reason == "Rättat efter samtal"

        # A number the parser does not understand: its own message, the form stays open.
        await _pick(pilot, "Rum")
        await fill_form(pilot, value="väldigt många", reason="x")
        form = app.screen
        assert isinstance(form, FormDialog)
        said = str(form.query_one("#dialog-error", Static).render())
        assert said.strip() and "Traceback" not in said
        await fill_form(pilot, value="tre", reason="Enligt hyreskontraktet")
        await _accept(pilot)
        assert screen.case.record["housing"]["rooms"] == 3

        # A date as a receptionist types it, relative to today.
        await _pick(pilot, "Ankomstdatum")
        await fill_form(pilot, value="för tre veckor sedan", reason="Hon mindes fel")
        await _accept(pilot)
        arrived = TODAY - dt.timedelta(weeks=3)
        assert screen.case.record["arrival_date"] == arrived.isoformat()

        # In English the labels are the dialogue's English ones.
        await pilot.press("f4")
        await settle(pilot)
        line = await _pick(pilot, "Housing")
        assert line == "Housing: Second-hand tenancy"
        await pilot.press("escape")
        await settle(pilot)
    assert [r.fields for r in repo.get_case(sven, number).assessments[1:]] == [
        ["housing.type"],
        ["housing.rooms"],
        ["arrival_date"],
    ]
