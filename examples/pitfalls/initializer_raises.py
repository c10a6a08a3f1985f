"""An initializer that raises: each worker dies, and the pool starts another."""

import os
import time
from multiprocessing import Pool, TimeoutError


def init_worker(path):
    print(f"init_worker in process {os.getpid()}")
    time.sleep(0.5)  # slow setup, as loading a model would be
    with open(path) as f:  # missing: FileNotFoundError
        f.read()


def square(x):
    return x * x


if __name__ == "__main__":
    config = "missing.toml"
    with Pool(processes=1, initializer=init_worker, initargs=(config,)) as pool:
        result = pool.map_async(square, range(4))
        try:
            outcome = f"map returned {result.get(timeout=2)}"
        except TimeoutError:
            outcome = "map: no result and no error after 2 s"
    # Printed once the with block's terminate() has stopped the last worker: nothing after it.
    print(outcome)
