"""The same initializer under ProcessPoolExecutor: BrokenProcessPool, at once."""

import os
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool


def init_worker(path):
    print(f"init_worker in process {os.getpid()}")
    with open(path) as f:  # missing: FileNotFoundError
        f.read()


def square(x):
    return x * x


if __name__ == "__main__":
    started = time.monotonic()
    config = "missing.toml"
    executor = ProcessPoolExecutor(2, initializer=init_worker, initargs=(config,))
    with executor:
        try:
            print(list(executor.map(square, range(4))))
        except BrokenProcessPool as e:
            print(f"map raised after {time.monotonic() - started:.1f} s:")
            print(f"{type(e).__module__}.{type(e).__qualname__}: {e}")
