"""Four ways to give the workers one big read-only numpy array: time and memory of each."""

from __future__ import annotations

import multiprocessing
import os
import resource
import sys
from multiprocessing import shared_memory

import labkit
import numpy as np
import psutil

ARRAY_MB = 16
TASKS = 8  # each task sums one slice of the array
WAYS = ["argument", "initializer", "inherit", "shared_memory"]

big = None  # the array, in a worker that got it by initializer, inheritance or shared memory
shm = None  # the shared memory block big lives in, kept open as long as big is used


def peak_rss_mb():
    # The peak resident set size of this process: KiB on Linux, bytes on macOS.
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 2**10


def report(part):
    # What the worker holds once the task is done: its peak RSS, which counts pages it shares
    # with other processes, and its private (unique) memory, which does not.
    private = psutil.Process().memory_full_info().uss / 2**20
    return part, peak_rss_mb(), private


def sum_slice(array, i):  # "argument": the whole array is pickled into every task
    step = len(array) // TASKS
    return report(array[i * step : (i + 1) * step].sum())


def keep(array):  # "initializer": under forkserver or spawn, pickled once per worker
    global big
    big = array


def attach(name, length):  # "shared_memory": each worker maps the same block
    global big, shm
    shm = shared_memory.SharedMemory(name=name)
    big = np.ndarray((length,), dtype=np.float64, buffer=shm.buf)


def sum_global_slice(i):
    return sum_slice(big, i)


def run(way, context, array, name, out):
    processes = os.cpu_count()
    if way == "argument":
        with context.Pool(processes) as pool:
            out.extend(pool.starmap(sum_slice, [(array, i) for i in range(TASKS)]))
    elif way == "initializer":
        with context.Pool(processes, initializer=keep, initargs=(array,)) as pool:
            out.extend(pool.map(sum_global_slice, range(TASKS)))
    elif way == "inherit":
        with context.Pool(processes) as pool:
            out.extend(pool.map(sum_global_slice, range(TASKS)))
    else:
        with context.Pool(processes, initializer=attach, initargs=(name, len(array))) as pool:
            out.extend(pool.map(sum_global_slice, range(TASKS)))


def measure(way, repeats, queue):
    """Runs in a fresh process: its peak RSS then belongs to this way alone."""
    global big
    length = ARRAY_MB * 2**20 // 8
    if way == "shared_memory":  # made in shared memory from the start: no copy to make
        block = shared_memory.SharedMemory(create=True, size=length * 8)
        array = np.ndarray((length,), dtype=np.float64, buffer=block.buf)
        array[:] = np.arange(length)
    else:
        array = np.arange(length, dtype=np.float64)
    # Inheriting needs fork. The other ways work under any start method; they use forkserver,
    # not spawn: on Linux a spawned process starts with its parent's peak RSS as its own
    # (spawn forks, then execs, and the peak survives the exec), which would hide the
    # worker's. Forkserver workers get their data pickled exactly as spawned ones do.
    context = multiprocessing.get_context("fork" if way == "inherit" else "forkserver")
    if way != "inherit":
        # Python 3.11's fork server does not preload __main__ (CPython gh-126631), so each
        # worker would import numpy again; preloading it by name works.
        context.set_forkserver_preload(["numpy", "psutil", "labkit"])
    with context.Pool(2) as pool:  # warm up: starts the fork server, outside the timing
        pool.map(abs, range(4))
    if way == "inherit":
        big = array  # set before Pool(): forked workers inherit it, nothing is copied
    name = block.name if way == "shared_memory" else None
    rows = []
    for _ in range(repeats):
        out = []
        # Pool start-up is timed too: the initializer and inheritance ways pay there.
        seconds = labkit.timed(run, way, context, array, name, out)
        assert sum(part for part, _, _ in out) == length * (length - 1) / 2
        rows.append(
            {
                "seconds": seconds,
                "parent_peak_rss_mb": peak_rss_mb(),
                "worker_peak_rss_mb": max(rss for _, rss, _ in out),
                "worker_private_mb": max(private for _, _, private in out),
            }
        )
    if way == "shared_memory":
        del array
        block.close()
        block.unlink()  # the block outlives every process until it is unlinked
    queue.put(rows)


if __name__ == "__main__":
    args = labkit.options(__doc__)
    results = labkit.Results(args, array_mb=ARRAY_MB, tasks=TASKS, processes=os.cpu_count())
    # Each way runs in its own fresh process, forked from this small one: a process's peak RSS
    # never goes down, so measured in one process, each way would also carry the peaks of the
    # ways before it.
    fork = multiprocessing.get_context("fork")
    for way in WAYS:
        queue = fork.SimpleQueue()
        process = fork.Process(target=measure, args=(way, args.repeats, queue))
        process.start()
        rows = queue.get()
        process.join()
        assert process.exitcode == 0
        results.add(way=way, **{key: [row[key] for row in rows] for key in rows[0]})
    results.finish()
