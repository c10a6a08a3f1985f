"""Under fork, workers inherit a global made before the Pool: nothing is pickled."""

import os
import time
from multiprocessing import Pool

unpickled = 0  # in each process: how many Table objects it has unpickled
table = None  # set under the main guard, before the pool starts


class Table:
    """Ten megabytes of read-only data that counts how often it is unpickled."""

    def __init__(self):
        self.data = bytes(10_000_000)

    def __setstate__(self, state):  # pickle calls this to rebuild the object
        global unpickled
        unpickled += 1
        self.__dict__.update(state)


def look_up(i):
    time.sleep(0.05)  # long enough for both workers to get tasks
    if table is None:
        seen = "table is None"
    else:
        seen = f"a Table at {id(table):#x}, {len(table.data):,} bytes"
    return f"process {os.getpid()}: {seen}; unpickled: {unpickled}"


if __name__ == "__main__":
    table = Table()
    print(f"the script: a Table at {id(table):#x}, {len(table.data):,} bytes")
    with Pool(processes=2) as pool:
        for line in sorted(set(pool.map(look_up, range(8), chunksize=1))):
            print(line)
