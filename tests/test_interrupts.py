"""Ctrl-C in the main process of a parallel build: readers alive are told to stop, and a
reader forked afterwards (which the terminal's SIGINT never reached) stops by itself."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest

from pool_guide import interrupts, readers, run_lock


@pytest.fixture
def main_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(interrupts, "_main_pid", os.getpid())
    monkeypatch.setattr(interrupts, "_interrupted", False)


def test_the_first_sigint_stops_every_child_and_raises(main_process: None) -> None:
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        with pytest.raises(KeyboardInterrupt):
            interrupts._on_sigint(signal.SIGINT, None)
        assert child.wait(timeout=10) == -signal.SIGTERM
    finally:
        child.kill()
        child.wait()


def test_a_reader_forked_after_the_interrupt_reads_and_runs_nothing(
    main_process: None, tmp_path: os.PathLike, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(run_lock.LOCK_DIR_VARIABLE, str(tmp_path))
    with pytest.raises(KeyboardInterrupt):
        interrupts._on_sigint(signal.SIGINT, None)
    with pytest.raises(KeyboardInterrupt):
        readers.reading(None, "page", [""])  # type: ignore[arg-type]
    with pytest.raises(KeyboardInterrupt), run_lock.PageTurn().run("page", exclusive=False):
        pass


def test_before_any_interrupt_readers_go_on(main_process: None) -> None:
    interrupts.stop_if_interrupted()  # does not raise
