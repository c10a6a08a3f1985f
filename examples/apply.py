"""Pool.apply: run one call in a worker process and wait for its result."""

import os
from multiprocessing import Pool


def square(x):
    print(f"square({x}) runs in process {os.getpid()}")
    return x * x


if __name__ == "__main__":
    with Pool(processes=4) as pool:
        # Each apply() waits for its result before the loop submits the next call.
        results = [pool.apply(square, (x,)) for x in range(5)]
    print(results)
