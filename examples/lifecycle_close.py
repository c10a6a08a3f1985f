"""close(): no new work, but the queued work still runs; join() waits for it."""

import os
import time
from multiprocessing import Pool


def slow_square(x):
    time.sleep(0.5)
    print(f"slow_square({x}) finished in process {os.getpid()}")
    return x * x


if __name__ == "__main__":
    pool = Pool(processes=2)
    results = [pool.apply_async(slow_square, (x,)) for x in range(4)]
    pool.close()
    print("close() returned at once")
    try:
        pool.apply_async(slow_square, (4,))
    except ValueError as e:
        print(f"apply_async after close(): {type(e).__name__}: {e}")
    started = time.monotonic()
    pool.join()
    waited = time.monotonic() - started
    print(f"join() returned after {waited:.1f} s, every worker has exited")
    print("results:", [r.get() for r in results])
