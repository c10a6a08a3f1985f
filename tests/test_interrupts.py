"""Ctrl-C in the main process of a parallel build: readers alive are told to stop, and a
reader forked afterwards (which the terminal's SIGINT never reached) stops by itself."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from pool_guide import interrupts, readers, run_lock


@pytest.fixture
def a_reader(monkeypatch: pytest.MonkeyPatch) -> None:
    """This process as a reader (not the build's main process): the handler signals no one."""
    monkeypatch.setattr(interrupts, "_main_pid", -1)
    monkeypatch.setattr(interrupts, "_interrupted", False)


def test_the_first_sigint_stops_every_child_and_raises() -> None:
    """In a process of its own: the handler signals every child of the process it runs in,
    and the test process's children include the browser tests' Chromium."""
    script = (
        "import os, signal, subprocess, sys\n"
        "from pool_guide import interrupts\n"
        "interrupts._main_pid = os.getpid()\n"
        "child = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)'])\n"
        "try:\n"
        "    interrupts._on_sigint(signal.SIGINT, None)\n"
        "except KeyboardInterrupt:\n"
        "    print('raised', child.wait(timeout=10))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONPATH": str(Path(interrupts.__file__).parents[1])},
    )
    assert done.stdout.split() == ["raised", str(-signal.SIGTERM)], done.stderr


def test_a_reader_forked_after_the_interrupt_reads_and_runs_nothing(
    a_reader: None, tmp_path: os.PathLike, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(run_lock.LOCK_DIR_VARIABLE, str(tmp_path))
    with pytest.raises(KeyboardInterrupt):
        interrupts._on_sigint(signal.SIGINT, None)
    with pytest.raises(KeyboardInterrupt):
        readers.reading(None, "page", [""])  # type: ignore[arg-type]
    with pytest.raises(KeyboardInterrupt), run_lock.PageTurn().run("page", exclusive=False):
        pass


def test_before_any_interrupt_readers_go_on(a_reader: None) -> None:
    interrupts.stop_if_interrupted()  # does not raise
