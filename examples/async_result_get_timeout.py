"""get(timeout) gives up waiting; the task itself keeps running."""

import multiprocessing
import time
from multiprocessing import Pool


def slow_square(x):
    time.sleep(1.5)
    print(f"worker: slow_square({x}) is done")
    return x * x


if __name__ == "__main__":
    with Pool(processes=1) as pool:
        result = pool.apply_async(slow_square, (7,))
        try:
            result.get(timeout=0.5)
        except multiprocessing.TimeoutError as exc:
            name = f"{type(exc).__module__}.{type(exc).__name__}"
            print(f"get(timeout=0.5) raised {name}")
            print("ready() after the timeout:", result.ready())
            # Not the built-in TimeoutError: `except TimeoutError` would not catch it.
            print("is it the built-in TimeoutError?", isinstance(exc, TimeoutError))
        print("a later get() returned", result.get())
