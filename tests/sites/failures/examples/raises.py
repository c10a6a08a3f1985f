from multiprocessing import Pool


def fail(x):
    raise ValueError(f"bad input {x}")


if __name__ == "__main__":
    with Pool(2) as pool:
        pool.map(fail, range(3))
