"""One seed, one stream per task: the same numbers, whichever worker runs it."""

import os
from multiprocessing import Pool

import numpy as np


def simulate(seed):
    rng = np.random.default_rng(seed)  # this task's own generator
    return os.getpid(), rng.integers(1_000_000, size=3).tolist()


def run(entropy, tasks, processes):
    seeds = np.random.SeedSequence(entropy).spawn(tasks)  # one child seed per task
    with Pool(processes=processes) as pool:
        return pool.map(simulate, seeds, chunksize=1)


if __name__ == "__main__":
    runs = {}
    for processes in (2, 3):
        print(f"run with {processes} workers:")
        runs[processes] = run(entropy=42, tasks=4, processes=processes)
        for task, (pid, draws) in enumerate(runs[processes]):
            print(f"  task {task} in worker {pid}: {draws}")
    same = [draws for _, draws in runs[2]] == [draws for _, draws in runs[3]]
    print("both runs drew the same numbers:", same)
