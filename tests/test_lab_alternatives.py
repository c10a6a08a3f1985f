"""Invariants of the alternatives lab: Pool, ProcessPoolExecutor, joblib, loky, mpire, multiprocess.

The tests read the JSON the lab scripts wrote (``lab_data``) and check what holds on every
run and every machine: every point is measured, with one value a repeat, and the behaviours
that do not depend on timing come out the same.
"""

from __future__ import annotations

import statistics

import pytest

pytestmark = pytest.mark.site

LIBRARIES = [
    "multiprocessing.Pool",
    "ProcessPoolExecutor",
    "ProcessPoolExecutor (chunksize)",
    "joblib (loky)",
    "loky",
    "mpire",
    "mpire (keep_alive=True)",
    "multiprocess",
]
# Timed only: the behaviour script runs each library once, with its defaults.
TIMED_ONLY = {"ProcessPoolExecutor (chunksize)", "mpire (keep_alive=True)"}
WORKLOADS = ["startup", "tiny", "heavy", "big_arg"]
BEHAVIOURS = ["print in a task", "a lambda", "an exception", "same task twice", "a killed worker"]


def row(data: dict, **where: str) -> dict:
    rows = [r for r in data["rows"] if all(r.get(k) == v for k, v in where.items())]
    assert len(rows) == 1, f"{len(rows)} rows match {where}"
    return rows[0]


def outcome(data: dict, library: str, behaviour: str) -> str:
    return row(data, library=library, behaviour=behaviour)["outcome"]


def test_every_library_runs_every_workload(lab_data) -> None:
    data = lab_data("alternatives")
    points = {(r["library"], r["workload"]) for r in data["rows"]}
    assert points == {(lib, w) for lib in LIBRARIES for w in WORKLOADS}
    assert len(data["rows"]) == len(points)


def test_metrics_have_one_value_a_repeat(lab_data) -> None:
    data = lab_data("alternatives")
    assert data["repeats"] >= 5
    for r in data["rows"]:
        metrics = {k: v for k, v in r.items() if isinstance(v, list)}
        assert "seconds" in metrics, r
        for name, values in metrics.items():
            assert len(values) == data["repeats"], (r["library"], r["workload"], name)
            assert all(v > 0 for v in values), (r["library"], r["workload"], name)


def test_tiny_has_a_cost_per_task_and_big_arg_a_memory_peak(lab_data) -> None:
    data = lab_data("alternatives")
    for lib in LIBRARIES:
        tiny = row(data, library=lib, workload="tiny")
        expected = [s / data["params"]["tiny_tasks"] * 1e6 for s in tiny["seconds"]]
        assert tiny["per_task_us"] == pytest.approx(expected)
        big = row(data, library=lib, workload="big_arg")
        assert "parent_alloc_peak_mb" in big


def test_the_machine_and_the_workload_are_recorded(lab_data) -> None:
    for name in ("alternatives", "alternatives_behaviour"):
        data = lab_data(name)
        assert data["machine"]["cpu_count"] >= 1
        assert data["machine"]["python"]
        assert data["params"]["workers"] == 2


def test_chunksize_1_pays_more_for_tiny_tasks(lab_data) -> None:
    # 1000 tasks of 10 µs: one round trip a task against about eight in all.
    data = lab_data("alternatives")

    def tiny(lib: str) -> float:
        return statistics.median(row(data, library=lib, workload="tiny")["seconds"])

    assert tiny("ProcessPoolExecutor") > tiny("ProcessPoolExecutor (chunksize)")


def test_mpire_s_default_starts_and_stops_its_workers_in_every_map(lab_data) -> None:
    # keep_alive=False: each map starts two workers and joins them; keep_alive=True: neither.
    data = lab_data("alternatives")

    def median(lib: str, workload: str) -> float:
        return statistics.median(row(data, library=lib, workload=workload)["seconds"])

    for workload in ("startup", "tiny"):
        assert median("mpire", workload) > median("mpire (keep_alive=True)", workload), workload


def test_every_library_shows_every_behaviour(lab_data) -> None:
    data = lab_data("alternatives_behaviour")
    libraries = [lib for lib in LIBRARIES if lib not in TIMED_ONLY]
    points = {(r["library"], r["behaviour"]) for r in data["rows"]}
    assert points == {(lib, b) for lib in libraries for b in BEHAVIOURS}
    assert all(r["outcome"] and not r["outcome"].startswith("error") for r in data["rows"])


def test_a_lambda_needs_cloudpickle_or_dill(lab_data) -> None:
    data = lab_data("alternatives_behaviour")
    for lib in ("multiprocessing.Pool", "ProcessPoolExecutor"):
        assert outcome(data, lib, "a lambda").startswith("can't pickle"), lib
    for lib in ("joblib (loky)", "loky", "multiprocess"):  # cloudpickle, cloudpickle, dill
        assert outcome(data, lib, "a lambda") == "works", lib


def test_the_caller_gets_the_task_s_exception_with_the_worker_traceback(lab_data) -> None:
    data = lab_data("alternatives_behaviour")
    for r in data["rows"]:
        if r["behaviour"] == "an exception":
            assert r["outcome"].startswith("ValueError, worker traceback"), r
    assert outcome(data, "mpire", "an exception").endswith("and arguments")


def test_a_killed_worker_hangs_pool_and_breaks_the_executors(lab_data) -> None:
    data = lab_data("alternatives_behaviour")
    for lib in ("multiprocessing.Pool", "multiprocess"):
        assert outcome(data, lib, "a killed worker").startswith("hangs (timed out"), lib
    assert outcome(data, "ProcessPoolExecutor", "a killed worker") == "BrokenProcessPool"
    for lib in ("joblib (loky)", "loky"):
        assert outcome(data, lib, "a killed worker") == "TerminatedWorkerError", lib
    assert outcome(data, "mpire", "a killed worker") == "RuntimeError"


def test_no_library_deduplicates_or_hides_output(lab_data) -> None:
    data = lab_data("alternatives_behaviour")
    for r in data["rows"]:
        if r["behaviour"] == "same task twice":
            assert r["outcome"] == "runs twice", r
        if r["behaviour"] == "print in a task":
            assert r["outcome"] == "in the output, as printed", r
