"""One failing item does not stop the others: each error comes from its own next()."""

from multiprocessing import Pool


def check(x):
    if x == 2:
        raise ValueError(f"bad item {x}")
    return x * 10


if __name__ == "__main__":
    with Pool(processes=2) as pool:
        # A for loop ends at the first error, which escapes the loop.
        try:
            for value in pool.imap(check, range(5)):
                print("for loop got", value)
        except ValueError as exc:
            print("for loop stopped by", repr(exc))

        # Calling next() yourself lets you handle each error and go on.
        results = pool.imap(check, range(5))
        while True:
            try:
                value = next(results)
            except StopIteration:
                break
            except ValueError as exc:
                print("next() raised", repr(exc))
            else:
                print("next() returned", value)
