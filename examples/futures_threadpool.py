"""ThreadPool: the Pool API, run by threads of this process."""

import os
import threading
import time
from multiprocessing import Pool
from multiprocessing.pool import ThreadPool


def square(x):
    thread = threading.current_thread().name
    print(f"square({x}) runs in {thread}, process {os.getpid()}")
    time.sleep(0.1)  # long enough for the other thread to take the next item
    return x * x


if __name__ == "__main__":
    print(f"the script is process {os.getpid()}")
    with ThreadPool(processes=2) as pool:
        print(pool.map(square, range(4)))
        # Nothing is pickled: a lambda, defined right here, works.
        print(pool.map(lambda x: x + 1, range(4)))

    with Pool(processes=2) as pool:
        try:
            pool.map(lambda x: x + 1, range(4))
        except Exception as exc:  # a process pool must pickle the function
            print(f"Pool.map with a lambda: {type(exc).__name__}:")
            print(f"  {exc}")
