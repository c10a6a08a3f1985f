"""Peak memory of the parent: map over a big generator, imap read lazily, imap fed in batches."""

from __future__ import annotations

import itertools
import multiprocessing
import os
import resource
import sys

import labkit

ITEMS = 1000
ITEM_BYTES = 50_000  # 50 MB in all, produced one item at a time by a generator
BATCH = 64  # "batches": at most this many items are given to the pool at once
WAYS = ["map", "imap", "batches"]


def produce():
    for i in range(ITEMS):
        yield bytes([i % 256]) * ITEM_BYTES  # say, one record read from a file


def checksum(data):
    return data[0] + len(data)  # a small result: what grows is the input side


def batched(pool, iterable):
    # The bounded recipe: take BATCH items, run them, give their results, take the next BATCH.
    it = iter(iterable)
    for batch in iter(lambda: list(itertools.islice(it, BATCH)), []):
        yield from pool.imap(checksum, batch, chunksize=8)


def peak_rss_mb():
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux, bytes on macOS
    return peak / 2**20 if sys.platform == "darwin" else peak / 2**10


def measure(way, queue):
    """One run, in a fresh process: the peak RSS of a process never goes down."""

    def run():
        total = 0
        with multiprocessing.Pool(os.cpu_count()) as pool:
            if way == "map":  # map first turns the generator into a list
                results = pool.map(checksum, produce())
            elif way == "imap":  # results read as they come; inputs pulled by the pool
                results = pool.imap(checksum, produce(), chunksize=8)
            else:
                results = batched(pool, produce())
            for value in results:
                total += value
        return total

    totals = []
    seconds = labkit.timed(lambda: totals.append(run()))
    expected = sum(i % 256 + ITEM_BYTES for i in range(ITEMS))
    assert totals == [expected], (way, totals)
    queue.put((seconds, peak_rss_mb()))


if __name__ == "__main__":
    args = labkit.options(__doc__)
    results = labkit.Results(args, items=ITEMS, item_bytes=ITEM_BYTES, batch=BATCH)
    # Every run in a fresh process forked from this small one, which never holds the data.
    fork = multiprocessing.get_context("fork")
    runs = {way: [] for way in WAYS}
    for _ in range(args.repeats):
        for way in WAYS:
            queue = fork.SimpleQueue()
            process = fork.Process(target=measure, args=(way, queue))
            process.start()
            runs[way].append(queue.get())
            process.join()
            assert process.exitcode == 0
    for way in WAYS:
        results.add(
            way=way,
            seconds=[s for s, _ in runs[way]],
            parent_peak_rss_mb=[m for _, m in runs[way]],
        )
    results.finish()
