"""Pool.map_async: a MapResult at once; the callback gets the whole list, once."""

import os
import time
from multiprocessing import Pool


def square(x):
    time.sleep(0.2)
    print(f"square({x}) runs in process {os.getpid()}")
    return x * x


def report(results):
    print("callback got", results)


if __name__ == "__main__":
    with Pool(processes=2) as pool:
        async_result = pool.map_async(square, range(6), callback=report)
        name = type(async_result).__name__
        print(f"map_async returned {name}; ready: {async_result.ready()}")
        results = async_result.get()
        print("get() returned", results)
