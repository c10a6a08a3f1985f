"""ProcessPoolExecutor's workers are not daemonic: a task there may start a Pool."""

import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import Pool


def multiply(a, b):
    return a * b


def table_row(a):
    me = multiprocessing.current_process()
    print(f"table_row({a}) runs in {me.name}, daemon={me.daemon}")
    with Pool(processes=2) as pool:
        return pool.starmap(multiply, [(a, b) for b in range(4)])


if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=2) as executor:
        print(list(executor.map(table_row, range(3))))
