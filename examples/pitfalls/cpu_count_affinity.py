"""Limited to one CPU, as under `taskset -c 0`: what each count says, and what Pool() does."""

import os
import sys
from multiprocessing import Pool

if __name__ == "__main__":
    first = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {first})  # from now on, this process may run on one CPU only
    print("Python", sys.version.split()[0])
    print("os.cpu_count():", os.cpu_count())
    print("len(os.sched_getaffinity(0)):", len(os.sched_getaffinity(0)))
    if hasattr(os, "process_cpu_count"):  # new in Python 3.13
        print("os.process_cpu_count():", os.process_cpu_count())
    with Pool() as pool:
        workers = pool._pool  # private: the pool's worker processes, read to count them
        print("workers Pool() started:", len(workers))
        for worker in workers:
            print(
                f"  worker {worker.pid} may run on CPUs {sorted(os.sched_getaffinity(worker.pid))}"
            )
