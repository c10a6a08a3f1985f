"""What imap returns, with the default chunksize=1 and with a larger chunksize."""

import inspect
import multiprocessing.pool
from multiprocessing import Pool


def square(x):
    return x * x


if __name__ == "__main__":
    for name in ("imap", "imap_unordered"):
        method = getattr(multiprocessing.pool.Pool, name)
        print(f"Pool.{name}{inspect.signature(method)}")
    with Pool(processes=2) as pool:
        for chunksize in (1, 2):
            ordered = pool.imap(square, range(6), chunksize=chunksize)
            unordered = pool.imap_unordered(square, range(6), chunksize=chunksize)
            print(
                f"chunksize={chunksize}: imap returns {type(ordered).__name__}, "
                f"imap_unordered returns {type(unordered).__name__}"
            )
            has_next = hasattr(ordered, "next")
            print(f"    has .next(timeout)? {has_next}; results {list(ordered)}")
