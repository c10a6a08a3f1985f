"""terminate(): stop the workers now; work still queued or running is dropped."""

import multiprocessing
import os
import time
from multiprocessing import Pool


def slow_square(x):
    print(f"slow_square({x}) started in process {os.getpid()}")
    time.sleep(2)
    print(f"slow_square({x}) finished")
    return x * x


if __name__ == "__main__":
    pool = Pool(processes=2)
    workers = multiprocessing.active_children()
    results = [pool.apply_async(slow_square, (x,)) for x in range(4)]
    time.sleep(1)  # the first two calls are running now
    started = time.monotonic()
    pool.terminate()
    pool.join()
    print(f"terminate() and join() returned after {time.monotonic() - started:.1f} s")
    print("workers' exit codes:", [w.exitcode for w in workers])
    print("results ready:", [r.ready() for r in results])
