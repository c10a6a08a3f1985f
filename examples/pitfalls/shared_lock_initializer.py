"""The fix: hand a Lock and a Value to each worker once, through initializer and initargs."""

import multiprocessing
import os
from multiprocessing import Pool

lock = None  # in each worker: set by share()
total = None


def share(the_lock, the_total):  # the initializer: runs once in each worker
    global lock, total
    lock, total = the_lock, the_total
    print(f"process {os.getpid()} got {type(the_lock).__name__} and {type(the_total).__name__}")


def add(n):
    for _ in range(n):
        with lock:  # += reads the shared int, then writes it: no other worker in between
            total.value += 1


if __name__ == "__main__":
    the_lock = multiprocessing.Lock()
    the_total = multiprocessing.Value("i", 0, lock=False)  # a plain shared int, no lock of its own
    with Pool(processes=2, initializer=share, initargs=(the_lock, the_total)) as pool:
        pool.map(add, [20_000] * 4, chunksize=1)
        pool.close()
        pool.join()  # both workers have started, so both printed their line
    print(f"total.value = {the_total.value} (expected 80000)")
