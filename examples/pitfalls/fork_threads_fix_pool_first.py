"""The other fix: start the pool first, then the threads."""

import os
import threading
from multiprocessing import Pool

lock = threading.Lock()
holding = threading.Event()
release = threading.Event()


def hold_the_lock():
    with lock:
        holding.set()
        release.wait()


def locked_square(x):
    state = "locked" if lock.locked() else "free"
    print(f"worker {os.getpid()}: the lock is {state}")
    with lock:
        return x * x


if __name__ == "__main__":
    with Pool(processes=2) as pool:  # the workers are forked now, before any thread
        threading.Thread(target=hold_the_lock, daemon=True).start()
        holding.wait()
        print("parent: another thread holds the lock now")
        result = pool.map_async(locked_square, range(4))
        print(result.get(timeout=3))
    release.set()
