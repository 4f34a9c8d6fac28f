"""Where visits are stored and who records them, possibly before either is known.

The app creates its desk before its first frame, so this module imports only the standard
library: the repository (SQLAlchemy) and the user arrive later, from the start-up worker.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future
from queue import SimpleQueue
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from storage.api import Repository, UserInfo

T = TypeVar("T")


class DeskClosed(Exception):
    """The desk was closed (or never opened) before the repository and user were known."""


class Desk:
    """Where visits are stored and who records them, possibly before either is known.

    One thread runs every save, in order, off the screen's thread (a thread per answer cost
    ~15 ms of every answer); a save submitted before `open` waits there for the repository.
    The thread is a daemon: leaving with a save stuck on a locked database ends the process
    without committing it, so "not saved" stays true.
    """

    def __init__(self, repo: Repository | None = None, user: UserInfo | None = None) -> None:
        self._ready: Future[tuple[Repository, UserInfo]] = Future()
        self._calls: SimpleQueue[tuple[Callable[[], Any], Future[Any]] | None] = SimpleQueue()
        self._thread: threading.Thread | None = None
        if repo is not None and user is not None:
            self.open(repo, user)

    def open(self, repo: Repository, user: UserInfo) -> None:
        self._ready.set_result((repo, user))

    def fail(self, error: BaseException) -> None:
        """The repository could not be opened, or the user was refused: pending saves fail."""
        if not self._ready.done():
            self._ready.set_exception(error)

    @property
    def is_open(self) -> bool:
        return self._ready.done() and self._ready.exception() is None

    def wait(self, timeout: float | None = None) -> tuple[Repository, UserInfo]:
        """The repository and the user; blocks until they are known (never on a UI thread)."""
        return self._ready.result(timeout)

    def run(self, call: Callable[[], T]) -> Future[T]:
        """Run `call` on the saving thread, after every earlier call."""
        future: Future[T] = Future()
        if self._thread is None:
            self._thread = threading.Thread(target=self._serve, name="intake-save", daemon=True)
            self._thread.start()
        self._calls.put((call, future))
        return future

    def _serve(self) -> None:
        while (item := self._calls.get()) is not None:
            call, future = item
            if future.set_running_or_notify_cancel():
                try:
                    future.set_result(call())
                except BaseException as exc:  # handed to whoever waits for the save
                    future.set_exception(exc)

    def close(self, *, wait: bool = True) -> None:
        """Finish the saves already submitted (or, with `wait=False`, leave them to end with
        the process); saves still waiting for the repository fail."""
        self.fail(DeskClosed())
        if self._thread is not None:
            self._calls.put(None)
            if wait:
                self._thread.join()
