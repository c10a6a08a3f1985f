"""The capture examples: which lines survive each way of capturing output.

Invariants only: under a terminal, every worker line arrives whole; through a
pipe, no line is spliced (some may be lost); unbuffered, no line is lost (some may
be spliced); each fix delivers every line.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest

from conftest import run_example
from pool_guide import runner

RESULT = str([x * x for x in range(10)])
EXPECTED = Counter(f"square({x})" for x in range(10))
methods = pytest.mark.parametrize("method", runner.START_METHODS)


def run(name: str, method: str, capture: str = "pty") -> list[str]:
    code, lines = run_example(name, method, capture=capture)
    assert code == 0, "\n".join(lines)
    return lines


@methods
def test_print_on_a_terminal_gives_every_line_whole(method: str) -> None:
    lines = run("capture_print.py", method)
    assert Counter(lines[:-1]) == EXPECTED
    assert lines[-1] == RESULT


@methods
def test_print_through_a_pipe_may_lose_lines_but_never_splices(method: str) -> None:
    lines = run("capture_print.py", method, "pipe")
    assert lines[-1] == RESULT  # the parent's own line is flushed at exit
    workers = Counter(lines[:-1])
    assert all(workers[line] <= EXPECTED[line] for line in workers)
    assert set(workers) <= set(EXPECTED)


@methods
def test_print_unbuffered_may_splice_lines_but_never_loses_them(method: str) -> None:
    lines = run("capture_print.py", method, "pipe-unbuffered")
    text = "\n".join(lines)
    assert Counter(re.findall(r"square\(\d\)", text)) == EXPECTED
    assert lines[-1] == RESULT


@methods
def test_flush_delivers_every_line_through_a_pipe(method: str) -> None:
    lines = run("capture_flush.py", method, "pipe")
    assert Counter(lines[:-1]) == EXPECTED
    assert lines[-1] == RESULT


@methods
def test_returning_values_prints_in_input_order(method: str) -> None:
    lines = run("capture_return.py", method, "pipe")
    assert [re.sub(r"\d+$", "PID", line) for line in lines] == [
        f"square({x}) = {x * x}, computed in process PID" for x in range(10)
    ]


@methods
def test_logging_through_a_queue_delivers_every_record_whole(method: str) -> None:
    lines = run("capture_logging.py", method, "pipe")
    assert lines[-1] == RESULT
    records = [re.fullmatch(r"\w+PoolWorker-\d+: (square\(\d\))", line) for line in lines[:-1]]
    assert all(records), lines
    assert Counter(r[1] for r in records) == EXPECTED
