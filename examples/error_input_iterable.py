"""The input itself raises: a generator that fails after three items."""

from multiprocessing import Pool


def numbers():
    yield 1
    yield 2
    yield 3
    raise ValueError("the input ran out of good numbers")


def square(x):
    return x * x


if __name__ == "__main__":
    with Pool(processes=2) as pool:
        try:
            pool.map(square, numbers())
        except ValueError as e:
            print("map raised:", repr(e), "| __cause__:", e.__cause__)

        print("imap:")
        try:
            for result in pool.imap(square, numbers()):
                print("  got", result)
        except ValueError as e:
            print("  then raised:", repr(e), "| __cause__:", e.__cause__)
