"""Functions the pool cannot pickle: a lambda, and a function local to another."""

import multiprocessing
import traceback
from multiprocessing import Pool


def make_doubler():
    def double(x):  # a local function: pickle cannot find it by name
        return 2 * x

    return double


if __name__ == "__main__":
    print("start method:", multiprocessing.get_start_method())
    with Pool(processes=2) as pool:
        for func in (lambda x: x * x, make_doubler()):
            try:
                pool.map(func, range(3))
            except Exception:
                traceback.print_exc()
