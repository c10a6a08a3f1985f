"""Two ways to let pending work finish before `with Pool()` ends."""

import time
from multiprocessing import Pool


def task(number, seconds):
    time.sleep(seconds)
    print(f"task {number} finished after {seconds} s")
    return number


if __name__ == "__main__":
    durations = [0.2, 0.5, 0.5, 0.5]

    print("Fix 1: close() and join() inside the block")
    with Pool(processes=2) as pool:
        results = [pool.apply_async(task, (n, s)) for n, s in enumerate(durations)]
        pool.close()  # no more work will be submitted
        pool.join()  # wait until the workers have done it all and exited
    print("results ready:", [r.ready() for r in results])

    print("Fix 2: get() every result inside the block")
    with Pool(processes=2) as pool:
        results = [pool.apply_async(task, (n, s)) for n, s in enumerate(durations)]
        values = [r.get() for r in results]
    print("values:", values)
