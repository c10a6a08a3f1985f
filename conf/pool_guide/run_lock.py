"""Shared and exclusive example runs, across every process of every build on this machine.

Most runs may overlap: Sphinx's parallel readers run them side by side. A run whose
output depends on having the machine to itself (an ordering study, a timeline, a
measurement) takes the lock exclusively: it starts once the runs in progress end,
and no other run starts until it ends.

Two lock files, from fasteners (``fcntl`` on POSIX, ``LockFileEx`` on Windows):

* ``runs.lock``, a reader-writer lock: shared for an ordinary run, exclusive for
  a run that must be alone;
* ``runs.gate``, taken briefly by every run before the other, and held by an
  exclusive run while it waits: new shared runs queue behind it, so a stream of
  overlapping ordinary runs cannot starve it.

The operating system drops a process's locks when it dies, so a build killed
half-way leaves nothing that blocks the next one. The files are per user, in the
temporary folder, so that two builds (or the tests beside a build) share them;
``POOL_GUIDE_RUN_LOCK_DIR`` puts them elsewhere.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

import fasteners

from .interrupts import stop_if_interrupted

LOCK_DIR_VARIABLE = "POOL_GUIDE_RUN_LOCK_DIR"
# fasteners polls for a lock it cannot have yet. Short pauses: a reader left waiting
# after an exclusive run ends is a lane of the build standing idle.
POLL = {"delay": 0.005, "max_delay": 0.02}


class LockTimeout(TimeoutError):
    """The run waited longer than it may for its turn."""


@dataclass
class Held:
    """How a run held the lock: exclusively or not, and how long it waited for it."""

    exclusive: bool
    waited: float = 0.0


def lock_dir() -> Path:
    configured = os.environ.get(LOCK_DIR_VARIABLE)
    if configured:
        return Path(configured)
    user = getattr(os, "getuid", lambda: "user")()
    return Path(tempfile.gettempdir()) / f"pool-guide-{user}"


@contextmanager
def hold(exclusive: bool, timeout: float | None = None) -> Iterator[Held]:
    """Hold the run lock, shared or exclusive, for the duration of the block.

    Raises :class:`LockTimeout` after waiting ``timeout`` seconds for a turn.
    """
    folder = lock_dir()
    folder.mkdir(parents=True, exist_ok=True)
    gate = fasteners.InterProcessLock(folder / "runs.gate")
    runs = fasteners.InterProcessReaderWriterLock(folder / "runs.lock")
    held = Held(exclusive)
    asked = time.monotonic()
    if not gate.acquire(timeout=timeout, **POLL):
        raise LockTimeout(_waited_too_long(folder, timeout))
    try:
        left = None if timeout is None else max(timeout - (time.monotonic() - asked), 0.01)
        acquire = runs.acquire_write_lock if exclusive else runs.acquire_read_lock
        if not acquire(timeout=left, **POLL):
            raise LockTimeout(_waited_too_long(folder, timeout))
    finally:
        gate.release()
    held.waited = time.monotonic() - asked
    try:
        yield held
    finally:
        if exclusive:
            runs.release_write_lock()
        else:
            runs.release_read_lock()


class PageTurn:
    """An exclusive turn kept from one exclusive example of a page to the next.

    Each exclusive turn first waits for the runs in progress to end, and the build's
    other readers stand idle meanwhile. A page with several timing examples in a row
    (the capture studies, the timelines) therefore takes one turn for all of them, and
    gives it back when a run on it may overlap again or the page has been read.
    """

    def __init__(self) -> None:
        self.docname: str | None = None
        self._stack: ExitStack | None = None

    @contextmanager
    def run(self, docname: str, exclusive: bool, timeout: float | None = None) -> Iterator[Held]:
        stop_if_interrupted()  # no new run once the build has been told to stop
        if exclusive and self.docname == docname:
            yield Held(exclusive=True)  # this page is alone already
            return
        self.release()
        if not exclusive:
            with hold(False, timeout) as held:
                yield held
            return
        stack = ExitStack()
        held = stack.enter_context(hold(True, timeout))
        self.docname, self._stack = docname, stack
        yield held

    def release(self, *args: object) -> None:
        """Give the turn back (also usable as a Sphinx event handler)."""
        if self._stack is not None:
            self._stack.close()
        self.docname, self._stack = None, None


#: One per process: Sphinx's parallel readers are processes, each reading one page at a time.
PAGE_TURN = PageTurn()


def _waited_too_long(folder: Path, timeout: float | None) -> str:
    return (
        f"waited {timeout:g} s for its turn to run: another build or test run on this "
        f"machine kept the run lock in {folder} (see pool_guide_lock_timeout)"
    )
