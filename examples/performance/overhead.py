"""What a task costs in a Pool, method by method, against a plain loop: 10 µs to 100 ms a task."""

from __future__ import annotations

import math
import os
import statistics
from multiprocessing import Pool

import labkit

TASK_US = [10, 30, 100, 300, 1000, 3000, 10000, 30000, 100000]
METHODS = ["loop", "apply", "apply_async", "map", "imap", "imap_unordered"]


def task(us):
    labkit.busy(us / 1e6)  # CPU-bound: it holds one core for `us` microseconds
    return us


def how_many(us, processes):
    # Aims at about 10 ms of work a point, as a whole number of tasks per worker (1 to 200): short
    # tasks need many of them to be timed at all, long ones few to keep the run short.
    per_worker = round(10_000 / us / processes)
    return processes * max(1, min(200, per_worker))


def run(pool, method, us, n):
    items = [us] * n
    if method == "loop":
        out = [task(x) for x in items]
    elif method == "apply":  # one task at a time: apply waits for each result
        out = [pool.apply(task, (x,)) for x in items]
    elif method == "apply_async":  # submit them all, then wait for each
        pending = [pool.apply_async(task, (x,)) for x in items]
        out = [p.get() for p in pending]
    elif method == "map":  # the default chunksize
        out = pool.map(task, items)
    elif method == "imap":  # the default chunksize, 1
        out = list(pool.imap(task, items))
    else:
        out = list(pool.imap_unordered(task, items))
    assert out == items, (method, us)


def break_even(xs, speedups):
    """The x where speedup first rises through 1, interpolated on a log x axis."""
    for (x0, s0), (x1, s1) in zip(zip(xs, speedups), zip(xs[1:], speedups[1:])):
        if s0 < 1 <= s1:
            t = (1 - s0) / (s1 - s0)
            return 10 ** (math.log10(x0) + t * (math.log10(x1) - math.log10(x0)))
    return None


if __name__ == "__main__":
    args = labkit.options(__doc__)
    processes = os.cpu_count()
    counts = {us: how_many(us, processes) for us in TASK_US}
    results = labkit.Results(args, processes=processes, tasks=counts)
    seconds = {(m, us): [] for m in METHODS for us in TASK_US}
    with Pool(processes) as pool:  # created once: start-up is not what this measures
        pool.map(task, [1000] * processes * 4, chunksize=1)  # warm up: workers started and busy
        for _ in range(args.repeats):  # methods interleaved, so a slow moment hits them all
            for us in TASK_US:
                for method in METHODS:
                    seconds[method, us].append(labkit.timed(run, pool, method, us, counts[us]))
    for us in TASK_US:
        loop = seconds["loop", us]
        for method in METHODS:
            own = seconds[method, us]
            results.add(
                method=method,
                task_us=us,
                tasks=counts[us],
                seconds=own,
                speedup=[a / b for a, b in zip(loop, own)],
                # Wall time divided by the number of tasks: for the loop it is the task itself.
                per_task_us=[s / counts[us] * 1e6 for s in own],
            )
    medians = [statistics.median(r["speedup"]) for r in results.rows if r["method"] == "map"]
    even = break_even(TASK_US, medians)
    if even is None:
        print("map did not cross the loop's speed in this range: no break-even point")
    else:
        results.mark("x", round(even, 1), "break-even (map)")
    results.finish()
