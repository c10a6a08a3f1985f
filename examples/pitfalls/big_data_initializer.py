"""An initializer hands a big object to each worker once, not once per task."""

import os
import time
from multiprocessing import Pool

unpickled = 0  # in each worker: how many Table objects this process has unpickled
table = None  # in each worker: set by keep()


class Table:
    """Ten megabytes of read-only data that counts how often it is unpickled."""

    def __init__(self):
        self.data = bytes(10_000_000)

    def __setstate__(self, state):  # pickle calls this to rebuild the object
        global unpickled
        unpickled += 1
        self.__dict__.update(state)


def keep(big):  # the initializer: runs once in each worker, before its first task
    global table
    table = big
    print(f"keep() in process {os.getpid()}: Tables unpickled so far: {unpickled}")


def look_up(i):
    time.sleep(0.05)  # long enough for both workers to get tasks
    return os.getpid(), unpickled, len(table.data)


if __name__ == "__main__":
    with Pool(processes=2, initializer=keep, initargs=(Table(),)) as pool:
        answers = pool.map(look_up, range(8), chunksize=1)
        pool.close()
        pool.join()  # both workers have started, so both ran keep()
    for pid in dict.fromkeys(pid for pid, _, _ in answers):  # in order of first item
        items = [i for i, (p, _, _) in enumerate(answers) if p == pid]
        count = max(n for p, n, _ in answers if p == pid)
        print(f"process {pid} ran items {items}; Tables it unpickled: {count}")
    print("every task saw", {size for _, _, size in answers}, "bytes of data")
