"""Pool.map's default chunks, for 10, 40 and 100 inputs on 2 and 4 workers.

For each call the script prints the chunksize that the default formula gives,
then one JSON line per chunk: its inputs (first to last), the worker that ran
it, and when it started and ended, in seconds since the call.
"""

import json
import os
import time
from multiprocessing import Pool


def work(index):
    start = time.time()  # time.time() is comparable across processes
    time.sleep(0.01)  # every input takes the same time
    return {"index": index, "pid": os.getpid(), "start": start, "end": time.time()}


if __name__ == "__main__":
    for workers in (2, 4):
        with Pool(workers) as pool:
            for items in (10, 40, 100):
                # The default chunksize: ceil(items / (4 * workers)).
                chunksize, extra = divmod(items, 4 * workers)
                if extra:
                    chunksize += 1
                setup = {"workers": workers, "items": items, "chunksize": chunksize}
                print(json.dumps(setup))

                t0 = time.time()
                tasks = pool.map(work, range(items))
                # Chunk c holds inputs c * chunksize up to (c + 1) * chunksize - 1.
                for first in range(0, items, chunksize):
                    chunk = tasks[first : first + chunksize]
                    line = {
                        "chunk": first // chunksize,
                        "first": chunk[0]["index"],
                        "last": chunk[-1]["index"],
                        "pid": chunk[0]["pid"],
                        "start": round(chunk[0]["start"] - t0, 3),
                        "end": round(chunk[-1]["end"] - t0, 3),
                    }
                    print(json.dumps(line))
