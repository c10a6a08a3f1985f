"""Fix 1: flush each line as it is printed."""

from multiprocessing import Pool


def square(x):
    print(f"square({x})", flush=True)
    return x * x


if __name__ == "__main__":
    with Pool(processes=4) as pool:
        results = pool.map(square, range(10), chunksize=1)
    print(results)
