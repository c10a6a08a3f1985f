"""Time per pool.apply call against the size of its argument, and of its result (numpy float64)."""

from __future__ import annotations

import os
from multiprocessing import Pool

import labkit
import numpy as np

SIZES = [10**k for k in range(3, 8)]  # bytes: 1 KB to 10 MB (100 MB took 8 s more)
buffers = {}  # nbytes -> a float64 array of that size, made in each process before timing


def make_buffers():
    # Ready in the parent and in every worker (initializer), so only the transfer is timed.
    for nbytes in SIZES:
        buffers[nbytes] = np.ones(nbytes // 8)


def size_of(array):  # the argument travels to the worker, a small int comes back
    return array.nbytes


def send_back(nbytes):  # a small int travels to the worker, the array comes back
    return buffers[nbytes]


def calls(nbytes):
    # Several calls per measurement for small sizes (one is too short to time well),
    # fewer for large ones, which dominate the run: 20 calls up to 100 KB, then 10, 1.
    return max(1, min(20, 10**7 // nbytes))


def run(pool, direction, nbytes):
    for _ in range(calls(nbytes)):
        if direction == "argument":
            assert pool.apply(size_of, (buffers[nbytes],)) == nbytes
        else:
            assert pool.apply(send_back, (nbytes,)).nbytes == nbytes


if __name__ == "__main__":
    args = labkit.options(__doc__)
    processes = os.cpu_count()
    results = labkit.Results(args, processes=processes, dtype="float64")
    make_buffers()
    with Pool(processes, initializer=make_buffers) as pool:
        for nbytes in SIZES:  # warm up: each size once each way
            run(pool, "argument", nbytes)
            run(pool, "result", nbytes)
        for direction in ("argument", "result"):
            for nbytes in SIZES:
                seconds = [
                    labkit.timed(run, pool, direction, nbytes) / calls(nbytes)
                    for _ in range(args.repeats)
                ]
                results.add(
                    direction=direction,
                    nbytes=nbytes,
                    seconds=seconds,
                    throughput_mb_s=[nbytes / 1e6 / s for s in seconds],
                )
    results.finish()
