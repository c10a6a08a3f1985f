"""terminate() and shutdown(cancel_futures=True): stop now, or stop taking work."""

import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import Pool


def nap(seconds):
    time.sleep(seconds)
    return seconds


if __name__ == "__main__":
    pool = Pool(processes=2)
    results = [pool.apply_async(nap, (0.5,)) for _ in range(6)]
    time.sleep(0.2)  # two tasks are running now
    pool.terminate()  # kills the workers, running tasks included
    pool.join()
    print(f"Pool.terminate: {sum(r.ready() for r in results)} of 6 results ready")

    executor = ProcessPoolExecutor(max_workers=2)
    futures = [executor.submit(nap, 0.5) for _ in range(6)]
    time.sleep(0.2)
    executor.shutdown(wait=True, cancel_futures=True)  # Python 3.9+
    done = sum(f.done() and not f.cancelled() for f in futures)
    cancelled = sum(f.cancelled() for f in futures)
    print(f"shutdown(cancel_futures=True): {done} finished, {cancelled} cancelled")
