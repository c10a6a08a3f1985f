"""Three ways to let an exception with several arguments travel back."""

import pickle
from multiprocessing import Pool


class BadInput(Exception):
    """Fix 1: give every argument to Exception.__init__, so args re-creates it."""

    def __init__(self, value, reason):
        super().__init__(value, reason)
        self.value = value
        self.reason = reason

    def __str__(self):
        return f"bad input {self.value!r}: {self.reason}"


class BadRecord(Exception):
    """Fix 2: keep a formatted message in args, and say how to re-create it."""

    def __init__(self, value, reason):
        super().__init__(f"bad record {value!r}: {reason}")
        self.value = value
        self.reason = reason

    def __reduce__(self):
        return type(self), (self.value, self.reason)


class BadField(Exception):
    """Fix 3: only the message is required; the rest are keyword-only."""

    def __init__(self, message, *, value=None, reason=None):
        super().__init__(message)
        self.value = value
        self.reason = reason


def check(x):
    if x == -1:
        raise BadInput(x, "negative")
    if x == -2:
        raise BadRecord(x, "negative")
    if x == -3:
        raise BadField(f"bad field {x!r}: negative", value=x, reason="negative")
    return x


if __name__ == "__main__":
    for error in (
        BadInput(-1, "negative"),
        BadRecord(-2, "negative"),
        BadField("?", value=-3),
    ):
        copy = pickle.loads(pickle.dumps(error))  # test your exceptions this way
        print(f"pickle round trip: {copy!r}, value={copy.value}")

    with Pool(processes=2) as pool:
        for bad in (-1, -2, -3):
            try:
                pool.map(check, [1, bad, 3])
            except (BadInput, BadRecord, BadField) as e:
                attributes = f"value={e.value}, reason={e.reason!r}"
                print(f"map raised {type(e).__name__}: {e} ({attributes})")
        print("the pool still works: abs(-5) =", pool.apply(abs, (-5,)))
