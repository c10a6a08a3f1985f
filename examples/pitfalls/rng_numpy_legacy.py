"""The parent seeds NumPy's global generator; each task draws in a worker."""

import os
import random
from multiprocessing import Pool

import numpy as np


def draw(task):
    return os.getpid(), np.random.randint(1_000_000), random.randrange(1_000_000)


if __name__ == "__main__":
    np.random.seed(42)  # "for reproducibility"
    random.seed(42)
    print(f"NumPy {np.__version__}, parent process {os.getpid()}")
    # maxtasksperchild=1: each task in a fresh worker, so each draw is a first
    with Pool(processes=2, maxtasksperchild=1) as pool:
        for pid, numpy_draw, python_draw in pool.map(draw, range(4), chunksize=1):
            print(f"worker {pid}: np.random {numpy_draw:6}, random {python_draw:6}")
    print(
        f"the parent's own next draws: np.random {np.random.randint(1_000_000):6}, "
        f"random {random.randrange(1_000_000):6}"
    )
