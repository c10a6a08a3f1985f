"""A worker raises an exception the parent cannot re-create: the pool stops."""

import pickle
from multiprocessing import Pool, TimeoutError


class BadInput(Exception):
    def __init__(self, value, reason):  # two required arguments, but
        # Exception.__init__ gets one string, and args keeps only that
        super().__init__(f"bad input {value!r}: {reason}")


def check(x):
    if x < 0:
        raise BadInput(x, "negative")
    return x


if __name__ == "__main__":
    error = BadInput(-2, "negative")
    print("error.args:", error.args)
    try:
        pickle.loads(pickle.dumps(error))  # what the pool does to send it back
    except TypeError as e:
        print(f"pickle round trip: TypeError: {e}")

    try:
        with Pool(processes=2) as pool:
            result = pool.map_async(check, [1, -2, 3])
            try:
                result.get(timeout=2)
            except TimeoutError:
                print("map: no result and no error after 2 s")
            print("result-handler thread alive:", pool._result_handler.is_alive())
            later = pool.apply_async(abs, (-5,))
            try:
                later.get(timeout=2)
            except TimeoutError:
                print("a later apply_async(abs, (-5,)): no result after 2 s either")
    except AssertionError as e:  # raised by terminate() when the with block ends
        print(f"leaving the with block: AssertionError: {e}")
