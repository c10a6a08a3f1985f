"""The fix inside the pool: threadpool_limits(1) in the initializer, one BLAS thread a worker."""

import os
from multiprocessing import Pool

import numpy as np
from threadpoolctl import threadpool_info, threadpool_limits


def blas_threads():
    return [lib["num_threads"] for lib in threadpool_info() if lib["user_api"] == "blas"]


def limit_blas():
    global limiter
    limiter = threadpool_limits(limits=1, user_api="blas")  # in force until the worker ends
    print(f"worker {os.getpid()}: BLAS threads {blas_threads()}")


def product(seed):
    a = np.random.default_rng(seed).random((300, 300))
    return (
        f"task {seed} in {os.getpid()}: BLAS threads {blas_threads()}, trace {np.trace(a @ a):.1f}"
    )


if __name__ == "__main__":
    print(f"parent {os.getpid()}: BLAS threads {blas_threads()}")
    with Pool(2, initializer=limit_blas) as pool:
        for line in pool.map(product, range(4)):
            print(line)
    print(f"parent {os.getpid()}: BLAS threads {blas_threads()}")
