"""When a worker process dies, the worker-handler thread starts a new one."""

import multiprocessing
import os
import time


def die():
    os._exit(1)  # end this worker process at once: no result is ever sent back


def worker_names():
    return sorted(p.name for p in multiprocessing.active_children())


if __name__ == "__main__":
    with multiprocessing.Pool(processes=2) as pool:
        before = worker_names()
        print("workers:", before)

        lost = pool.apply_async(die)
        # Wait (10 s at most) for a worker name that was not there before.
        deadline = time.monotonic() + 10
        while set(worker_names()) <= set(before) and time.monotonic() < deadline:
            time.sleep(0.05)
        print("workers after one died:", worker_names())

        try:
            lost.get(timeout=1)
        except multiprocessing.TimeoutError:
            print("the task that killed its worker: get(timeout=1) timed out")
        print("the pool still works:", pool.map(abs, [-1, -2, -3]))
