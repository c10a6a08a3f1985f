"""The fix: a spawn pool. Its workers start fresh and create their own, free, lock."""

import multiprocessing
import os
import threading

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
    threading.Thread(target=hold_the_lock, daemon=True).start()
    holding.wait()
    print("parent: another thread holds the lock; starting a spawn pool")
    ctx = multiprocessing.get_context("spawn")  # or "forkserver"
    with ctx.Pool(processes=2) as pool:
        result = pool.map_async(locked_square, range(4))
        print(result.get(timeout=3))
    release.set()
