"""An exception in a worker comes back to the parent, raised again by get()."""

from multiprocessing import Pool


def inverse(x):
    return 1 / x


if __name__ == "__main__":
    with Pool(processes=2) as pool:
        result = pool.apply_async(inverse, (0,))
        print("apply_async returned; nothing has been raised yet")
        value = result.get()  # the worker's ZeroDivisionError is raised here
        print("never printed:", value)
