"""A module global incremented by tasks: each worker counts in its own copy."""

import os
import time
from multiprocessing import Pool

counter = 0  # one in the script, and one in each worker process


def count(i):
    global counter
    counter += 1
    time.sleep(0.05)  # long enough for both workers to get tasks
    return os.getpid(), counter


if __name__ == "__main__":
    with Pool(processes=2) as pool:
        answers = pool.map(count, range(8), chunksize=1)
    for i, (pid, seen) in enumerate(answers):
        print(f"task {i} ran in process {pid}, where counter became {seen}")
    print("8 tasks ran; in the script, counter is", counter)
