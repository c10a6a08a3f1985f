"""Every example's invariants, under every start method.

These assert what holds for every run (the multiset of lines, the returned
values, the order where the API guarantees one), never a transcript.
"""

from __future__ import annotations

import ast
import re
from collections import Counter
from pathlib import Path

import pytest

from conftest import EXAMPLES, VERSIONS, needs, run_example
from pool_guide import runner

PID = re.compile(r" runs in process \d+$")


def run(name: str, method: str) -> tuple[int | None, list[str]]:
    return run_example(name, method)


def without_pids(lines: list[str]) -> list[str]:
    return [PID.sub("", line) for line in lines]


methods = pytest.mark.parametrize("method", runner.START_METHODS)


@methods
def test_apply_runs_calls_one_after_another(method: str) -> None:
    code, lines = run("apply.py", method)
    assert code == 0
    # apply() waits for each call, so on a terminal even the worker lines come in order.
    assert without_pids(lines) == [f"square({x})" for x in range(5)] + ["[0, 1, 4, 9, 16]"]


@methods
def test_apply_through_a_pipe_may_lose_or_regroup_worker_lines(method: str) -> None:
    code, lines = run_example("apply.py", method, capture="pipe")
    assert code == 0
    assert lines[-1] == "[0, 1, 4, 9, 16]"  # the script's own line, flushed when it exits
    # Each worker's lines come out when it exits, or never: no line twice, none spliced.
    workers = without_pids(lines[:-1])
    assert len(workers) == len(set(workers))
    assert set(workers) <= {f"square({x})" for x in range(5)}


@methods
def test_apply_async_returns_results_first_and_values_in_submission_order(method: str) -> None:
    code, lines = run("apply_async.py", method)
    assert code == 0
    assert lines[-1] == "[0, 1, 4, 9, 16]"
    handles = [line for line in lines if line.startswith("[<multiprocessing.pool.ApplyResult")]
    assert len(handles) == 1 and handles[0].count("ApplyResult object at 0x") == 5
    worker_lines = [line for line in without_pids(lines) if line.startswith("square(")]
    assert Counter(worker_lines) == Counter(f"square({x})" for x in range(5))  # any order
    assert len(lines) == 7


@methods
def test_map_returns_input_order_whatever_order_calls_ran(method: str) -> None:
    code, lines = run("map.py", method)
    assert code == 0
    assert Counter(without_pids(lines[:-1])) == Counter(f"square({x})" for x in range(5))
    assert lines[-1] == "[0, 1, 4, 9, 16]"


@methods
def test_starmap_unpacks_zipped_arguments(method: str) -> None:
    code, lines = run("starmap.py", method)
    assert code == 0
    pairs = ast.literal_eval(lines[0])
    assert pairs == [(0, 2), (1, 2), (2, 2), (3, 3), (4, 3)]
    calls = Counter(without_pids(lines[1:-1]))
    assert calls == Counter(f"power({b}, {e})" for b, e in pairs)
    assert ast.literal_eval(lines[-1]) == [b**e for b, e in pairs]


@methods
def test_map_with_tuples_fails_in_the_parent_with_the_workers_traceback(method: str) -> None:
    code, lines = run("map_with_tuples.py", method)
    text = "\n".join(lines)
    assert code == 1
    assert lines[-1] == "TypeError: power() missing 1 required positional argument: 'exponent'"
    assert "multiprocessing.pool.RemoteTraceback" in text
    assert "in mapstar" in text  # the worker called the mapper, which called power
    assert "The above exception was the direct cause of the following exception" in text


CHUNK_LINE = re.compile(r"^(mapstar|starmapstar) got chunk (\(.*\)) in process \d+$")


@methods
def test_chunks_are_the_ones_the_default_formula_predicts(method: str) -> None:
    code, lines = run("chunks.py", method)
    assert code == 0
    assert lines[0] == "10 items, 2 workers: default chunksize 2"
    # Split the output into the three calls; worker lines of a call come before its result.
    calls: list[tuple[str, list[tuple[str, tuple]]]] = []
    pending: list[tuple[str, tuple]] = []
    for line in lines[1:]:
        match = CHUNK_LINE.match(line)
        if match:
            pending.append((match[1], ast.literal_eval(match[2])))
        else:
            label, _, value = line.partition(": ")
            assert ast.literal_eval(value) == [x * x for x in range(10)]
            calls.append((label, pending))
            pending = []
    by_label = dict(calls)
    assert list(by_label) == ["map", "starmap", "map, chunksize=4"]
    pairs = [tuple(range(i, i + 2)) for i in range(0, 10, 2)]
    assert sorted(by_label["map"]) == [("mapstar", c) for c in pairs]
    assert sorted(by_label["starmap"]) == [("starmapstar", tuple((x, 2) for x in c)) for c in pairs]
    assert sorted(by_label["map, chunksize=4"]) == [
        ("mapstar", (0, 1, 2, 3)),
        ("mapstar", (4, 5, 6, 7)),
        ("mapstar", (8, 9)),
    ]


SIZED_INPUT_LINES = [
    "length 10, chunksize 2, bad item 8: raised ValueError('item 8 is bad')",
    "length 10, chunksize 2, bad item 7: still waiting after 2 s (multiprocessing.TimeoutError)",
]
TABLE_LINE = re.compile(r"length (\d+), chunksize (\d+): finished for bad item (\[[\d, ]*\])")


def finished_when_the_last_chunk_fails(lengths: range) -> dict[tuple[int, int], list[int]]:
    """The rule of map-engine.md: map finishes only if the bad item is in the last chunk."""
    table = {}
    for length in lengths:
        for chunksize in (1, 2, 3, 4):
            last_chunk = -(-length // chunksize) - 1
            table[length, chunksize] = [k for k in range(length) if k // chunksize == last_chunk]
    return table


def finished_table(lines: list[str]) -> dict[tuple[int, int], list[int]]:
    matches = [TABLE_LINE.fullmatch(line) for line in lines]
    assert all(matches), lines
    return {(int(m[1]), int(m[2])): ast.literal_eval(m[3]) for m in matches}


@methods
def test_map_over_a_sized_input_that_raises_finishes_only_if_the_last_chunk_fails(
    method: str,
) -> None:
    code, lines = run("map_input_raises_sized.py", method)
    assert code == 0
    assert lines[:2] == SIZED_INPUT_LINES
    assert finished_table(lines[2:]) == finished_when_the_last_chunk_fails(range(10, 11))


@pytest.mark.parametrize("version", VERSIONS)
def test_the_last_chunk_rule_holds_on_every_version(version: str) -> None:
    """Lengths 1 to 12, chunksizes 1 to 4, every bad item, on each interpreter found here."""
    lengths = range(1, 13)
    args = tuple(str(n) for n in lengths)
    code, lines = run_example("map_input_raises_sized.py", args=args, python=needs(version))
    assert code == 0
    assert lines[:2] == SIZED_INPUT_LINES
    assert finished_table(lines[2:]) == finished_when_the_last_chunk_fails(lengths)


def test_every_example_has_a_test() -> None:
    """A new script in examples/ needs its invariants in a tests/test_examples*.py file.

    A lab script (examples/performance/) has them in a tests/test_lab_*.py file, which
    checks the data the site's build measured; labkit.py and libraries.py are modules they
    import, not scripts.
    """
    tests = Path(__file__).parent
    source = "".join(p.read_text() for p in tests.glob("test_examples*.py"))
    lab_source = "".join(p.read_text() for p in tests.glob("test_lab_*.py"))
    untested = [p.name for p in EXAMPLES.glob("*.py") if f'"{p.name}"' not in source]
    # The pitfall pages' scripts are named by their file name or their path.
    untested += [
        p.name
        for p in (EXAMPLES / "pitfalls").glob("*.py")
        if f'"{p.name}"' not in source and f'"pitfalls/{p.name}"' not in source
    ]
    untested += [
        p.name
        for p in (EXAMPLES / "performance").glob("*.py")
        # A module the scripts import (labkit.py, libraries.py) runs nothing of its own.
        if 'if __name__ == "__main__":' in p.read_text()
        and f'"{p.stem}"' not in lab_source
        and p.name not in lab_source
    ]
    assert untested == []
