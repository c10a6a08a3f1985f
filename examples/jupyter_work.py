"""Functions for the Jupyter page, in a module that every worker can import.

A function defined in a notebook cell lives in the kernel's ``__main__``, which
a spawned or forkserver worker cannot import. Defined here, it is pickled as
``jupyter_work.square``, and each worker imports this file to find it.
"""

import os
import sys


def square(x):
    # flush=True: a spawned worker's stdout is a plain pipe, buffered in blocks;
    # a line left in the buffer is lost when the pool terminates the worker.
    print(f"square({x}) runs in process {os.getpid()}", flush=True)
    return x * x


def where_output_goes(_):
    """The class of this process's sys.stdout, and what its file descriptor 1 is."""
    stream = type(sys.stdout)
    fd1 = os.readlink("/proc/self/fd/1")  # Linux: what file descriptor 1 is
    return f"{stream.__module__}.{stream.__qualname__}", fd1


if __name__ == "__main__":
    # Run as a script, it shows the same calls in a pool of this process.
    from multiprocessing import Pool

    with Pool(processes=2) as pool:
        print(pool.map(square, range(5)))
