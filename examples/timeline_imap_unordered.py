"""A timeline of Pool.imap_unordered, whose default chunksize is 1.

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
    setup = {"call": "imap_unordered", "workers": WORKERS, "items": ITEMS}
    setup["chunksize"] = 1  # the default of imap_unordered
    print(json.dumps(setup))

    submitted = []
    tasks = []
    with Pool(WORKERS) as pool:
        t0 = time.time()
        for task in pool.imap_unordered(work, inputs(submitted)):
            task["returned"] = time.time()  # when this result reached the loop
            tasks.append(task)

    for task in tasks:
        line = {
            "index": task["index"],
            "pid": task["pid"],
            "start": round(task["start"] - t0, 3),
            "end": round(task["end"] - t0, 3),
            "returned": round(task["returned"] - t0, 3),
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
