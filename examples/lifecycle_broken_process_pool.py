"""The same killed worker under ProcessPoolExecutor: an error, not a hang."""

import os
import signal
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool


def square_or_die(x):
    if x == 3:
        os.kill(os.getpid(), signal.SIGKILL)
    return x * x


if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=2) as executor:
        started = time.monotonic()
        try:
            print(list(executor.map(square_or_die, range(8))))
        except BrokenProcessPool as e:
            print(f"map raised after {time.monotonic() - started:.1f} s:")
            print(f"{type(e).__module__}.{type(e).__qualname__}: {e}")
        try:
            executor.submit(square_or_die, 0)
        except BrokenProcessPool as e:
            print(f"submit() afterwards: {type(e).__qualname__}: {e}")
