"""What BLAS library NumPy runs, and how many threads it uses: in the parent and in each worker."""

import os
from multiprocessing import Pool

import numpy as np
import psutil
from threadpoolctl import threadpool_info


def describe(who):
    a = np.ones((600, 600))
    a @ a  # one matrix product, so the library has started its threads
    for lib in threadpool_info():  # every thread pool loaded in this process
        print(
            f"{who} {os.getpid()}: {lib['internal_api']} {lib['version']}"
            f" ({lib['prefix']}, {lib['threading_layer']}), user_api={lib['user_api']},"
            f" num_threads={lib['num_threads']}"
        )
    print(f"{who} {os.getpid()}: threads in this process: {psutil.Process().num_threads()}")


if __name__ == "__main__":
    print(f"os.cpu_count(): {os.cpu_count()}")
    describe("parent")
    pool = Pool(2, initializer=describe, initargs=("worker",))  # each worker runs it once
    pool.close()
    pool.join()  # both workers started, ran the initializer, and ended
