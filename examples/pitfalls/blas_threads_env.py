"""The fix before anything starts: the variables, set before NumPy is imported."""

import os

# OpenBLAS (and OpenMP) read them once, when the library is loaded: that is at
# `import numpy`, so they come first.
os.environ["OPENBLAS_NUM_THREADS"] = "1"
os.environ["OMP_NUM_THREADS"] = "1"

from multiprocessing import Pool

import numpy  # noqa: F401  (loads OpenBLAS, which reads the variables)
from threadpoolctl import threadpool_info


def blas_threads(_=None):
    libs = threadpool_info()
    threads = [lib["num_threads"] for lib in libs if lib["user_api"] == "blas"]
    return f"{os.getpid()}: BLAS threads {threads}"


if __name__ == "__main__":
    print("parent", blas_threads())
    with Pool(2) as pool:
        for line in pool.map(blas_threads, range(4)):
            print("worker", line)
