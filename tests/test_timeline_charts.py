"""Unit tests of conf/pool_guide/timeline_charts.py: reading a timeline script's output."""

from __future__ import annotations

import json
import re

import pytest
from docutils import nodes

from pool_guide import timeline_charts as tc


def _lines(*objects: dict) -> str:
    return "".join(json.dumps(o) + "\n" for o in objects)


SETUP = {"call": "map", "workers": 2, "items": 3, "chunksize": 2}
TASKS = [
    {"index": 0, "chunk": 0, "pid": 101, "start": 0.01, "end": 0.06, "returned": 0.2},
    {"index": 1, "chunk": 0, "pid": 101, "start": 0.06, "end": 0.11, "returned": 0.2},
    {"index": 2, "chunk": 1, "pid": 202, "start": 0.02, "end": 0.07, "returned": 0.2},
]
ORDERS = [
    {"submitted": [0, 1, 2]},
    {"started": [0, 2, 1]},
    {"finished": [0, 2, 1]},
    {"returned": [0, 1, 2]},
]
OUTPUT = _lines(SETUP, *TASKS, *ORDERS)

CHUNKING = _lines(
    {"workers": 2, "items": 4, "chunksize": 1},
    {"chunk": 0, "first": 0, "last": 0, "pid": 7, "start": 0.0, "end": 0.01},
    {"chunk": 1, "first": 1, "last": 1, "pid": 8, "start": 0.0, "end": 0.01},
    {"chunk": 2, "first": 2, "last": 2, "pid": 7, "start": 0.01, "end": 0.02},
    {"chunk": 3, "first": 3, "last": 3, "pid": 7, "start": 0.02, "end": 0.03},
    {"workers": 4, "items": 10, "chunksize": 1},
    *[
        {"chunk": i, "first": i, "last": i, "pid": 10 + i % 4, "start": 0.0, "end": 0.01}
        for i in range(10)
    ],
)


def test_a_timeline_is_its_setup_its_tasks_and_its_orders() -> None:
    t = tc.parse_timeline(OUTPUT)
    assert t.setup == SETUP
    assert t.tasks == TASKS
    assert t.orders == {k: v for o in ORDERS for k, v in o.items()}
    assert list(t.orders) == ["submitted", "started", "finished", "returned"]


def test_a_pseudo_terminals_line_endings_and_blank_lines_are_read() -> None:
    assert tc.parse_timeline(OUTPUT.replace("\n", "\r\n") + "\n") == tc.parse_timeline(OUTPUT)


@pytest.mark.parametrize(
    ("output", "message"),
    [
        ("", "empty"),
        ("Traceback (most recent call last):\n", "not JSON"),
        (_lines(TASKS[0], *TASKS[1:]), "first line is a task"),
        (_lines(SETUP, *ORDERS), "no task lines"),
        (_lines(SETUP, TASKS[0], ORDERS[0], *TASKS[1:]), "order line comes before"),
        (_lines(SETUP, {"index": 0, "pid": 1}), "has no end, returned, start"),
        (_lines(SETUP, *TASKS, {"started": [0], "finished": [0]}), "one order"),
    ],
)
def test_an_output_that_is_not_a_timeline_is_an_error(output: str, message: str) -> None:
    with pytest.raises(tc.TimelineError, match=message):
        tc.parse_timeline(output)


def test_the_chunking_output_is_read_call_by_call() -> None:
    calls = tc.parse_chunking(CHUNKING)
    assert [c.setup["workers"] for c in calls] == [2, 4]
    assert [len(c.chunks) for c in calls] == [4, 10]
    assert calls[0].chunks[1] == {
        "chunk": 1,
        "first": 1,
        "last": 1,
        "pid": 8,
        "start": 0.0,
        "end": 0.01,
    }


@pytest.mark.parametrize(
    ("output", "message"),
    [
        (_lines({"chunk": 0, "first": 0, "last": 0, "pid": 7, "start": 0, "end": 1}), "before"),
        (_lines({"workers": 2, "items": 4, "chunksize": 1}), "no chunk lines"),
        (_lines({"workers": 2, "items": 4, "chunksize": 1}, {"chunk": 0}), "has no end"),
    ],
)
def test_an_output_that_is_not_a_chunking_run_is_an_error(output: str, message: str) -> None:
    with pytest.raises(tc.TimelineError, match=message):
        tc.parse_chunking(output)


def test_workers_are_rows_in_the_order_they_first_started() -> None:
    assert tc.worker_rows(TASKS) == [101, 202]


def test_the_gantt_chart_shows_the_runs_pids_in_theme_colours() -> None:
    svg = tc.gantt_svg(tc.parse_timeline(OUTPUT), salt="test")
    assert svg.startswith("<svg")
    texts = re.sub(r"<[^>]+>", " ", svg)
    assert "pid 101" in texts and "pid 202" in texts and "caller:" in texts
    assert "var(--pg-chart-ink)" in svg and "var(--pg-chart-0)" in svg
    # Only theme variables: no fixed colour that would stay white (or black) in a dark theme.
    assert not re.search(r"(fill|stroke)\s*[:=]\s*\"?#[0-9a-fA-F]{3,6}", svg)


def test_the_chunking_chart_has_a_panel_per_call() -> None:
    svg = tc.chunks_svg(tc.parse_chunking(CHUNKING), salt="test")
    texts = re.sub(r"<[^>]+>", " ", svg)
    assert "4 inputs, 2 workers: chunksize 1" in texts
    assert "10 inputs, 4 workers: chunksize 1" in texts
    assert not re.search(r"(fill|stroke)\s*[:=]\s*\"?#[0-9a-fA-F]{3,6}", svg)


def _cells(table: nodes.table) -> list[list[str]]:
    return [[entry.astext() for entry in row.children] for row in table.findall(nodes.row)]


def test_the_data_table_has_a_row_per_input_with_its_pid() -> None:
    rows = _cells(tc.task_table(tc.parse_timeline(OUTPUT)))
    assert rows[0] == ["input", "chunk", "worker PID", "started", "finished", "returned"]
    assert rows[1:] == [
        ["0", "0", "101", "0.010", "0.060", "0.200"],
        ["1", "0", "101", "0.060", "0.110", "0.200"],
        ["2", "1", "202", "0.020", "0.070", "0.200"],
    ]


def test_the_orders_are_listed_as_printed() -> None:
    listing = tc.orders_list(tc.parse_timeline(OUTPUT))
    assert [item.astext() for item in listing.children] == [
        "submitted: 0, 1, 2",
        "started: 0, 2, 1",
        "finished: 0, 2, 1",
        "returned: 0, 1, 2",
    ]


def test_the_formula_table_puts_the_formula_beside_the_run() -> None:
    rows = _cells(tc.formula_table(tc.parse_chunking(CHUNKING)))
    assert rows[1:] == [["4", "2", "1", "1", "4", "2"], ["10", "4", "1", "1", "10", "4"]]
    chunk_rows = _cells(tc.chunk_table(tc.parse_chunking(CHUNKING)))
    assert len(chunk_rows) == 1 + 14 and chunk_rows[2][3:5] == ["1 to 1", "8"]
