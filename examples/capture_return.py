"""Fix 2: return what you want to see, and print it in the parent."""

import os
from multiprocessing import Pool


def square(x):
    return x, x * x, os.getpid()


if __name__ == "__main__":
    with Pool(processes=4) as pool:
        for x, result, pid in pool.map(square, range(10), chunksize=1):
            print(f"square({x}) = {result}, computed in process {pid}")
