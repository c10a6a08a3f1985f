"""Pool.apply_async and executor.submit: one call, a handle on its result."""

from concurrent.futures import ProcessPoolExecutor
from multiprocessing import Pool


def power(base, exponent=2):
    return base**exponent


if __name__ == "__main__":
    with Pool(processes=2) as pool:
        result = pool.apply_async(power, (3,), {"exponent": 3})
        value = result.get()
        print(f"apply_async gave {type(result).__name__}, get() gives {value}")

    with ProcessPoolExecutor(max_workers=2) as executor:
        future = executor.submit(power, 3, exponent=3)
        value = future.result()
        print(f"submit gave {type(future).__name__}, result() gives {value}")
