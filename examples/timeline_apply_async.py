"""A timeline of apply_async in a loop, then get() on each result in turn.

Each task returns which worker ran it and when it started and ended. The
parent notes the order in which it submitted the calls, the order in which
the results arrived (the order the callbacks ran), and when get() returned
each one. Times are seconds since the first call; one JSON object per line."""

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


if __name__ == "__main__":
    setup = {"call": "apply_async", "workers": WORKERS, "items": ITEMS}
    print(json.dumps(setup))

    submitted = []
    arrived = []
    with Pool(WORKERS) as pool:
        t0 = time.time()

        def note_arrival(task):
            # A callback runs in the parent, as each result arrives.
            arrived.append(task["index"])

        handles = []
        for index in range(ITEMS):
            handles.append(pool.apply_async(work, (index,), callback=note_arrival))
            submitted.append(index)
        tasks = []
        # get() in submission order: each waits for its own result.
        for handle in handles:
            task = handle.get()
            task["returned"] = time.time()
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
        "arrived": arrived,
    }
    for name, order in orders.items():
        print(json.dumps({name: order}))
