"""Textual's screenshot: an SVG of the whole screen, with whatever personal data is on it,
written to the user's Downloads folder from the command palette. That is an export nobody
decided on, outside the case and outside the audit log.

So it is off unless the app or the screen in front says otherwise (`screenshots_allowed`:
training screens, where every person is invented, set it): the palette does not offer it and
a call of the action says why. Where it is allowed, each screenshot is audited like an export.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from textual.app import App, SystemCommand

from intake.ui.i18n import t

SCREENSHOT_TITLE = "Screenshot"  # Textual's own palette entry


def allowed(app: App[Any]) -> bool:
    screen = app.screen if app.is_running and app.screen_stack else None
    return bool(getattr(app, "screenshots_allowed", False)
                or getattr(screen, "screenshots_allowed", False))


def system_commands(app: App[Any], commands: Iterable[SystemCommand]) -> Iterable[SystemCommand]:
    """Textual's palette commands, without "Screenshot" where it is not allowed."""
    keep = allowed(app)
    return (c for c in commands if keep or c.title != SCREENSHOT_TITLE)


def deliver(
    app: App[Any], save: Callable[[], str | None], lang: str
) -> str | None:
    """Save through Textual (`save`) if allowed, and audit it; otherwise say why not."""
    if not allowed(app):
        app.notify(t("screenshots_off", lang), severity="warning", timeout=10, markup=False)
        return None
    repo, user = getattr(app, "repo", None), getattr(app, "user", None)
    if repo is not None and user is not None:
        from storage.api import AuditAction

        repo.record_audit(user, AuditAction.EXPORT, None)
    return save()
