"""imap keeps input order; imap_unordered gives results in the order they finish."""

import time
from multiprocessing import Pool

# Item 0 is slow, the others are quick.
DURATIONS = {0: 1.0, 1: 0.1, 2: 0.1, 3: 0.1}


def work(x):
    time.sleep(DURATIONS[x])
    return x


if __name__ == "__main__":
    with Pool(processes=2) as pool:
        print("imap:          ", list(pool.imap(work, DURATIONS)))
        print("imap_unordered:", list(pool.imap_unordered(work, DURATIONS)))
