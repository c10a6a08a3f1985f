"""Dask on this machine: the workloads of the Pool alternatives, and how Dask behaves.

One local cluster is started (a scheduler and two one-thread worker processes, each
watched by a nanny), then Client.map and the client's concurrent.futures executor are
measured on the workloads the other engines run: "tiny" (many 10 µs tasks), "heavy"
(8 tasks of 20 ms), "big_arg" (8 tasks, each given a 4 MB array of its own), "startup"
(a new client to its first result). Then, once each, what happens with a lambda, an exception,
a worker killed mid-task, identical tasks and prints.
"""

from __future__ import annotations

import contextlib
import functools
import io
import os
import signal
import tempfile
import time
from pathlib import Path

import dask
import labkit
import numpy as np
from distributed import Client, LocalCluster

TINY_TASKS = 100  # not alternatives.py's 1000: each Dask task is a round trip to the scheduler
TINY_SECONDS = 10e-6
HEAVY_TASKS, HEAVY_SECONDS = 8, 0.020
ARRAYS, ARRAY_LENGTH = 8, 500_000  # as alternatives.py: 8 arrays of float64, 4 MB each
KILL_TIMEOUT = 20.0  # how long to wait for a task whose worker was killed


def nothing(x):
    return x


def total(array):
    return float(array.sum())


def fail(x):
    raise ValueError(f"task {x} failed")


def die(x):
    os.kill(os.getpid(), signal.SIGKILL)  # as the out-of-memory killer would
    return x


def count_run(path):
    with open(path, "a") as file:  # one line for each time the task really runs
        file.write("ran\n")
    return 1


def say_hello(x):
    print(f"hello from task {x} in process {os.getpid()}")
    return x


def client_map(client, function, inputs):
    return client.gather(client.map(function, inputs, pure=False))


def executor_map(executor, function, inputs):
    return list(executor.map(function, inputs))


def run_workloads(library, map_all, workloads, seconds):
    """Time each workload through ``map_all``; its results are checked."""
    for workload, function, inputs, expected in workloads:
        started = time.perf_counter()
        done = map_all(function, inputs)
        seconds.setdefault((library, workload), []).append(time.perf_counter() - started)
        assert done == (expected or inputs)


def behaviours(client: Client) -> dict[str, str]:
    outcome = {}
    try:
        works = client.gather(client.map(lambda x: x * 2, [1, 2])) == [2, 4]
        outcome["a lambda"] = "works" if works else "wrong"
    except Exception as error:
        outcome["a lambda"] = f"raises {type(error).__name__}"

    try:
        client.submit(fail, 1).result()
        outcome["an exception"] = "no error"
    except Exception as error:
        outcome["an exception"] = f"raises {type(error).__name__} (the task's own)"

    with tempfile.TemporaryDirectory() as folder:
        runs = Path(folder) / "runs"
        # The same function and arguments: Dask names both calls with one key (pure=True is
        # the default), so the second is the first's result.
        futures = [client.submit(count_run, str(runs)) for _ in range(2)]
        assert client.gather(futures) == [1, 1]
        count = len(runs.read_text().splitlines())
        outcome["same task twice"] = f"runs {count} time" + ("s" if count > 1 else "")
        if futures[0].key == futures[1].key:
            outcome["same task twice"] += ": one key, the result reused"
        del futures  # released, so no restarted worker computes them again

    driver = io.StringIO()
    with contextlib.redirect_stdout(driver):
        client.gather(client.map(say_hello, range(8)))
        time.sleep(0.5)
    if "hello from task" in driver.getvalue():
        outcome["print in a task"] = "sent to the client"
    else:
        outcome["print in a task"] = "stay in the worker's own output (not sent to the client)"
    return outcome


def worker_killed(client: Client) -> str:
    """A task that kills its worker: the nanny restarts it, the scheduler tries again."""
    try:
        client.submit(die, 1, pure=False).result(timeout=KILL_TIMEOUT)
        return "returns"
    except TimeoutError:
        return f"hangs: result(timeout={KILL_TIMEOUT:g}) raised TimeoutError"
    except Exception as error:
        return f"raises {type(error).__name__} once the restarted workers died running it again"


if __name__ == "__main__":
    args = labkit.options(__doc__)
    results = labkit.Results(
        args,
        workers=2,
        tiny_tasks=TINY_TASKS,
        tiny_task_us=TINY_SECONDS * 1e6,
        heavy_tasks=HEAVY_TASKS,
        heavy_task_ms=HEAVY_SECONDS * 1e3,
        big_arg_tasks=ARRAYS,
        big_arg_mb=ARRAY_LENGTH * 8 / 1e6,
    )

    # A task whose worker dies is tried again on a new worker, up to allowed-failures times
    # (3 by default), each costing a worker restart; one retry shows the same, sooner. So here
    # a task is given up after its second worker dies.
    dask.config.set({"distributed.scheduler.allowed-failures": 1})

    # The runtime: once per build, like Ray's (it takes seconds).
    started = time.perf_counter()
    cluster = LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    )
    runtime_start = time.perf_counter() - started
    with cluster:
        results.add(
            library="Dask Client.map",
            workload="runtime_start",
            repeats_note="one start per build",
            seconds=[runtime_start],
        )
        # Eight different arrays, built as alternatives.py builds them: each is pickled and sent.
        arrays = [np.full(ARRAY_LENGTH, i, dtype=np.float64) for i in range(ARRAYS)]
        expected_sums = [float(i * ARRAY_LENGTH) for i in range(ARRAYS)]
        workloads = (
            ("tiny", labkit.busy, [TINY_SECONDS] * TINY_TASKS, None),
            ("heavy", labkit.busy, [HEAVY_SECONDS] * HEAVY_TASKS, None),
            ("big_arg", total, arrays, expected_sums),
        )
        seconds = {}
        for repeat in range(args.repeats):
            # Client.map and submit, with pure=False: identical calls are otherwise one task.
            started = time.perf_counter()
            with Client(cluster) as client:
                assert client.submit(nothing, repeat, pure=False).result() == repeat
                seconds.setdefault(("Dask Client.map", "startup"), []).append(
                    time.perf_counter() - started
                )
                run_workloads(
                    "Dask Client.map", functools.partial(client_map, client), workloads, seconds
                )

            # The executor: concurrent.futures' interface, closest to Pool.map.
            started = time.perf_counter()
            with Client(cluster) as client, client.get_executor(pure=False) as executor:
                assert executor.submit(nothing, repeat).result() == repeat
                seconds.setdefault(("Dask executor", "startup"), []).append(
                    time.perf_counter() - started
                )
                run_workloads(
                    "Dask executor", functools.partial(executor_map, executor), workloads, seconds
                )

        for (library, workload), values in seconds.items():
            if workload == "tiny":
                per_task_us = [s / TINY_TASKS * 1e6 for s in values]
                results.add(
                    library=library, workload=workload, seconds=values, per_task_us=per_task_us
                )
            else:
                results.add(library=library, workload=workload, seconds=values)

        with Client(cluster) as client:
            outcomes = behaviours(client)
            outcomes["a killed worker"] = worker_killed(client)
        for behaviour, outcome in outcomes.items():
            results.add(library="Dask Client.map", behaviour=behaviour, outcome=outcome)
    results.finish()
