"""The same matrix products in one process and in Pool(2): BLAS threads as they come, and 1."""

from __future__ import annotations

import os
from multiprocessing import Pool, SimpleQueue

import labkit
import numpy as np
from threadpoolctl import threadpool_info, threadpool_limits

SIZE = 600  # square matrices of SIZE x SIZE float64
PRODUCTS = 3  # matrix products per task
TASKS = 8  # tasks per measurement
matrices = None  # made once in each process by prepare()


def blas_threads():
    """The number of threads this process's BLAS library will use, as threadpoolctl reads it."""
    (blas,) = [lib for lib in threadpool_info() if lib["user_api"] == "blas"]
    return blas["num_threads"]


def prepare(limit=None, report=None):
    """Pool initializer: limit BLAS to `limit` threads if given, make the matrices, report."""
    global matrices, limiter
    if limit is not None:
        limiter = threadpool_limits(limit)  # in force from here on: never exited
    rng = np.random.default_rng(0)
    matrices = rng.random((SIZE, SIZE)), rng.random((SIZE, SIZE))
    if report is not None:
        report.put(blas_threads())  # each worker runs this once, as it starts


def task(i):
    a, b = matrices
    for _ in range(PRODUCTS):
        a = np.dot(a, b) / SIZE  # scaled, so the values stay small
    return float(a[0, 0])


def in_one_process():
    return [task(i) for i in range(TASKS)]


def in_pool(pool):
    return pool.map(task, range(TASKS), chunksize=1)


if __name__ == "__main__":
    args = labkit.options(__doc__)
    results = labkit.Results(
        args, size=SIZE, products=PRODUCTS, tasks=TASKS, cpu_count=os.cpu_count()
    )
    prepare()
    expected = in_one_process()
    report = SimpleQueue()
    pools, threads = {}, {}
    setups = [
        "one process",
        "one process with 1 BLAS thread",
        "Pool(2)",
        "Pool(2) with 1 BLAS thread each",
    ]
    seconds = {name: [] for name in setups}
    try:
        for name, limit in [("Pool(2)", None), ("Pool(2) with 1 BLAS thread each", 1)]:
            pools[name] = Pool(2, prepare, (limit, report))
            threads[name] = [report.get(), report.get()]  # one number from each worker
            # Warm up. Rounding differs with the number of BLAS threads: close, not equal.
            assert np.allclose(in_pool(pools[name]), expected)
        threads["one process"] = [blas_threads()]
        with threadpool_limits(1):
            threads["one process with 1 BLAS thread"] = [blas_threads()]
        # The repeats go round every setup, so a moment of load elsewhere costs each one alike.
        for _ in range(args.repeats):
            seconds["one process"].append(labkit.timed(in_one_process))
            with threadpool_limits(1):
                seconds["one process with 1 BLAS thread"].append(labkit.timed(in_one_process))
            for name, pool in pools.items():
                seconds[name].append(labkit.timed(in_pool, pool))
    finally:
        for pool in pools.values():
            pool.terminate()
            pool.join()
    for name, own in seconds.items():
        results.add(
            setup=name,
            processes=len(threads[name]),
            blas_threads=" + ".join(map(str, threads[name])),
            total_blas_threads=sum(threads[name]),
            seconds=own,
        )
    results.finish()
