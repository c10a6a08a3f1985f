"""A small Pool script: prints in workers, map, imap_unordered, a callback, a task that fails."""

import os
import time
from multiprocessing import Pool


def square(x):
    print(f"square({x}) runs in process {os.getpid()}")
    return x * x


def slow_square(x):
    time.sleep(0.1 * (4 - x))  # the first inputs take the longest
    return x * x


def fail(x):
    raise ValueError(f"task {x} failed")


def report(result):
    print(f"callback got {result} in process {os.getpid()}")


if __name__ == "__main__":
    print(f"main program: process {os.getpid()}")
    with Pool(processes=2) as pool:
        print("map:", pool.map(square, range(6)))
        print("imap_unordered:", list(pool.imap_unordered(slow_square, range(4))))
        pool.apply_async(square, (10,), callback=report).wait()
        try:
            pool.apply(fail, (11,))
        except ValueError as error:
            print(f"apply raised {error!r}")
