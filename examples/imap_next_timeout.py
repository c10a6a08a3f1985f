"""IMapIterator.next(timeout): wait at most timeout seconds for the next result."""

import multiprocessing
import time
from multiprocessing import Pool


def slow_square(x):
    time.sleep(1.0)
    return x * x


if __name__ == "__main__":
    with Pool(processes=2) as pool:
        results = pool.imap(slow_square, range(3))
        while True:
            try:
                value = results.next(timeout=0.4)
            except multiprocessing.TimeoutError as exc:
                name = f"{type(exc).__module__}.{type(exc).__name__}"
                print(f"no result within 0.4 s: {name}")
                continue
            except StopIteration:
                print("no more results")
                break
            print("got", value)
