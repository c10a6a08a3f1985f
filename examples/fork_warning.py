"""A process with a second thread starts a pool under fork: CPython 3.12+ warns."""

import threading
import warnings
from multiprocessing import get_context


def square(x):
    return x * x


if __name__ == "__main__":
    # Shown here; by default Python hides a DeprecationWarning raised outside __main__.
    warnings.simplefilter("default", DeprecationWarning)
    stop = threading.Event()
    helper = threading.Thread(target=stop.wait, name="helper")
    helper.start()
    print(f"threads before the pool starts: {threading.active_count()}")
    with get_context("fork").Pool(processes=2) as pool:
        print(pool.map(square, range(4)))
    stop.set()
    helper.join()
