"""imap_unordered and as_completed: results in the order they finish."""

import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from multiprocessing import Pool

DURATIONS = [0.6, 0.2, 0.4]  # seconds; the first item takes longest


def nap(seconds):
    time.sleep(seconds)
    return seconds


if __name__ == "__main__":
    with Pool(processes=3) as pool:
        for seconds in pool.imap_unordered(nap, DURATIONS):
            print(f"imap_unordered gave {seconds}")

    with ProcessPoolExecutor(max_workers=3) as executor:
        futures = {executor.submit(nap, s): s for s in DURATIONS}
        for future in as_completed(futures):
            print(f"as_completed gave {future.result()}")
