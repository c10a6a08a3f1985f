"""Pool.apply_async: submit every call at once, collect the results later."""

import os
from multiprocessing import Pool


def square(x):
    print(f"square({x}) runs in process {os.getpid()}")
    return x * x


if __name__ == "__main__":
    with Pool(processes=4) as pool:
        # apply_async() returns at once, with a promise of a result, not the result.
        async_results = [pool.apply_async(square, (x,)) for x in range(5)]
        print(async_results)
        # get() waits for each result in turn, so results come back in submission order.
        results = [r.get() for r in async_results]
    print(results)
