"""A big object passed as an argument is pickled into every task, and unpickled by every task."""

import os
import pickle
from multiprocessing import Pool

unpickled = 0  # in each worker: how many Table objects this process has unpickled


class Table:
    """Ten megabytes of read-only data that counts how often it is unpickled."""

    def __init__(self):
        self.data = bytes(10_000_000)

    def __setstate__(self, state):  # pickle calls this to rebuild the object
        global unpickled
        unpickled += 1
        self.__dict__.update(state)


def look_up(table, i):
    return os.getpid(), unpickled


if __name__ == "__main__":
    table = Table()
    print(f"one pickled Table: {len(pickle.dumps(table)):,} bytes")
    for chunksize in (1, 4):
        print(f"starmap over 8 items (table, i), chunksize={chunksize}:")
        with Pool(processes=2) as pool:
            answers = pool.starmap(look_up, [(table, i) for i in range(8)], chunksize=chunksize)
        for pid in dict.fromkeys(pid for pid, _ in answers):  # in order of first item
            items = [i for i, (p, _) in enumerate(answers) if p == pid]
            count = max(n for p, n in answers if p == pid)
            print(f"  process {pid} ran items {items}; Tables it unpickled: {count}")
