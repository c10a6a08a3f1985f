"""Which BLAS NumPy runs, and its threads: in the parent and in each worker."""

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
            f" ({lib['prefix']}, {lib['threading_layer']}),"
            f" user_api={lib['user_api']}, num_threads={lib['num_threads']}"
        )
    threads = psutil.Process().num_threads()  # as the operating system counts
    print(f"{who} {os.getpid()}: threads in this process: {threads}")


if __name__ == "__main__":
    print(f"os.cpu_count(): {os.cpu_count()}")
    describe("parent")
    # The initializer runs once in each worker, as it starts.
    pool = Pool(2, initializer=describe, initargs=("worker",))
    pool.close()
    pool.join()  # both workers started, ran the initializer, and ended
