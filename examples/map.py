"""Pool.map: one argument per call, results in input order."""

import os
from multiprocessing import Pool


def square(x):
    print(f"square({x}) runs in process {os.getpid()}")
    return x * x


if __name__ == "__main__":
    with Pool(processes=4) as pool:
        results = pool.map(square, range(5))
    print(results)
