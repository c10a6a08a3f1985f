"""Ray's Pool on this machine: the workloads of the Pool alternatives, and how Ray behaves.

One Ray runtime is started (ray.init: the driver starts Ray's processes on this machine),
then Ray's multiprocessing-style Pool is measured on the workloads the other engines run:
"tiny" (many 10 µs tasks), "heavy" (8 tasks of 20 ms), "big_arg" (8 tasks, each given a
4 MB array of its own), "startup" (a new Pool to its first result). Then, once each, what happens
with a lambda, an exception, a worker killed mid-task, identical tasks and prints.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import secrets
import signal
import sys
import tempfile
import time
from pathlib import Path

# Ray reads these when it is imported. Token authentication with a token of this run's own:
# with RAY_AUTH_MODE unset, ray.init() turns tokens on, writes ~/.ray/auth_token and warns;
# set here, nothing is written to the home folder. (cluster_ray.py says why not "disabled".)
os.environ["RAY_USAGE_STATS_ENABLED"] = "0"
os.environ["RAY_AUTH_MODE"] = "token"
os.environ["RAY_AUTH_TOKEN"] = secrets.token_hex(16)

import labkit
import numpy as np
import ray
from ray.util.multiprocessing import Pool

LIBRARY = "Ray Pool"
TINY_TASKS = 1000  # as alternatives.py: Ray's map() sends chunks, so it keeps the number
TINY_SECONDS = 10e-6
HEAVY_TASKS, HEAVY_SECONDS = 8, 0.020
ARRAYS, ARRAY_LENGTH = 8, 500_000  # as alternatives.py: 8 arrays of float64, 4 MB each
KILL_TIMEOUT = 10.0  # how long to wait for a map whose worker was killed


def nothing(x):
    return x


def total(array):
    return float(array.sum())


def fail(x):
    raise ValueError(f"task {x} failed")


def die_on_3(x):
    if x == 3:
        os.kill(os.getpid(), signal.SIGKILL)  # as the out-of-memory killer would
    return x


def count_run(path):
    with open(path, "a") as file:  # one line for each time the task really runs
        file.write("ran\n")
    return 1


def say_hello(x):
    print(f"hello from task {x} in process {os.getpid()}")
    return x


class Tee(io.TextIOBase):
    """sys.stdout that also keeps a copy: what reaches the driver's output."""

    def __init__(self, stream):
        self.stream, self.seen = stream, []

    def write(self, text):
        self.seen.append(text)
        return self.stream.write(text)

    def flush(self):
        self.stream.flush()


def behaviours(pool: Pool) -> dict[str, str]:
    outcome = {}
    try:
        outcome["a lambda"] = "works" if pool.map(lambda x: x * 2, [1, 2]) == [2, 4] else "wrong"
    except Exception as error:
        outcome["a lambda"] = f"raises {type(error).__name__}"

    try:
        pool.apply(fail, (1,))
        outcome["an exception"] = "no error"
    except Exception as error:
        outcome["an exception"] = f"raises {type(error).__name__} (the task's own)"

    with tempfile.TemporaryDirectory() as folder:
        runs = Path(folder) / "runs"
        results = [pool.apply_async(count_run, (str(runs),)) for _ in range(2)]
        assert [r.get() for r in results] == [1, 1]
        outcome["same task twice"] = f"runs {len(runs.read_text().splitlines())} times"

    tee = Tee(sys.stdout)
    with contextlib.redirect_stdout(tee):
        pool.map(say_hello, range(8), chunksize=1)
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and "hello from task" not in "".join(tee.seen):
            time.sleep(0.1)  # Ray forwards the workers' lines a moment later
        time.sleep(0.5)
    text = re.sub(r"\x1b\[[0-9;]*m", "", "".join(tee.seen))  # Ray colours its prefixes
    seen = [line for line in text.splitlines() if "hello from task" in line]
    if not seen:
        outcome["print in a task"] = "not shown by the driver"
    else:
        prefixed = all(line.startswith("(PoolActor pid=") for line in seen)
        outcome["print in a task"] = "sent to the driver"
        if prefixed:
            outcome["print in a task"] += ", each line prefixed (PoolActor pid=N)"
        if len(seen) < 8:  # 8 tasks printed; a line like another worker's is held back
            outcome["print in a task"] += "; lines alike from another worker folded into one"
    return outcome


def worker_killed(pool: Pool) -> str:
    """A worker killed in the middle of a map (the pool is not used afterwards)."""
    started = time.monotonic()
    result = pool.map_async(die_on_3, range(8), chunksize=1)
    try:
        result.get(timeout=KILL_TIMEOUT)
        return "map returns: the task was run again"
    except TimeoutError:
        return f"hangs: get(timeout={KILL_TIMEOUT:g}) raised TimeoutError"
    except Exception as error:
        waited = time.monotonic() - started
        return f"raises {type(error).__name__}" + (" at once" if waited < KILL_TIMEOUT / 2 else "")


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

    # The runtime: once per build, as starting Ray takes seconds.
    started = time.perf_counter()
    # address="local": a runtime of its own, even if a Ray cluster runs on this machine.
    ray.init(address="local", num_cpus=2, include_dashboard=False, object_store_memory=200 * 2**20)
    runtime_start = time.perf_counter() - started
    try:
        results.add(
            library=LIBRARY,
            workload="runtime_start",
            repeats_note="one start per build",
            seconds=[runtime_start],
        )

        # One Pool, timed to its first result (Ray starts a process for each of its actors:
        # seconds, so once per build), then every workload repeated on it, then the behaviours.
        # Eight different arrays, built as alternatives.py builds them: each is pickled and sent.
        arrays = [np.full(ARRAY_LENGTH, i, dtype=np.float64) for i in range(ARRAYS)]
        expected_sums = [float(i * ARRAY_LENGTH) for i in range(ARRAYS)]
        tiny, heavy, big = [], [], []
        started = time.perf_counter()
        with Pool(processes=2) as pool:
            assert pool.apply(nothing, (1,)) == 1
            startup = [time.perf_counter() - started]
            for _ in range(args.repeats):
                started = time.perf_counter()
                done = pool.map(labkit.busy, [TINY_SECONDS] * TINY_TASKS)
                tiny.append(time.perf_counter() - started)
                assert done == [TINY_SECONDS] * TINY_TASKS

                started = time.perf_counter()
                done = pool.map(labkit.busy, [HEAVY_SECONDS] * HEAVY_TASKS)
                heavy.append(time.perf_counter() - started)
                assert done == [HEAVY_SECONDS] * HEAVY_TASKS

                started = time.perf_counter()
                sums = pool.map(total, arrays)
                big.append(time.perf_counter() - started)
                assert sums == expected_sums
            outcomes = behaviours(pool)
            outcomes["a killed worker"] = worker_killed(pool)  # the pool's last use
        per_task_us = [s / TINY_TASKS * 1e6 for s in tiny]
        results.add(
            library=LIBRARY, workload="startup", repeats_note="one pool per build", seconds=startup
        )
        results.add(library=LIBRARY, workload="tiny", seconds=tiny, per_task_us=per_task_us)
        results.add(library=LIBRARY, workload="heavy", seconds=heavy)
        results.add(library=LIBRARY, workload="big_arg", seconds=big)
        for behaviour, outcome in outcomes.items():
            results.add(library=LIBRARY, behaviour=behaviour, outcome=outcome)
    finally:
        ray.shutdown()
    results.finish()
