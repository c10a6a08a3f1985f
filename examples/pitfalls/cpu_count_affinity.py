"""Limited to one CPU, as under `taskset -c 0`: the counts, and what Pool() does."""

import os
import sys
from multiprocessing import Pool

if __name__ == "__main__":
    first = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {first})  # this process may now run on one CPU only
    print("Python", sys.version.split()[0])
    print("os.cpu_count():", os.cpu_count())
    print("len(os.sched_getaffinity(0)):", len(os.sched_getaffinity(0)))
    if hasattr(os, "process_cpu_count"):  # new in Python 3.13
        print("os.process_cpu_count():", os.process_cpu_count())
    with Pool() as pool:
        workers = pool._pool  # private: the pool's worker processes, read to count
        print("workers Pool() started:", len(workers))
        for worker in workers:
            cpus = sorted(os.sched_getaffinity(worker.pid))
            print(f"  worker {worker.pid} may run on CPUs {cpus}")
