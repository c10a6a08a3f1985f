"""map and imap: what a worker's exception looks like in the parent."""

from multiprocessing import Pool


def inverse(x):
    return 1 / x


if __name__ == "__main__":
    numbers = [4, 2, 0, 1]
    with Pool(processes=2) as pool:
        try:
            pool.map(inverse, numbers)
        except ZeroDivisionError as e:
            print("map raised:", type(e))
            print("its __cause__:", type(e.__cause__))
            print(e.__cause__)

        print("imap, one result at a time:")
        results = pool.imap(inverse, numbers)
        for x in numbers:
            try:
                print(f"  inverse({x}) = {next(results)}")
            except ZeroDivisionError as e:
                print(f"  inverse({x}) raised {type(e).__name__}: {e}")
