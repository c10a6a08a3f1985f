"""successful(): True or False once the task is done; ValueError before."""

import time
from multiprocessing import Pool


def slow_inverse(x):
    time.sleep(0.5)
    return 1 / x


if __name__ == "__main__":
    with Pool(processes=2) as pool:
        good = pool.apply_async(slow_inverse, (4,))
        bad = pool.apply_async(slow_inverse, (0,))
        try:
            good.successful()
        except ValueError as exc:
            print("successful() before the task is done raised ValueError:")
            print("   ", exc)
        good.wait()
        bad.wait()
        print("good: ready", good.ready(), "successful", good.successful(), end=" ")
        print("value", good.get())
        print("bad:  ready", bad.ready(), "successful", bad.successful())
        try:
            bad.get()
        except ZeroDivisionError as exc:
            print("bad.get() raised", repr(exc))
