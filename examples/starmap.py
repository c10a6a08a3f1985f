"""Pool.starmap: several arguments per call, each call's arguments in one tuple."""

import os
from multiprocessing import Pool


def power(base, exponent):
    print(f"power({base}, {exponent}) runs in process {os.getpid()}")
    return base**exponent


if __name__ == "__main__":
    bases = [0, 1, 2, 3, 4]
    exponents = [2, 2, 2, 3, 3]
    arguments = list(zip(bases, exponents))
    print(arguments)
    with Pool(processes=4) as pool:
        results = pool.starmap(power, arguments)
    print(results)
