"""What ThreadPool does not take from Pool: two arguments, and the remote traceback."""

import multiprocessing
from multiprocessing.pool import ThreadPool


def fail(x):
    raise ValueError(f"bad item {x}")


if __name__ == "__main__":
    # Pool takes both keywords; ThreadPool's constructor does not.
    for keyword, value in [("maxtasksperchild", 1), ("context", multiprocessing.get_context())]:
        try:
            ThreadPool(2, **{keyword: value})
        except TypeError as exc:
            print(f"ThreadPool(2, {keyword}=...) raised TypeError: {exc}")

    # The same failing task in a thread pool, then in a process pool.
    for make_pool in (ThreadPool, multiprocessing.Pool):
        with make_pool(2) as pool:
            try:
                pool.apply(fail, (1,))
            except ValueError as exc:
                print(f"{type(pool).__name__}.apply raised {exc!r}")
                print(f"  its __cause__: {type(exc.__cause__)}")
