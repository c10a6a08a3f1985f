"""Functions for the Jupyter page, in a module that every worker can import.

A function defined in a notebook cell lives in the kernel's ``__main__``, which
a spawned or forkserver worker cannot import. Defined here, it is pickled as
``jupyter_work.square``, and each worker imports this file to find it.
"""

import os
import stat
import sys


def square(x):
    # flush=True: a spawned worker's stdout is a plain pipe, buffered in blocks;
    # a line left in the buffer is lost when the pool terminates the worker.
    print(f"square({x}) runs in process {os.getpid()}", flush=True)
    return x * x


def where_output_goes(_):
    """The class of this process's sys.stdout, and what its file descriptor 1 is."""
    stream = type(sys.stdout)
    return f"{stream.__module__}.{stream.__qualname__}", describe_fd(1)


def describe_fd(fd):
    """What a file descriptor is connected to: a pipe, a terminal or a file, and its inode.

    Two descriptors that show the same pipe and inode number are the same pipe.
    """
    info = os.fstat(fd)
    if stat.S_ISFIFO(info.st_mode):
        kind = "pipe"
    elif stat.S_ISCHR(info.st_mode):
        kind = "terminal" if os.isatty(fd) else "device"
    else:
        kind = "file"
    return f"{kind}, inode {info.st_ino}"


if __name__ == "__main__":
    # Run as a script, it shows the same calls in a pool of this process.
    from multiprocessing import Pool

    with Pool(processes=2) as pool:
        print(pool.map(square, range(5)))
