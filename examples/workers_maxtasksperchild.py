"""maxtasksperchild counts tasks, and one chunk of map is one task."""

import os
from multiprocessing import Pool


def pid_of_worker(x):
    return os.getpid()


if __name__ == "__main__":
    for chunksize in (5, 1):
        # One worker, replaced after every task.
        with Pool(processes=1, maxtasksperchild=1) as pool:
            pids = pool.map(pid_of_worker, range(10), chunksize=chunksize)
        distinct = len(set(pids))
        print(f"chunksize={chunksize}: {distinct} distinct worker PIDs for 10 items")
        print("  ", pids)
