"""initializer runs once in each worker process, before it takes any task."""

import os
import time
from multiprocessing import Pool

greeting = None  # set in each worker by init_worker


def init_worker(word):
    global greeting
    greeting = f"{word} from {os.getpid()}"
    print(f"init_worker({word!r}) runs in process {os.getpid()}")


def task(x):
    time.sleep(0.1)  # long enough for both workers to get tasks
    return f"task {x} ran in process {os.getpid()}, whose greeting is {greeting!r}"


if __name__ == "__main__":
    with Pool(processes=2, initializer=init_worker, initargs=("hello",)) as pool:
        for line in pool.map(task, range(6), chunksize=1):
            print(line)
    print("in the parent, greeting is still", repr(greeting))
