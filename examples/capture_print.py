"""Workers print, the parent prints: what you see depends on where the output goes."""

from multiprocessing import Pool


def square(x):
    print(f"square({x})")
    return x * x


if __name__ == "__main__":
    with Pool(processes=4) as pool:
        results = pool.map(square, range(10), chunksize=1)
    print(results)
