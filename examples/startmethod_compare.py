"""What a pool worker inherits from the script, under each start method."""

import multiprocessing
import os
import sys
import time

SETTING = "set when the module was imported"


def describe(script_pid):
    main_module = sys.modules["__main__"]
    return [
        f"the main module is named {main_module.__name__!r}",
        f"SETTING is {SETTING!r}",
        f"its parent process is the script: {os.getppid() == script_pid}",
    ]


if __name__ == "__main__":
    SETTING = "changed under the main guard, before the pool started"
    print(f"start method: {multiprocessing.get_start_method()}")
    started = time.perf_counter()
    with multiprocessing.Pool(processes=2) as pool:
        lines = pool.apply(describe, (os.getpid(),))
        elapsed = time.perf_counter() - started
    for line in lines:
        print(f"in the worker, {line}")
    print(f"from Pool() to the first result: {elapsed:.3f} s")
