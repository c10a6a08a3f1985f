"""Invariants of the examples on the "Inside pool.py" page, under every start method.

They assert what holds on every run (which threads and workers exist, the order
imap hands results out), never a transcript.
"""

from __future__ import annotations

import ast
import re

import pytest

from conftest import run_example
from pool_guide import runner

methods = pytest.mark.parametrize("method", runner.START_METHODS)

#: The class-name prefix of a pool worker under each start method: ForkProcess -> ForkPoolWorker.
WORKER_PREFIX = {"fork": "Fork", "spawn": "Spawn", "forkserver": "ForkServer"}


def run(name: str, method: str) -> list[str]:
    """Run an example; it must also exit 0."""
    code, lines = run_example(name, method)
    assert code == 0, "\n".join(lines)
    return lines


def worker_name(method: str) -> re.Pattern[str]:
    return re.compile(rf"{WORKER_PREFIX[method]}PoolWorker-(\d+)")


def value_after(lines: list[str], label: str):
    """The Python value printed after ``label`` on the one line that starts with it."""
    (line,) = [line for line in lines if line.startswith(label)]
    return ast.literal_eval(line[len(label) :].strip())


@methods
def test_pool_adds_three_handler_threads_and_named_workers(method: str) -> None:
    lines = run("internals_threads.py", method)
    assert lines[0] == f"start method: {method}"
    assert value_after(lines, "threads before Pool():") == ["MainThread"]

    start = lines.index("threads that Pool() added:")
    added = [line.strip() for line in lines[start + 1 : start + 4]]
    assert all(re.fullmatch(r"Thread-\d+ \(\w+\)", name) for name in added), added
    assert lines[start + 4].startswith("worker processes:")  # exactly three new threads
    # Since 3.10 (this project's minimum) a thread's default name ends with its target.
    # In creation order:
    targets = [name.split(" ")[1] for name in added]
    assert targets == ["(_handle_workers)", "(_handle_tasks)", "(_handle_results)"]

    workers = value_after(lines, "worker processes:")
    pattern = worker_name(method)
    assert len(workers) == 2 and all(pattern.fullmatch(w) for w in workers), workers
    (ran_in,) = [line for line in lines if line.startswith("apply() ran in: ")]
    assert ran_in.removeprefix("apply() ran in: ") in workers  # a worker knows its own name

    # terminate() at the end of the with block joined every thread and every worker.
    assert value_after(lines, "threads after the with block:") == ["MainThread"]
    assert value_after(lines, "worker processes after the with block:") == []


@methods
def test_imap_parks_early_results_until_item_0_arrives(method: str) -> None:
    lines = run("internals_imap_reorder.py", method)
    assert lines == [
        "arrived early, parked in it._unsorted: "
        "{1: (True, 1), 2: (True, 4), 3: (True, 9), 4: (True, 16), 5: (True, 25)}",
        "next(timeout=0.5): TimeoutError; item 0 has not arrived",
        "next(): 0",
        "it._unsorted: {}   it._items: [(True, 1), (True, 4), (True, 9), (True, 16), (True, 25)]",
        "the rest: [1, 4, 9, 16, 25]",
    ]


@methods
def test_worker_handler_replaces_a_dead_worker(method: str) -> None:
    lines = run("internals_replace_worker.py", method)
    pattern = worker_name(method)
    before = value_after(lines, "workers:")
    after = value_after(lines, "workers after one died:")
    assert all(pattern.fullmatch(w) for w in before + after), (before, after)
    assert len(before) == len(after) == 2
    # One of the first two workers is gone, and the next number took its place.
    numbers_before = {int(pattern.fullmatch(w)[1]) for w in before}
    numbers_after = {int(pattern.fullmatch(w)[1]) for w in after}
    assert len(numbers_before & numbers_after) == 1
    assert numbers_after - numbers_before == {max(numbers_before) + 1}
    assert "the task that killed its worker: get(timeout=1) timed out" in lines
    assert lines[-1] == "the pool still works: [1, 2, 3]"
