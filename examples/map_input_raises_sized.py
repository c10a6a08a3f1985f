"""map over an input that has a length but raises while it is read: does map finish?

With arguments, the table at the end covers those lengths instead of 10.
"""

import multiprocessing
import sys
import time
from multiprocessing import Pool


class Numbers:
    """0, 1, 2, ... with a length, like a list; reading item `bad` raises ValueError."""

    def __init__(self, length, bad):
        self.length = length
        self.bad = bad

    def __len__(self):
        return self.length

    def __iter__(self):
        for i in range(self.length):
            if i == self.bad:
                raise ValueError(f"item {i} is bad")
            yield i


def square(x):
    return x * x


def try_map(pool, numbers, chunksize):
    """map(), but giving up after 2 seconds: map is map_async(...).get()."""
    try:
        pool.map_async(square, numbers, chunksize).get(timeout=2)
        outcome = "returned"
    except ValueError as exc:
        outcome = f"raised {exc!r}"
    except multiprocessing.TimeoutError:
        outcome = "still waiting after 2 s (multiprocessing.TimeoutError)"
    print(f"length {len(numbers)}, chunksize {chunksize}, bad item {numbers.bad}: {outcome}")


if __name__ == "__main__":
    lengths = [int(arg) for arg in sys.argv[1:]] or [10]
    with Pool(processes=2) as pool:
        try_map(pool, Numbers(10, bad=8), chunksize=2)
        try_map(pool, Numbers(10, bad=7), chunksize=2)

        # Every length, chunksize and bad item at once, then one 2-second deadline for all.
        results = {}
        for length in lengths:
            for chunksize in (1, 2, 3, 4):
                for bad in range(length):
                    numbers = Numbers(length, bad)
                    results[length, chunksize, bad] = pool.map_async(square, numbers, chunksize)
        deadline = time.monotonic() + 2
        for result in results.values():
            result.wait(max(0, deadline - time.monotonic()))
        for length in lengths:
            for chunksize in (1, 2, 3, 4):
                finished = [
                    bad
                    for (n, c, bad), result in results.items()
                    if (n, c) == (length, chunksize) and result.ready()
                ]
                print(f"length {length}, chunksize {chunksize}: finished for bad item {finished}")
