"""Pool.imap: an iterator that hands out each result as soon as it is ready."""

import time
from multiprocessing import Pool


def slow_square(x):
    time.sleep(0.5)
    return x * x


if __name__ == "__main__":
    start = time.monotonic()
    with Pool(processes=2) as pool:
        results = pool.imap(slow_square, range(6))
        elapsed = time.monotonic() - start
        print(f"imap returned {type(results).__name__} after {elapsed:.1f} s")
        for value in results:
            print(f"got {value} after {time.monotonic() - start:.1f} s")
