"""A pool that is never closed: the ResourceWarning its __del__ emits."""

import gc
import sys
import warnings
from multiprocessing import Pool


def square(x):
    return x * x


if __name__ == "__main__":
    warnings.simplefilter("default")  # ResourceWarning is hidden by default
    print("Python", sys.version.split()[0])
    pool = Pool(processes=2)
    print(pool.map(square, range(5)))
    del pool  # neither close() nor terminate() was called
    gc.collect()
    print("the pool object is gone")
