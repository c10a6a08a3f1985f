"""Where a callback runs: in the parent process, in the pool's result handler."""

import os
import threading
from multiprocessing import Pool


def square(x):
    print(f"square({x}) runs in process {os.getpid()}")
    return x * x


def report(result):
    thread = threading.current_thread()
    print(f"callback got {result} in process {os.getpid()}, thread {thread.name!r}")
    print("    is it the pool's result handler?", thread is pool._result_handler)


if __name__ == "__main__":
    main_thread = threading.current_thread().name
    print(f"main program: process {os.getpid()}, thread {main_thread!r}")
    with Pool(processes=2) as pool:
        pool.apply_async(square, (3,), callback=report).get()
