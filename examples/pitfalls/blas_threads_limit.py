"""The fix in the pool: threadpool_limits in the initializer."""

import os
from multiprocessing import Pool

import numpy as np
from threadpoolctl import threadpool_info, threadpool_limits


def blas_threads():
    libs = threadpool_info()
    return [lib["num_threads"] for lib in libs if lib["user_api"] == "blas"]


def limit_blas():
    global limiter  # kept, never exited: in force until the worker ends
    limiter = threadpool_limits(limits=1, user_api="blas")
    print(f"worker {os.getpid()}: BLAS threads {blas_threads()}")


def product(seed):
    a = np.random.default_rng(seed).random((300, 300))
    trace, threads = np.trace(a @ a), blas_threads()
    return f"task {seed} in {os.getpid()}: BLAS threads {threads}, trace {trace:.1f}"


if __name__ == "__main__":
    print(f"parent {os.getpid()}: BLAS threads {blas_threads()}")
    with Pool(2, initializer=limit_blas) as pool:
        for line in pool.map(product, range(4)):
            print(line)
    print(f"parent {os.getpid()}: BLAS threads {blas_threads()}")
