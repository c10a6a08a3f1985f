"""The variable set after NumPy was imported: workers differ by start method."""

import os
from multiprocessing import Pool, get_start_method

import numpy  # noqa: F401  (loads OpenBLAS, which reads the environment now)
from threadpoolctl import threadpool_info


def blas_threads(_=None):
    libs = threadpool_info()
    threads = [lib["num_threads"] for lib in libs if lib["user_api"] == "blas"]
    return f"{os.getpid()}: BLAS threads {threads}"


if __name__ == "__main__":
    # Too late for this process: its OpenBLAS is loaded already.
    os.environ["OPENBLAS_NUM_THREADS"] = "1"
    print(f"start method: {get_start_method()}")
    print("parent", blas_threads())
    with Pool(2) as pool:
        for line in pool.map(blas_threads, range(4)):
            print("worker", line)
