"""Pool.map and executor.map: same order, a different moment for errors."""

from concurrent.futures import ProcessPoolExecutor
from multiprocessing import Pool


def check(x):
    if x == 3:
        raise ValueError(f"item {x} is bad")
    return x * x


if __name__ == "__main__":
    with Pool(processes=2) as pool:
        try:
            pool.map(check, range(6), chunksize=2)
        except ValueError as exc:
            print(f"Pool.map raised at the call, no results: ValueError: {exc}")

    with ProcessPoolExecutor(max_workers=2) as executor:
        results = executor.map(check, range(6), chunksize=2)
        print(f"executor.map returned a {type(results).__name__}")
        received = []
        try:
            for value in results:
                received.append(value)
                print(f"got {value}")
        except ValueError as exc:
            print(f"after {len(received)} results, iterating raised ValueError: {exc}")
