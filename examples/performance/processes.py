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
    for pool_class in (Pool, ThreadPool):
        for processes in counts:
            with pool_class(processes) as pool:  # created once per point, outside the timing
                pool.map(wait, range(processes * 4), chunksize=1)  # warm up
                for kind, function in (("cpu", compute), ("sleep", wait)):
                    seconds = [
                        labkit.timed(run, pool, function, tasks) for _ in range(args.repeats)
                    ]
                    results.add(
                        kind=kind,
                        pool=pool_class.__name__,
                        processes=processes,
                        seconds=seconds,
                        throughput_per_s=[tasks / s for s in seconds],
                    )
    results.finish()
