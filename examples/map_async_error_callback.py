"""map_async with failing items: error_callback is called once, with the first error."""

import time
from multiprocessing import Pool


def check(x):
    time.sleep(0.1)
    if x in (3, 7):
        raise ValueError(f"bad item {x}")
    print(f"check({x}) succeeded")
    return x


def on_success(results):
    print("callback got", results)


def on_error(exc):
    print("error_callback got", repr(exc))


if __name__ == "__main__":
    with Pool(processes=2) as pool:
        # chunksize=1: one task per item, so items 3 and 7 fail in separate tasks.
        async_result = pool.map_async(
            check, range(10), chunksize=1, callback=on_success, error_callback=on_error
        )
        try:
            async_result.get()
        except ValueError as exc:
            print("get() raised", repr(exc))
