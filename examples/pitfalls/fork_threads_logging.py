"""logging's own locks are safe across fork: it resets them in the child."""

import logging
import sys
import threading
from multiprocessing import Pool

handler = logging.StreamHandler(sys.stdout)
handler.setFormatter(logging.Formatter("%(processName)s: %(message)s"))
log = logging.getLogger("squares")
log.addHandler(handler)
log.setLevel(logging.INFO)
holding = threading.Event()
release = threading.Event()


def hold_the_handler_lock():
    with handler.lock:  # what a thread does while it writes a log line
        holding.set()
        release.wait()


def logged_square(x):
    log.info("square(%d)", x)  # takes handler.lock in this worker
    return x * x


if __name__ == "__main__":
    threading.Thread(target=hold_the_handler_lock, daemon=True).start()
    holding.wait()
    print("parent: another thread holds the handler's lock; starting the pool")
    with Pool(processes=2) as pool:
        print(pool.map_async(logged_square, range(4)).get(timeout=3))
    release.set()
