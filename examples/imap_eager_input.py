"""How many input items imap pulls from a generator before you read one result."""

import threading
import time
from multiprocessing import Pool
from multiprocessing.pool import ThreadPool

TOTAL = 10_000
pulled = 0  # counted in this process: a thread of the pool runs the generator
puller = None


def numbers():
    global pulled, puller
    puller = threading.current_thread().name
    for x in range(TOTAL):
        pulled += 1
        yield x


def slow_square(x):
    time.sleep(0.5)
    return x * x


if __name__ == "__main__":
    print("main thread:", threading.current_thread().name)
    for pool_class in (Pool, ThreadPool):
        pulled = 0
        with pool_class(2) as pool:
            results = pool.imap(slow_square, numbers())
            first = next(results)  # waits about 0.5 s for the first result
            name = pool_class.__name__
            print(f"{name}: first result {first}; the generator ran in {puller!r}")
            print(f"{name}: items pulled from the generator: {pulled} of {TOTAL}")
