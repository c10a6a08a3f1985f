"""multiprocessing.Pool and its single-machine alternatives, on the same workloads.

Eight ways to run a function in worker processes, two workers each, on four workloads:

- startup: from creating the pool to the first result of a trivial task;
- tiny: many tasks of 10 µs each (the cost of handing out a task dominates);
- heavy: a few tasks of 20 ms each (the work dominates);
- big_arg: each task is given a 4 MB NumPy array and returns its sum (pickling dominates).

Each repeat makes a new pool, so that startup is measured each time, and stops it after
the last workload, outside the timings. The first repeat of a library also pays its
first-use costs (loky, for one, starts a resource-tracker process): they show in the
spread, not in the median.

mpire is timed twice. With its default, keep_alive=False, each map starts the workers
and stops them (stop_and_join) before it returns, so each of its timings, startup
included, also holds stopping and joining two workers. With keep_alive=True its workers
stay between maps, as every other library's do, and are stopped after the timings.
"""

from __future__ import annotations

import importlib
import os
import time
import tracemalloc

import labkit
import libraries
import numpy as np

WORKERS = libraries.WORKERS
TINY_TASKS, TINY_SECONDS = 1000, 10e-6
HEAVY_TASKS, HEAVY_SECONDS = 8, 20e-3
ARRAYS, ARRAY_LENGTH = 8, 500_000  # float64: 4 MB an array


# -- The tasks: module-level functions, so every library can send them by name or by value.


def trivial(i):
    return os.getpid()


def tiny_task(i):
    labkit.busy(TINY_SECONDS)
    return i


def heavy_task(i):
    labkit.busy(HEAVY_SECONDS)
    return i


def array_sum(array):
    return float(array.sum())


WORKLOADS = ("startup", "tiny", "heavy", "big_arg")
LIBRARIES = [
    libraries.MultiprocessingPool,
    libraries.Executor,
    libraries.ExecutorChunksize,
    libraries.Joblib,
    libraries.Loky,
    libraries.Mpire,
    libraries.MpireKeepAlive,
    libraries.Multiprocess,
]


# -- The measurement: a new pool of each library, four workloads on it.


def measure(library):
    """Time each workload with a new pool of ``library``; check every result."""
    seconds = {}
    started = time.perf_counter()
    pool = library()
    first = pool.map(trivial, [0])
    seconds["startup"] = time.perf_counter() - started
    assert first[0] != os.getpid(), "the task ran in this process, not in a worker"
    # Untimed: every worker up and running before the timings. Not for mpire with its default
    # keep_alive=False: this map stops its workers too, and the next map starts them again.
    pool.map(trivial, range(4 * WORKERS))

    items = list(range(TINY_TASKS))
    started = time.perf_counter()
    results = pool.map(tiny_task, items)
    seconds["tiny"] = time.perf_counter() - started
    assert results == items, "tiny: wrong results"

    items = list(range(HEAVY_TASKS))
    started = time.perf_counter()
    results = pool.map(heavy_task, items)
    seconds["heavy"] = time.perf_counter() - started
    assert results == items, "heavy: wrong results"

    # Built only now, so that workers started by fork do not inherit them.
    arrays = [np.full(ARRAY_LENGTH, i, dtype=np.float64) for i in range(ARRAYS)]
    # The memory the call needs in this process beyond the arrays themselves: mostly their
    # pickled copies on their way to the workers. tracemalloc follows every thread's Python
    # allocations, pickles included, and starts from zero at each call. (A process's RSS
    # would not do: the C allocator keeps freed memory for reuse, so a second call would seem
    # to need less.) Memory a library puts elsewhere is not counted: joblib writes large
    # arrays to files in /dev/shm and the workers map them.
    tracemalloc.start()
    started = time.perf_counter()
    results = pool.map(array_sum, arrays)
    seconds["big_arg"] = time.perf_counter() - started
    peak_mb = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    assert results == [float(i * ARRAY_LENGTH) for i in range(ARRAYS)], "big_arg: wrong results"

    pool.close()  # untimed, for every library
    return seconds, peak_mb


if __name__ == "__main__":
    args = labkit.options(__doc__)
    results = labkit.Results(
        args,
        workers=WORKERS,
        tiny_tasks=TINY_TASKS,
        tiny_task_us=TINY_SECONDS * 1e6,
        heavy_tasks=HEAVY_TASKS,
        heavy_task_ms=HEAVY_SECONDS * 1e3,
        big_arg_tasks=ARRAYS,
        big_arg_mb=ARRAY_LENGTH * 8 / 1e6,
    )
    seconds = {(library.name, w): [] for library in LIBRARIES for w in WORKLOADS}
    peaks = {library.name: [] for library in LIBRARIES}
    for library in LIBRARIES:
        # Imported here, untimed, so that no import counts as startup; not at the top of the
        # file, as workers started by spawn (loky's) import this file again. One library at a
        # time: with loky imported next to joblib, joblib's resource tracker reported its
        # /dev/shm files as leaked, with KeyErrors (joblib 1.6.0, loky 3.7.0; measured).
        importlib.import_module(library.module)
        for _ in range(args.repeats):
            measured, peak_mb = measure(library)
            for workload, value in measured.items():
                seconds[library.name, workload].append(value)
            peaks[library.name].append(peak_mb)

    for (name, workload), values in seconds.items():
        row = {"library": name, "workload": workload, "seconds": values}
        if workload == "tiny":
            row["per_task_us"] = [s / TINY_TASKS * 1e6 for s in values]
        if workload == "big_arg":
            row["parent_alloc_peak_mb"] = peaks[name]
        results.add(**row)
    results.finish()
