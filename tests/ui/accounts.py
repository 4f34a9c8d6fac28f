"""The real OS account as a user of a test database, for tests that start `intake` in another
process (tmux, subprocess): there the app asks the system who is working, as on a desk."""

from __future__ import annotations

from intake.oscompat import login_name
from storage import open_repository
from storage.api import Role, UserInfo


def desk_user(url: str, display_name: str, role: Role = Role.RECEPTION) -> UserInfo:
    """Make the account running the tests a user of the database at `url` with `role`."""
    repo = open_repository(url)
    try:
        return repo.ensure_user(login_name(), display_name, role)
    finally:
        repo.close()
