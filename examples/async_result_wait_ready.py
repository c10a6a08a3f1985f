"""wait() waits without fetching the value; ready() asks without waiting."""

import time
from multiprocessing import Pool


def slow_square(x):
    time.sleep(1.0)
    return x * x


if __name__ == "__main__":
    with Pool(processes=1) as pool:
        result = pool.apply_async(slow_square, (4,))
        print("ready() at once:", result.ready())
        print("wait(timeout=0.3) returned", result.wait(timeout=0.3))
        print("ready() after that wait:", result.ready())
        result.wait()
        print("ready() after wait():", result.ready())
        print("get() now returns at once:", result.get())
