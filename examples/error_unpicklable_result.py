"""A result the worker cannot send back: MaybeEncodingError."""

from multiprocessing import Pool
from multiprocessing.pool import MaybeEncodingError


def squares(n):
    return (x * x for x in range(n))  # a generator: it cannot be pickled


if __name__ == "__main__":
    with Pool(processes=2) as pool:
        try:
            pool.apply(squares, (3,))
        except MaybeEncodingError as e:
            print(type(e))
            print(e)
