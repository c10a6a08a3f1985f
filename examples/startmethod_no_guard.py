"""A script without the `if __name__ == "__main__":` guard."""

import multiprocessing
import sys
import time


def square(x):
    return x * x


# Top-level code: every line below runs whenever this file is run OR imported.
print(f"{multiprocessing.current_process().name}: loading the data (1 s)")
time.sleep(1)
data = list(range(4))

with multiprocessing.Pool(processes=1) as pool:
    result = pool.map_async(square, data)
    try:
        print(result.get(timeout=2.5))
    except multiprocessing.TimeoutError:
        sys.exit("no result after 2.5 s: the pool's workers never ran square()")
