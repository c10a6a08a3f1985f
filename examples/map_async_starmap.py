"""Pool.starmap_async: starmap's argument tuples, map_async's result and callback."""

from multiprocessing import Pool


def power(base, exponent):
    return base**exponent


def report(results):
    print("callback got", results)


if __name__ == "__main__":
    arguments = [(2, 1), (2, 2), (2, 3), (3, 2)]
    with Pool(processes=2) as pool:
        async_result = pool.starmap_async(power, arguments, callback=report)
        print(f"starmap_async returned {type(async_result).__name__}")
        print("get() returned", async_result.get())
