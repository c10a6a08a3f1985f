"""An apply_async error that nobody get()s: the script ends as if all went well."""

from multiprocessing import Pool


def inverse(x):
    return 1 / x


if __name__ == "__main__":
    with Pool(processes=2) as pool:
        pool.apply_async(inverse, (0,))  # raises ZeroDivisionError in the worker
        pool.close()
        pool.join()  # waits until the task has run
    print("done: the pool ran the task and the script carries on")
