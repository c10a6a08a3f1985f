"""Instead of a pool in each task: one pool over every pair of the two loops."""

import itertools
from multiprocessing import Pool


def multiply(a, b):
    return a * b


if __name__ == "__main__":
    rows, columns = range(3), range(4)
    with Pool(processes=2) as pool:
        products = pool.starmap(multiply, itertools.product(rows, columns))
    # starmap keeps the input order: cut the flat list back into rows.
    width = len(columns)
    print([products[i : i + width] for i in range(0, len(products), width)])
