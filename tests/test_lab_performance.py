"""Invariants of the performance lab's data: what holds on every run, never measured values."""

from __future__ import annotations

import math

import pytest


def check(data, dimensions, metrics):
    """Common shape: the machine, at least five repeats, one row per point, positive metrics."""
    assert data["repeats"] >= 5
    machine = data["machine"]
    assert machine["cpu_count"] >= 1
    assert machine["python"] and machine["system"]
    points = set()
    for row in data["rows"]:
        assert set(row) == set(dimensions) | set(metrics), row
        point = tuple(row[d] for d in dimensions)
        assert point not in points, f"duplicate point {point}"
        points.add(point)
        for metric in metrics:
            values = row[metric]
            assert len(values) == data["repeats"], (point, metric)
            assert all(math.isfinite(v) and v > 0 for v in values), (point, metric, values)
    return points


@pytest.mark.site
def test_overhead(lab_data):
    data = lab_data("overhead")
    points = check(data, ["method", "task_us", "tasks"], ["seconds", "speedup", "per_task_us"])
    processes = data["params"]["processes"]
    methods = {"loop", "apply", "apply_async", "map", "imap", "imap_unordered"}
    durations = [10, 30, 100, 300, 1000, 3000, 10000, 30000, 100000]
    assert {(m, us) for m, us, _ in points} == {(m, us) for m in methods for us in durations}
    for row in data["rows"]:
        assert row["tasks"] % processes == 0  # whole rounds of tasks
        # 1 to 200 tasks a worker, aiming at 10 ms of work a point
        per_worker = max(1, min(200, round(10_000 / row["task_us"] / processes)))
        assert row["tasks"] == processes * per_worker
        if row["method"] == "loop":
            assert row["speedup"] == [1.0] * data["repeats"]
    # The break-even mark is there when map's median speed-up crosses 1 inside the sweep.
    for mark in data["marks"]:
        assert mark["label"] == "break-even (map)"
        assert mark["axis"] == "x" and durations[0] <= mark["value"] <= durations[-1]


@pytest.mark.site
def test_chunksize(lab_data):
    data = lab_data("chunksize")
    points = check(
        data, ["workload", "method", "chunksize", "default"], ["seconds", "throughput_per_s"]
    )
    n, processes = data["params"]["tasks"], data["params"]["processes"]
    chunks, extra = divmod(n, processes * 4)
    default = chunks + 1 if extra else chunks
    largest = n // processes
    for workload in ("uniform", "skewed"):
        assert (workload, "map", default, True) in points
        assert (workload, "imap", 1, True) in points  # imap's default chunksize is 1
        for method in ("map", "imap"):
            sizes = {c for w, m, c, d in points if (w, m, d) == (workload, method, False)}
            assert largest in sizes
            assert sizes | ({1} if method == "imap" else set()) >= {1, largest}
            assert 4 in sizes  # the page's skewed-workload claim reads chunksize 4
    assert {"axis": "x", "value": default, "label": "map's default chunksize"} in data["marks"]


@pytest.mark.site
def test_data_size(lab_data):
    data = lab_data("data_size")
    points = check(data, ["direction", "nbytes"], ["seconds", "throughput_mb_s"])
    sizes = [10**k for k in range(3, 8)]
    assert points == {(d, s) for d in ("argument", "result") for s in sizes}


@pytest.mark.site
def test_big_data(lab_data):
    data = lab_data("big_data")
    metrics = ["seconds", "parent_peak_rss_mb", "worker_peak_rss_mb", "worker_private_mb"]
    points = check(data, ["way"], metrics)
    assert points == {("argument",), ("initializer",), ("inherit",), ("shared_memory",)}


@pytest.mark.site
def test_processes(lab_data):
    data = lab_data("processes")
    points = check(data, ["kind", "pool", "processes"], ["seconds", "throughput_per_s"])
    counts = range(1, 2 * data["machine"]["cpu_count"] + 1)
    kinds, pools = ("cpu", "sleep"), ("Pool", "ThreadPool")
    assert points == {(k, p, c) for k in kinds for p in pools for c in counts}
    assert 4 in counts  # the page's claims read 4 workers: this needs 2 or more logical CPUs


@pytest.mark.site
def test_startup(lab_data):
    data = lab_data("startup")
    methods, phases = ("fork", "spawn", "forkserver"), ("first result", "close and join")
    # Two kinds of rows: timings (method, phase, seconds), and one outcome a method: whether a
    # worker imports the main module again (method, check, outcome).
    timed = [row for row in data["rows"] if "phase" in row]
    checks = [row for row in data["rows"] if "phase" not in row]
    points = check({**data, "rows": timed}, ["method", "phase"], ["seconds"])
    assert points == {(m, p) for m in methods for p in phases}
    assert sorted(row["method"] for row in checks) == sorted(methods)
    for row in checks:
        assert set(row) == {"method", "check", "outcome"}, row
        assert row["check"] == "worker imports __main__"
        assert row["outcome"].startswith(("yes: ", "no: ")), row
    fork = next(row for row in checks if row["method"] == "fork")
    assert fork["outcome"].startswith("no: ")  # a forked worker has the parent's copy


@pytest.mark.site
def test_memory(lab_data):
    data = lab_data("memory")
    points = check(data, ["way"], ["seconds", "parent_peak_rss_mb"])
    assert points == {("map",), ("imap",), ("batches",)}
