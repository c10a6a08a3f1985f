"""A task that starts its own Pool: the worker may not have children."""

from multiprocessing import Pool


def multiply(a, b):
    return a * b


def table_row(a):
    with Pool(processes=2) as inner_pool:  # a pool inside a pool worker
        return inner_pool.starmap(multiply, [(a, b) for b in range(4)])


if __name__ == "__main__":
    with Pool(processes=2) as pool:
        print(pool.map(table_row, range(3)))
