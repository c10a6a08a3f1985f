"""A timeline of Pool.map with chunksize=1: one task per input.

Each task returns which worker ran it and when it started and ended. The
parent notes the order in which the pool took the inputs, and when each
result came back. Times are seconds since the call; one JSON object per line."""

import json
import os
import time
from multiprocessing import Pool

WORKERS = 3
ITEMS = 20


def work(index):
    start = time.time()  # time.time() is comparable across processes
    time.sleep(0.3 if index % 5 == 1 else 0.05)  # inputs 1, 6, 11 and 16 are slow
    return {"index": index, "pid": os.getpid(), "start": start, "end": time.time()}


def inputs(submitted):
    """Yield 0, 1, 2, ... and note each one as the pool takes it."""
    for index in range(ITEMS):
        submitted.append(index)
        yield index


if __name__ == "__main__":
    setup = {"call": "map", "workers": WORKERS, "items": ITEMS}
    setup["chunksize"] = 1
    print(json.dumps(setup))

    submitted = []
    with Pool(WORKERS) as pool:
        t0 = time.time()
        tasks = pool.map(work, inputs(submitted), chunksize=1)
        returned_at = time.time()  # map returns every result at once

    for task in tasks:
        line = {
            "index": task["index"],
            "chunk": task["index"],  # with chunksize=1, chunk i holds input i
            "pid": task["pid"],
            "start": round(task["start"] - t0, 3),
            "end": round(task["end"] - t0, 3),
            "returned": round(returned_at - t0, 3),
        }
        print(json.dumps(line))
    orders = {
        "submitted": submitted,
        "started": [t["index"] for t in sorted(tasks, key=lambda t: t["start"])],
        "finished": [t["index"] for t in sorted(tasks, key=lambda t: t["end"])],
        "returned": [t["index"] for t in tasks],
    }
    for name, order in orders.items():
        print(json.dumps({name: order}))
