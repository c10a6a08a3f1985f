"""An initializer that keeps its error: every task reports it, nothing hangs."""

import os
from multiprocessing import Pool

setup_error = None  # in a worker whose setup failed: the exception


def init_worker(path):
    global setup_error
    print(f"init_worker in process {os.getpid()}")
    try:
        with open(path) as f:
            f.read()
    except OSError as e:
        setup_error = e  # the worker lives on, and its tasks raise this


def square(x):
    if setup_error is not None:
        raise setup_error
    return x * x


if __name__ == "__main__":
    config = "missing.toml"
    with Pool(processes=2, initializer=init_worker, initargs=(config,)) as pool:
        try:
            pool.map(square, range(4))
        except OSError as e:
            print(f"map raised {type(e).__name__}: {e}")
