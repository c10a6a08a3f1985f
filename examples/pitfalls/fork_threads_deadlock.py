"""A lock that another thread holds when the pool forks stays locked in the workers."""

import multiprocessing
import os
import threading
from multiprocessing import Pool

lock = threading.Lock()  # guards some shared state in this process
holding = threading.Event()
release = threading.Event()


def hold_the_lock():
    with lock:  # as a background thread would, now and then
        holding.set()
        release.wait()


def locked_square(x):
    state = "locked" if lock.locked() else "free"
    print(f"worker {os.getpid()}: the lock is {state}; threads here: {threading.active_count()}")
    with lock:
        return x * x


if __name__ == "__main__":
    threading.Thread(target=hold_the_lock, daemon=True).start()
    holding.wait()
    print("parent: another thread holds the lock; starting the pool")
    with Pool(processes=2) as pool:
        result = pool.map_async(locked_square, range(4))
        try:
            print(result.get(timeout=3))
        except multiprocessing.TimeoutError:
            print("get(timeout=3) raised TimeoutError: the workers are stuck")
    release.set()
