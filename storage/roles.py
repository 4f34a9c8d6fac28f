"""Who may do what: the roles of intake's users (`storage.api` re-exports `Role`).

On its own so that the start screen can name roles before its first frame without loading
the API's dataclasses (bench/bench_ui.py, "first screen").
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    RECEPTION = "reception"
    SOCIAL_WORKER = "social_worker"
    ADMIN = "admin"
