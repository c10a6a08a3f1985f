"""How many workers does Pool() start when you do not say how many?

With an argument N (Linux only), the script first limits itself to N CPUs,
as `taskset` or a container's CPU set would.
"""

import os
import sys
from multiprocessing import Pool

if __name__ == "__main__":
    if len(sys.argv) > 1:
        allowed = sorted(os.sched_getaffinity(0))[: int(sys.argv[1])]
        os.sched_setaffinity(0, allowed)
    print("Python", sys.version.split()[0])
    print("os.cpu_count():", os.cpu_count())
    if hasattr(os, "process_cpu_count"):  # new in Python 3.13
        print("os.process_cpu_count():", os.process_cpu_count())
    else:
        print("os.process_cpu_count(): not in this Python")
    if hasattr(os, "sched_getaffinity"):  # Linux and a few other systems
        print("CPUs this process may run on:", len(os.sched_getaffinity(0)))
    with Pool() as pool:
        # _pool is private: the pool's list of worker processes, read to count them.
        print("len(pool._pool):", len(pool._pool))
