"""Invariants of the timeline examples (docs/timelines.md), under every start method.

Each script prints JSON lines: a setup object, one object per task (or per
chunk), then the orders. Times and PIDs vary from run to run; what is asserted
here holds on every run: the orders are permutations of the inputs, the orders
the API fixes are fixed, a worker runs one task at a time, and a chunk runs
whole, in one worker, in input order.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from functools import cache
from itertools import pairwise

import pytest

from conftest import run_example
from pool_guide import runner, timeline_charts

ITEMS = list(range(20))
SLOW = {1, 6, 11, 16}  # the inputs the scripts sleep 0.3 s on, instead of 0.05 s
CALL_SCRIPTS = {
    "timeline_map.py": "map",
    "timeline_map_chunksize1.py": "map",
    "timeline_imap.py": "imap",
    "timeline_imap_unordered.py": "imap_unordered",
    "timeline_apply_async.py": "apply_async",
}

methods = pytest.mark.parametrize("method", runner.START_METHODS)
call_scripts = pytest.mark.parametrize("name", sorted(CALL_SCRIPTS))


# The same fields as timeline_charts.Timeline, which the page's charts are drawn from.
Timeline = timeline_charts.Timeline  # tasks in the order printed: the returned order


@cache
def output_lines(name: str, method: str) -> tuple[str, ...]:
    code, lines = run_example(name, method)
    assert code == 0, "\n".join(lines)
    return tuple(lines)


def timeline(name: str, method: str) -> Timeline:
    objects = [json.loads(line) for line in output_lines(name, method)]
    setup, rest = objects[0], objects[1:]
    tasks = [o for o in rest if "index" in o]
    # Then one line per order, such as {"returned": [0, 1, ...]}, after every task line.
    orders = {k: v for o in rest[len(tasks) :] for k, v in o.items()}
    assert rest == tasks + [{k: v} for k, v in orders.items()]
    return Timeline(setup, tasks, orders)


def by_worker(tasks: list[dict]) -> dict[int, list[dict]]:
    workers: dict[int, list[dict]] = defaultdict(list)
    for task in sorted(tasks, key=lambda t: t["start"]):
        workers[task["pid"]].append(task)
    return workers


@methods
@call_scripts
def test_every_order_is_a_permutation_of_the_inputs(name: str, method: str) -> None:
    t = timeline(name, method)
    assert t.setup["call"] == CALL_SCRIPTS[name]
    assert t.setup["workers"] == 3 and t.setup["items"] == len(ITEMS)
    assert sorted(task["index"] for task in t.tasks) == ITEMS
    expected = ["submitted", "started", "finished", "returned"]
    if name == "timeline_apply_async.py":
        expected.append("arrived")
    assert list(t.orders) == expected
    for order in t.orders.values():
        assert sorted(order) == ITEMS


@methods
@call_scripts
def test_the_orders_match_the_recorded_times(name: str, method: str) -> None:
    t = timeline(name, method)
    tasks = {task["index"]: task for task in t.tasks}
    # Ties are possible at millisecond resolution, so check the order, not a re-sort.
    starts = [tasks[i]["start"] for i in t.orders["started"]]
    ends = [tasks[i]["end"] for i in t.orders["finished"]]
    returns = [tasks[i]["returned"] for i in t.orders["returned"]]
    assert starts == sorted(starts) and ends == sorted(ends) and returns == sorted(returns)
    assert t.orders["returned"] == [task["index"] for task in t.tasks]
    for task in t.tasks:
        assert 0 <= task["start"] <= task["end"] <= task["returned"]
        assert task["end"] - task["start"] >= (0.29 if task["index"] in SLOW else 0.04)


@methods
@call_scripts
def test_the_inputs_are_submitted_in_input_order(name: str, method: str) -> None:
    assert timeline(name, method).orders["submitted"] == ITEMS


@methods
@call_scripts
def test_a_worker_runs_one_task_at_a_time(name: str, method: str) -> None:
    workers = by_worker(timeline(name, method).tasks)
    assert 1 <= len(workers) <= 3
    for tasks in workers.values():
        for before, after in pairwise(tasks):
            assert before["end"] <= after["start"]


@methods
@pytest.mark.parametrize(
    "name", ["timeline_map.py", "timeline_map_chunksize1.py", "timeline_imap.py"]
)
def test_map_and_imap_return_results_in_input_order(name: str, method: str) -> None:
    assert timeline(name, method).orders["returned"] == ITEMS


@methods
def test_imap_returns_a_result_only_after_every_earlier_input_ended(method: str) -> None:
    tasks = sorted(timeline("timeline_imap.py", method).tasks, key=lambda t: t["index"])
    for n, task in enumerate(tasks):
        assert task["returned"] >= max(earlier["end"] for earlier in tasks[: n + 1])


@methods
def test_map_returns_every_result_at_once(method: str) -> None:
    for name in ("timeline_map.py", "timeline_map_chunksize1.py"):
        tasks = timeline(name, method).tasks
        assert len({task["returned"] for task in tasks}) == 1
        assert tasks[0]["returned"] >= max(task["end"] for task in tasks)


@methods
def test_a_default_chunk_runs_whole_in_one_worker_in_input_order(method: str) -> None:
    t = timeline("timeline_map.py", method)
    chunksize = math.ceil(len(ITEMS) / (4 * t.setup["workers"]))
    assert t.setup["chunksize"] == chunksize == 2
    for task in t.tasks:
        assert task["chunk"] == task["index"] // chunksize
    for tasks in by_worker(t.tasks).values():
        indices = [task["index"] for task in tasks]
        # Within a worker, each chunk's inputs are consecutive and in input order.
        chunks_seen = [i // chunksize for i in indices]
        for chunk in set(chunks_seen):
            positions = [p for p, c in enumerate(chunks_seen) if c == chunk]
            assert positions == list(range(positions[0], positions[0] + chunksize))
            assert [indices[p] for p in positions] == list(
                range(chunk * chunksize, (chunk + 1) * chunksize)
            )


@methods
def test_with_chunksize_1_each_chunk_is_one_input(method: str) -> None:
    t = timeline("timeline_map_chunksize1.py", method)
    assert t.setup["chunksize"] == 1
    assert [task["chunk"] for task in t.tasks] == ITEMS


@methods
@pytest.mark.parametrize(
    ("name", "order"),
    [("timeline_imap_unordered.py", "returned"), ("timeline_apply_async.py", "arrived")],
)
def test_results_from_one_worker_arrive_in_the_order_it_ran_them(
    name: str, order: str, method: str
) -> None:
    # Across workers the arrival order can differ from the finish order by a
    # hair; within one worker it cannot: a worker sends a result before it
    # takes its next task.
    t = timeline(name, method)
    position = {index: p for p, index in enumerate(t.orders[order])}
    for tasks in by_worker(t.tasks).values():
        positions = [position[task["index"]] for task in tasks]
        assert positions == sorted(positions)


@methods
def test_apply_async_get_in_a_loop_returns_in_submission_order(method: str) -> None:
    t = timeline("timeline_apply_async.py", method)
    assert t.orders["returned"] == t.orders["submitted"] == ITEMS


@methods
def test_chunking_matches_the_default_formula(method: str) -> None:
    calls: list[tuple[dict, list[dict]]] = []
    for line in output_lines("timeline_chunking.py", method):
        obj = json.loads(line)
        if "workers" in obj:
            calls.append((obj, []))
        else:
            calls[-1][1].append(obj)
    expected = {(2, 10): 2, (2, 40): 5, (2, 100): 13, (4, 10): 1, (4, 40): 3, (4, 100): 7}
    assert [(s["workers"], s["items"], s["chunksize"]) for s, _ in calls] == [
        (w, n, c) for (w, n), c in expected.items()
    ]
    for setup, chunks in calls:
        n, size = setup["items"], setup["chunksize"]
        assert size == math.ceil(n / (4 * setup["workers"]))
        assert [c["chunk"] for c in chunks] == list(range(math.ceil(n / size)))
        assert [(c["first"], c["last"]) for c in chunks] == [
            (first, min(first + size, n) - 1) for first in range(0, n, size)
        ]
        workers = by_worker(chunks)
        assert 1 <= len(workers) <= setup["workers"]
        for worker_chunks in workers.values():
            for before, after in pairwise(worker_chunks):
                assert before["end"] <= after["start"]  # one chunk at a time
        for chunk in chunks:
            # A chunk's inputs run one after another: 10 ms each, at least.
            assert chunk["end"] - chunk["start"] >= 0.0095 * (chunk["last"] - chunk["first"] + 1)


@methods
@call_scripts
def test_the_pages_chart_reads_what_the_script_prints(name: str, method: str) -> None:
    """The timeline-chart directive draws the output shown on the page with this parser."""
    t = timeline(name, method)
    assert timeline_charts.parse_timeline("\n".join(output_lines(name, method))) == t


@methods
def test_the_pages_chunking_chart_reads_what_the_script_prints(method: str) -> None:
    calls = timeline_charts.parse_chunking("\n".join(output_lines("timeline_chunking.py", method)))
    assert [(c.setup["workers"], c.setup["items"]) for c in calls] == [
        (w, n) for w in (2, 4) for n in (10, 40, 100)
    ]
    assert all(c.chunks[-1]["last"] == c.setup["items"] - 1 for c in calls)
