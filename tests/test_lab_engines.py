"""The cluster engines' lab: invariants of their data, and that a run leaves no process behind.

The data tests read the JSON a lab run wrote, through the ``lab_data`` fixture; they check
what holds on any machine (every workload, the repeats, the machine, the outcomes that do not
depend on timing), never a measured number.
"""

from __future__ import annotations

import ast
import json
import os
import re
import time
from pathlib import Path

import psutil
import pytest

from pool_guide import run_lock
from pool_guide.processes import MARKER_VARIABLE
from pool_guide.runner import RunSpec, run_script

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "performance"
WORKLOADS = {"tiny", "heavy", "big_arg", "startup"}
BEHAVIOURS = {"a lambda", "an exception", "a killed worker", "print in a task", "same task twice"}
pytestmark = pytest.mark.site

ENGINES = {"engine_ray": ["Ray Pool"], "engine_dask": ["Dask Client.map", "Dask executor"]}


def measurements(data: dict) -> list[dict]:
    return [row for row in data["rows"] if "workload" in row]


def outcomes(data: dict) -> dict[tuple[str, str], str]:
    return {(r["library"], r["behaviour"]): r["outcome"] for r in data["rows"] if "behaviour" in r}


@pytest.mark.parametrize("name", sorted(ENGINES))
def test_every_workload_is_measured_for_every_library(lab_data, name: str) -> None:
    data = lab_data(name)
    rows = measurements(data)
    for library in ENGINES[name]:
        measured = {r["workload"] for r in rows if r["library"] == library}
        assert WORKLOADS <= measured, f"{library}: {WORKLOADS - measured} missing"
    assert sum(r["workload"] == "runtime_start" for r in rows) == 1
    # One point is one row: a claim's where= must match exactly one.
    points = [(r["library"], r["workload"]) for r in rows]
    assert len(points) == len(set(points))


@pytest.mark.parametrize("name", sorted(ENGINES))
def test_metrics_have_one_value_a_repeat(lab_data, name: str) -> None:
    data = lab_data(name)
    assert data["repeats"] >= 5
    for row in measurements(data):
        metrics = {k: v for k, v in row.items() if isinstance(v, list)}
        assert "seconds" in metrics
        assert ("per_task_us" in metrics) == (row["workload"] == "tiny")
        # The engine's own start (and Ray's pool, whose start is seconds too) is measured
        # once per build, and the row says so.
        once = {"runtime_start"} | ({"startup"} if name == "engine_ray" else set())
        expected = 1 if row["workload"] in once else data["repeats"]
        if row["workload"] in once:
            assert row["repeats_note"].startswith("one ")
        for metric, values in metrics.items():
            assert len(values) == expected, (row, metric)
            assert all(isinstance(v, (int, float)) and v > 0 for v in values), (row, metric)
        for key, value in row.items():
            assert isinstance(value, (list, str, int, float, bool)), (row, key)


@pytest.mark.parametrize("name", sorted(ENGINES))
def test_the_machine_and_the_workload_are_recorded(lab_data, name: str) -> None:
    data = lab_data(name)
    assert data["script"] == f"{name}.py"
    assert data["machine"]["cpu_count"] >= 1 and data["machine"]["python"]
    assert data["params"]["workers"] == 2
    assert data["params"]["big_arg_mb"] == 4 and data["params"]["heavy_tasks"] == 8


@pytest.mark.parametrize("name", sorted(ENGINES))
def test_the_workloads_are_those_of_the_alternatives(lab_data, name: str) -> None:
    # Their rows join the alternatives' tables: the same tasks, the same arrays (but Dask's
    # tiny, which runs fewer tasks; its cost per task is what the page compares).
    engine, alternatives = lab_data(name)["params"], lab_data("alternatives")["params"]
    for key in ("tiny_task_us", "heavy_tasks", "heavy_task_ms", "big_arg_tasks", "big_arg_mb"):
        assert engine[key] == alternatives[key], key


def test_the_engines_send_an_array_of_its_own_to_each_task() -> None:
    # [array] * 8 would send one object eight times, which pickling and Dask's graph can
    # share; alternatives.py gives each task an array of its own, and so must they.
    for name in sorted(ENGINES):
        source = (EXAMPLES / f"{name}.py").read_text(encoding="utf-8")
        assert "np.full(ARRAY_LENGTH, i, dtype=np.float64) for i in range(ARRAYS)" in source, name
        assert "[array] *" not in source, name


@pytest.mark.parametrize("name", sorted(ENGINES))
def test_every_behaviour_has_an_outcome(lab_data, name: str) -> None:
    found = outcomes(lab_data(name))
    assert {behaviour for _, behaviour in found} == BEHAVIOURS
    for (library, behaviour), outcome in found.items():
        assert library in ENGINES[name] and outcome, (library, behaviour)


def test_ray_behaviours_that_do_not_depend_on_timing(lab_data) -> None:
    found = outcomes(lab_data("engine_ray"))
    assert found["Ray Pool", "a lambda"] == "works"  # cloudpickle sends the function itself
    assert found["Ray Pool", "an exception"].startswith("raises ValueError")
    assert found["Ray Pool", "same task twice"] == "runs 2 times"
    assert found["Ray Pool", "print in a task"].startswith("sent to the driver")
    assert not found["Ray Pool", "a killed worker"].startswith("hangs")


def test_dask_reuses_identical_pure_calls(lab_data) -> None:
    found = outcomes(lab_data("engine_dask"))
    assert found["Dask Client.map", "same task twice"].startswith("runs 1 time: one key")
    assert found["Dask Client.map", "a lambda"] == "works"
    assert found["Dask Client.map", "an exception"].startswith("raises ValueError")
    assert found["Dask Client.map", "print in a task"].startswith("stay in the worker's own output")
    assert found["Dask Client.map", "a killed worker"].startswith("raises KilledWorker")


def _marked(token: str) -> list[psutil.Process]:
    alive = []
    for proc in psutil.process_iter():
        try:
            if proc.environ().get(MARKER_VARIABLE) == token and proc.status() not in (
                psutil.STATUS_ZOMBIE,
                psutil.STATUS_DEAD,
            ):
                alive.append(proc)
        except psutil.Error:
            pass
    return alive


def _run_cluster_ray(timeout: float, token: str):
    spec = RunSpec(EXAMPLES / "cluster_ray.py", timeout=timeout, token=token)
    with run_lock.hold(exclusive=True):  # a cluster's start is timing-sensitive: run it alone
        return run_script(spec)


@pytest.mark.site
def test_a_ray_cluster_killed_mid_run_leaves_no_process(tmp_path: Path) -> None:
    """Killed at its timeout while the head node is up: every process of the run goes."""
    token = os.urandom(8).hex()
    result = _run_cluster_ray(timeout=8.0, token=token)
    assert result.timed_out, result.output
    time.sleep(2)  # the build allows this much
    assert _marked(token) == [], result.output


@pytest.mark.site
def test_a_ray_cluster_run_to_its_end_leaves_no_process() -> None:
    token = os.urandom(8).hex()
    result = _run_cluster_ray(timeout=120.0, token=token)
    assert result.returncode == 0 and not result.timed_out, result.output
    assert result.leftover_pids == [], result.output
    assert "apply raised ValueError('task 11 failed')" in result.output
    assert "map: [0, 1, 4, 9, 16, 25]" in result.output
    assert _marked(token) == []


# -- The same script on a pool, on Ray and on Dask: what every run of each shows ---------

CLUSTER_SCRIPTS = ["cluster_pool.py", "cluster_ray.py", "cluster_dask.py"]


def cluster_output(site, script: str) -> list[str]:
    manifest = json.loads((site.outdir / "_pool_guide" / "manifest.json").read_text())
    runs = [r for r in manifest["runs"] if r["script"] == f"examples/performance/{script}"]
    assert len(runs) == 1, script
    assert runs[0]["ok"], runs[0]["output"]
    return runs[0]["output"].splitlines()


@pytest.mark.parametrize("script", CLUSTER_SCRIPTS)
def test_the_same_work_gives_the_same_results_everywhere(site, script: str) -> None:
    lines = cluster_output(site, script)
    main_pid = lines[0].removeprefix("main program: process ")
    assert "map: [0, 1, 4, 9, 16, 25]" in lines
    unordered = [x for x in lines if x.startswith(("imap_unordered: ", "as_completed: "))]
    assert len(unordered) == 1 and sorted(ast.literal_eval(unordered[0].split(": ")[1])) == [
        0,
        1,
        4,
        9,
    ]
    # The callback runs in the main program, on a pool as on both clusters.
    assert f"callback got 100 in process {main_pid}" in lines
    assert any(x.endswith("raised ValueError('task 11 failed')") for x in lines)


def test_pool_workers_print_into_the_same_terminal(site) -> None:
    lines = cluster_output(site, "cluster_pool.py")
    squares = [x for x in lines if x.startswith("square(")]
    assert sorted(x.split(")")[0] for x in squares) == sorted(
        f"square({i}" for i in [0, 1, 2, 3, 4, 5, 10]
    )


def test_ray_sends_worker_prints_to_the_driver_prefixed(site) -> None:
    squares = [x for x in cluster_output(site, "cluster_ray.py") if "square(" in x]
    assert squares  # Ray folds lines alike, so how many arrive varies; some always do
    for line in squares:
        prefix = re.match(r"\(PoolActor pid=(\d+)\) square\(\d+\) runs in process (\d+)", line)
        assert prefix and prefix[1] == prefix[2], line


def test_dask_worker_prints_stay_with_the_workers(site) -> None:
    lines = cluster_output(site, "cluster_dask.py")
    first_log = next(i for i, x in enumerate(lines) if x.startswith("--- what worker-"))
    assert not any("square(" in x for x in lines[:first_log])  # none reached the client
    squares = [x.split(")")[0] for x in lines[first_log:] if x.startswith("square(")]
    assert sorted(squares) == sorted(f"square({i}" for i in [0, 1, 2, 3, 4, 5, 10])
