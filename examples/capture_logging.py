"""Fix 3: workers log through a queue; one thread in the parent writes every record."""

import logging
import logging.handlers
import multiprocessing
import sys


def setup_worker(queue):
    # Each worker sends its log records to the parent instead of writing them.
    root = logging.getLogger()
    root.addHandler(logging.handlers.QueueHandler(queue))
    root.setLevel(logging.INFO)


def square(x):
    logging.info("square(%d)", x)
    return x * x


if __name__ == "__main__":
    queue = multiprocessing.Manager().Queue()
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(logging.Formatter("%(processName)s: %(message)s"))
    listener = logging.handlers.QueueListener(queue, handler)
    listener.start()
    with multiprocessing.Pool(4, initializer=setup_worker, initargs=(queue,)) as pool:
        results = pool.map(square, range(10), chunksize=1)
    listener.stop()  # writes every record still in the queue, then stops
    print(results)
