"""Throughput against the number of workers, for CPU-bound and waiting tasks: Pool vs ThreadPool."""

from __future__ import annotations

import os
import time
from multiprocessing import Pool
from multiprocessing.pool import ThreadPool

import labkit

TASK_MS = 4


def compute(i):
    labkit.busy(TASK_MS / 1000)  # CPU-bound: TASK_MS of this thread's CPU time, waits excluded
    return i


def wait(i):  # waiting, as on a network or a disk: holds no core and releases the GIL
    time.sleep(TASK_MS / 1000)
    return i


def run(pool, function, tasks):
    # chunksize=1: tasks are handed out one by one, so every worker stays busy to the end
    assert pool.map(function, range(tasks), chunksize=1) == list(range(tasks))


if __name__ == "__main__":
    args = labkit.options(__doc__)
    counts = range(1, 2 * os.cpu_count() + 1)
    tasks = 12 * os.cpu_count()  # 24 on 2 logical CPUs: a whole number of rounds for 1 to 4 workers
    results = labkit.Results(args, task_ms=TASK_MS, tasks=tasks, cpu_count=os.cpu_count())
    # Every pool is made first and kept, and the repeats go round all of them: a moment
    # when something else takes a CPU then costs one repeat of several points, which the
    # median discards, instead of every repeat of one point.
    pools = {(cls.__name__, n): cls(n) for cls in (Pool, ThreadPool) for n in counts}
    kinds = {"cpu": compute, "sleep": wait}
    seconds = {(name, n, kind): [] for (name, n) in pools for kind in kinds}
    try:
        for (_, n), pool in pools.items():
            pool.map(wait, range(n * 4), chunksize=1)  # warm up: every worker started
        for _ in range(args.repeats):
            for (name, n), pool in pools.items():
                for kind, function in kinds.items():
                    seconds[name, n, kind].append(labkit.timed(run, pool, function, tasks))
    finally:
        for pool in pools.values():
            pool.terminate()
            pool.join()
    for (name, n, kind), own in seconds.items():
        results.add(
            kind=kind,
            pool=name,
            processes=n,
            seconds=own,
            throughput_per_s=[tasks / s for s in own],
        )
    results.finish()
