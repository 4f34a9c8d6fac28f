"""Start the app: settings from the command line, then the Textual app or plain mode."""

from __future__ import annotations

import argparse

from intake.settings import load_settings


def run(args: argparse.Namespace) -> int:
    settings = load_settings(
        database_url=getattr(args, "db", None),
        language=getattr(args, "lang", None),
        user=getattr(args, "user", None),
    )
    if getattr(args, "plain", False):
        from intake.ui.plain import run_plain

        return run_plain(settings)
    from intake.ui.app import IntakeApp

    app = IntakeApp(settings, handle_hangup=True)
    try:
        app.run()
    finally:
        app.close_repository()
    return app.return_code or 0
