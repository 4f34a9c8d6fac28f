"""Textual's screenshot writes an SVG of the screen (with the visitor's data) to Downloads:
off outside training, audited like an export where it is allowed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from intake.ui.app import IntakeApp
from storage.api import AuditAction, Repository, Role
from tests.ui.driver import Driver


def spy_notify(app: IntakeApp, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What the person is told (then shown as usual)."""
    told: list[str] = []
    show = app.notify

    def notify(message: str, **kwargs: Any) -> None:
        told.append(str(message))
        show(message, **kwargs)

    monkeypatch.setattr(app, "notify", notify)
    return told


async def test_no_screenshot_outside_training(
    make_app: Callable[..., IntakeApp], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app()
    told = spy_notify(app, monkeypatch)
    async with app.run_test(size=(100, 30)) as pilot:
        await Driver(pilot).settle()
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Screenshot" not in titles
        assert app.deliver_screenshot(path=str(tmp_path)) is None
        app.action_screenshot(path=str(tmp_path))
        await pilot.pause()
        assert not list(tmp_path.glob("*.svg"))
        assert any(m.startswith("Skärmbilder är avstängda") for m in told), told


async def test_an_allowed_screenshot_is_audited_like_an_export(
    make_app: Callable[..., IntakeApp], repo: Repository, tmp_path: Path
) -> None:
    app = make_app()
    app.screenshots_allowed = True
    admin = repo.ensure_user("admin", "Admin", Role.ADMIN)
    async with app.run_test(size=(100, 30)) as pilot:
        await Driver(pilot).settle()
        assert "Screenshot" in [c.title for c in app.get_system_commands(app.screen)]
        app.deliver_screenshot(filename="shot.svg", path=str(tmp_path))
        await pilot.pause(0.3)
    assert (tmp_path / "shot.svg").is_file()
    actions = [e.action for e in repo.audit_for_user(admin, "anna")]
    assert AuditAction.EXPORT in actions


async def test_a_training_screen_allows_screenshots(
    make_app: Callable[..., IntakeApp], tmp_path: Path
) -> None:
    from textual.screen import Screen

    from intake.ui.training.common import TrainingScreen

    assert TrainingScreen.screenshots_allowed  # invented people only

    class Invented(Screen[None]):
        screenshots_allowed = True

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await Driver(pilot).settle()
        assert "Screenshot" not in [c.title for c in app.get_system_commands(app.screen)]
        app.push_screen(Invented())
        await pilot.pause()
        assert "Screenshot" in [c.title for c in app.get_system_commands(app.screen)]
        app.deliver_screenshot(filename="training.svg", path=str(tmp_path))
        await pilot.pause(0.3)
    assert (tmp_path / "training.svg").is_file()
