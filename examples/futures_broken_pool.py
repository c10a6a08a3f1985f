"""A worker dies: Pool waits for a result that never comes; the executor says so."""

import os
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import Pool, TimeoutError


def crash(x):
    os._exit(1)  # the worker process ends at once, as if it had been killed


if __name__ == "__main__":
    with Pool(processes=2) as pool:
        result = pool.apply_async(crash, (0,))
        try:
            result.get(timeout=2)
        except TimeoutError:
            print("Pool: no result after 2 s; with no timeout, get() waits forever")
        print(f"Pool: it still takes new work: abs(-5) = {pool.apply(abs, (-5,))}")

    with ProcessPoolExecutor(max_workers=2) as executor:
        future = executor.submit(crash, 0)
        try:
            future.result(timeout=10)
        except BrokenProcessPool as exc:
            print(f"executor: BrokenProcessPool: {exc}")
        try:
            executor.submit(abs, -5)
        except BrokenProcessPool:
            print("executor: it refuses new work, with BrokenProcessPool again")
