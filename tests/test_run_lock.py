"""The run lock: ordinary runs overlap, an exclusive run is alone and is not starved,
and a holder that dies or hangs cannot block the next build for ever."""

from __future__ import annotations

import multiprocessing
import os
import signal
import time
from pathlib import Path

import fasteners
import pytest

from pool_guide import run_lock


@pytest.fixture(autouse=True)
def private_lock(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A lock of this test's own, so that a build running beside it is not involved.
    monkeypatch.setenv(run_lock.LOCK_DIR_VARIABLE, str(tmp_path / "locks"))


def _hold(exclusive: bool, seconds: float, name: str, log) -> None:
    with run_lock.hold(exclusive):
        log.put((name, "in", time.monotonic()))
        time.sleep(seconds)
        log.put((name, "out", time.monotonic()))


def _start(exclusive: bool, seconds: float, name: str, log) -> multiprocessing.Process:
    proc = multiprocessing.get_context("spawn").Process(
        target=_hold, args=(exclusive, seconds, name, log)
    )
    proc.start()
    return proc


def _events(log, count: int) -> list[tuple[str, str]]:
    """The events in the order they happened: each process's queue feeder thread sends its
    own, so a holder's "out" can reach the queue after the next holder's "in"."""
    events = [log.get(timeout=30) for _ in range(count)]
    return [event[:2] for event in sorted(events, key=lambda event: event[2])]


def test_shared_holders_overlap() -> None:
    log = multiprocessing.get_context("spawn").Queue()
    procs = [_start(False, 1.0, name, log) for name in ("a", "b")]
    events = _events(log, 4)
    for proc in procs:
        proc.join()
    # Both were in before either left.
    assert [kind for _, kind in events[:2]] == ["in", "in"]


def test_an_exclusive_holder_waits_for_runs_in_progress_and_goes_before_new_ones() -> None:
    log = multiprocessing.get_context("spawn").Queue()
    first = _start(False, 2.0, "shared-first", log)
    assert log.get(timeout=30)[:2] == ("shared-first", "in")
    alone = _start(True, 0.5, "alone", log)
    _wait_until_the_gate_is_held()  # "alone" waits there for "shared-first" to end
    later = _start(False, 0.1, "shared-later", log)
    events = _events(log, 5)
    for proc in (first, alone, later):
        proc.join()
    assert events == [
        ("shared-first", "out"),
        ("alone", "in"),
        ("alone", "out"),
        ("shared-later", "in"),
        ("shared-later", "out"),
    ]


def _wait_until_the_gate_is_held() -> None:
    gate = fasteners.InterProcessLock(run_lock.lock_dir() / "runs.gate")
    deadline = time.monotonic() + 30
    while gate.acquire(blocking=False):
        gate.release()
        assert time.monotonic() < deadline, "nobody took the gate"
        time.sleep(0.01)


def test_a_holder_that_is_killed_leaves_no_lock() -> None:
    log = multiprocessing.get_context("spawn").Queue()
    holder = _start(True, 3600, "killed", log)
    assert log.get(timeout=30)[:2] == ("killed", "in")
    os.kill(holder.pid, signal.SIGKILL)
    holder.join()
    with run_lock.hold(True, timeout=5) as held:
        assert held.exclusive and held.waited < 5


def test_a_wait_past_the_timeout_is_an_error_that_names_the_lock() -> None:
    log = multiprocessing.get_context("spawn").Queue()
    holder = _start(True, 3, "slow", log)
    assert log.get(timeout=30)[:2] == ("slow", "in")
    with pytest.raises(run_lock.LockTimeout, match=r"waited 0\.5 s for its turn"):
        with run_lock.hold(False, timeout=0.5):
            pass
    holder.join()


def _try_shared(result) -> None:
    try:
        with run_lock.hold(False, timeout=0.3):
            result.put("got it")
    except run_lock.LockTimeout:
        result.put("kept out")


def _shared_attempt() -> str:
    result = multiprocessing.get_context("spawn").Queue()
    proc = multiprocessing.get_context("spawn").Process(target=_try_shared, args=(result,))
    proc.start()
    proc.join()
    return result.get(timeout=5)


def test_a_page_keeps_its_exclusive_turn_from_one_example_to_the_next() -> None:
    turn = run_lock.PageTurn()
    with turn.run("capture", exclusive=True):
        pass
    assert _shared_attempt() == "kept out"  # between two exclusive examples of the page
    with turn.run("capture", exclusive=True) as held:
        assert held.exclusive and held.waited == 0.0
    turn.release()  # the page has been read
    assert _shared_attempt() == "got it"
    with turn.run("capture", exclusive=True):
        pass
    with turn.run("capture", exclusive=False):  # an example that may overlap ends the turn
        assert _shared_attempt() == "got it"
