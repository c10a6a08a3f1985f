"""Leaving `with Pool()` calls terminate(): work still pending is lost."""

import multiprocessing
import time
from multiprocessing import Pool


def task(number, seconds):
    time.sleep(seconds)
    print(f"task {number} finished after {seconds} s")
    return number


if __name__ == "__main__":
    with Pool(processes=2) as pool:
        durations = [0.2, 1.5, 1.5, 1.5]
        results = [pool.apply_async(task, (n, s)) for n, s in enumerate(durations)]
        results[0].get()  # wait for the short task only
    print("the with block has ended")
    print("results ready:", [r.ready() for r in results])
    try:
        results[1].get(timeout=1)
    except multiprocessing.TimeoutError:
        print("results[1].get(timeout=1) raised TimeoutError: it will never come")
