"""From Pool() to the first result, and then close() and join(), under each start method."""

from __future__ import annotations

import multiprocessing
import os
import time

import labkit

METHODS = ["fork", "spawn", "forkserver"]  # fork: not on Windows; forkserver: not on Windows

# Which process imported this module. A worker that finds another process's PID here did
# not import it itself: it was forked from a process that had (the parent under fork, the
# fork server if it preloaded __main__).
IMPORTED_IN = os.getpid()


def pid(_=None):
    return os.getpid()


def who_imported_main(_=None):
    return os.getpid(), IMPORTED_IN


def start_and_stop(context):
    """Seconds from Pool() to the first result, and for close() and join()."""
    start = time.perf_counter()
    pool = context.Pool(2)
    first = pool.apply(pid)
    ready = time.perf_counter()
    pool.close()
    pool.join()
    done = time.perf_counter()
    assert first != os.getpid()  # it ran in a worker
    return ready - start, done - ready


if __name__ == "__main__":
    args = labkit.options(__doc__)
    results = labkit.Results(args, processes=2)
    for method in METHODS:
        context = multiprocessing.get_context(method)
        # Warm up: the first forkserver pool of a program also starts the fork server
        # itself, once; and the first run of any method reads files the later ones find cached.
        start_and_stop(context)
        times = [start_and_stop(context) for _ in range(args.repeats)]
        results.add(method=method, phase="first result", seconds=[t[0] for t in times])
        results.add(method=method, phase="close and join", seconds=[t[1] for t in times])
        with context.Pool(2) as pool:
            worker, importer = pool.apply(who_imported_main)
        if importer == os.getpid():
            found = "no: a copy of the parent's, imported before the fork"
        elif importer == worker:
            found = "yes: each worker imports it again"
        else:
            found = "no: the fork server had imported it"
        results.add(method=method, check="worker imports __main__", outcome=found)
    results.finish()
