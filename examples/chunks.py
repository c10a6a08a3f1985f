"""Show the chunks that map and starmap really send to the workers.

A worker calls the mapper (mapstar or starmapstar) with one chunk; the mapper
then calls our function once per item. So from inside our function, the
calling frame is the mapper, and its argument holds the chunk.
"""

import os
import sys
from multiprocessing import Pool


def report_chunk(item):
    # Frame 0 is this function, 1 is square or power, 2 is mapstar or starmapstar.
    mapper = sys._getframe(2)
    _func, chunk = mapper.f_locals["args"]
    if item == chunk[0]:  # print once per chunk, from its first item
        print(f"{mapper.f_code.co_name} got chunk {chunk} in process {os.getpid()}")


def square(x):
    report_chunk(x)
    return x * x


def power(base, exponent):
    report_chunk((base, exponent))
    return base**exponent


if __name__ == "__main__":
    processes = 2
    items = list(range(10))
    # The default chunksize of map and starmap: ceil(len(items) / (4 * workers)).
    chunksize, extra = divmod(len(items), 4 * processes)
    if extra:
        chunksize += 1
    print(f"{len(items)} items, {processes} workers: default chunksize {chunksize}")

    with Pool(processes) as pool:
        print("map:", pool.map(square, items))
        print("starmap:", pool.starmap(power, [(x, 2) for x in items]))
        print("map, chunksize=4:", pool.map(square, items, chunksize=4))
