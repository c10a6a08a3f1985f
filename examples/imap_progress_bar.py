"""A progress bar over imap_unordered: it moves each time any item finishes."""

import sys
import time
from multiprocessing import Pool

from tqdm import tqdm


def work(x):
    time.sleep(0.05 * (x % 4))
    return x * x


if __name__ == "__main__":
    items = range(40)
    with Pool(processes=2) as pool:
        results = []
        # tqdm writes to stderr by default: file=sys.stdout puts the bar in stdout.
        iterator = pool.imap_unordered(work, items)
        for value in tqdm(iterator, total=len(items), file=sys.stdout):
            results.append(value)
    print("sum of squares:", sum(results))
