"""Throughput of map and imap against chunksize, for tiny uniform tasks and for skewed ones."""

from __future__ import annotations

import os
from multiprocessing import Pool

import labkit

N = 2000  # tasks
MEAN_US = 20  # the mean task duration; both workloads add up to N * MEAN_US of work
SLOW = 20  # skewed: the first SLOW tasks are SLOWER times slower than the others
SLOWER = 1000  # so those 1% of the tasks hold 91% of the work


def durations(workload):
    if workload == "uniform":
        return [MEAN_US] * N
    fast = MEAN_US * N / (N - SLOW + SLOWER * SLOW)  # the same total as "uniform"
    return [SLOWER * fast] * SLOW + [fast] * (N - SLOW)


def task(us):
    labkit.busy(us / 1e6)
    return us


def default_chunksize(n, processes):
    # As Pool._map_async computes it when chunksize is None: about four chunks per worker.
    chunksize, extra = divmod(n, processes * 4)
    return chunksize + 1 if extra else chunksize


def run(pool, method, items, chunksize):
    if method == "map":
        out = pool.map(task, items, chunksize)  # chunksize=None: map's own default
    else:
        out = list(pool.imap(task, items, chunksize or 1))  # imap's default is 1
    assert out == items, (method, chunksize)


if __name__ == "__main__":
    args = labkit.options(__doc__)
    processes = os.cpu_count()
    # Powers of 4 up to one chunk per worker (powers of 2 would double the run time).
    sizes = [4**i for i in range(10) if 4**i < N // processes] + [N // processes]
    default = default_chunksize(N, processes)
    # (method, chunksize given to the call, chunksize that runs); None: the call leaves it out.
    # imap's default is 1, so its chunksize=1 point is its default.
    points = [("map", c, c) for c in sizes] + [("map", None, default), ("imap", None, 1)]
    points += [("imap", c, c) for c in sizes[1:]]
    results = labkit.Results(
        args, processes=processes, tasks=N, mean_us=MEAN_US, slow=SLOW, slower=SLOWER
    )
    seconds = {(w, m, c): [] for w in ("uniform", "skewed") for m, c, _ in points}
    with Pool(processes) as pool:
        pool.map(task, [1000] * processes * 4, chunksize=1)  # warm up
        for _ in range(args.repeats):
            for workload, method, given in seconds:
                items = durations(workload)
                seconds[workload, method, given].append(
                    labkit.timed(run, pool, method, items, given)
                )
    for workload in ("uniform", "skewed"):
        for method, given, chunksize in points:
            own = seconds[workload, method, given]
            results.add(
                workload=workload,
                method=method,
                chunksize=chunksize,
                default=given is None,
                seconds=own,
                throughput_per_s=[N / s for s in own],
            )
    results.mark("x", default, "map's default chunksize")
    results.finish()
