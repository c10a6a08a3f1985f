"""Under fork, reading inherited Python objects copies their pages into the worker."""

import gc
import multiprocessing

import numpy as np
import psutil

rows = None  # a list of 300,000 small lists, made before the pool starts
array = None  # a numpy array of as many numbers, made before the pool starts


def private_mb():
    # Unique set size: the memory pages that belong to this process alone.
    return psutil.Process().memory_full_info().uss / 2**20


def collect():
    gc.collect()  # a full collection of the garbage collector


def read_rows():
    total = 0.0
    for row in rows:  # each row is referenced in turn: its reference count changes
        total += row[1]
    return total


def read_array():
    return array.sum()  # reads the numbers in place; no Python object per number


def grows(action):
    """In a worker: how much its private memory grows while it does ``action``."""
    before = private_mb()
    action()
    return private_mb() - before


if __name__ == "__main__":
    fork = multiprocessing.get_context("fork")  # this script is about fork
    rows = [[i, i / 2] for i in range(300_000)]
    array = np.arange(300_000) / 2
    print(f"rows: {len(rows):,} lists [int, float]")
    print(f"array: {array.size:,} floats, {array.nbytes / 2**20:.1f} MB")
    for freeze in (False, True):
        if freeze:
            gc.freeze()  # move every object tracked so far to the permanent generation
        print(f"gc.freeze() called: {freeze}")
        for action in (collect, read_rows, read_array):
            with fork.Pool(processes=1) as pool:  # a fresh worker, forked now
                mb = pool.apply(grows, (action,))
            print(f"  {action.__name__:<10} private memory {mb:+.1f} MB")
