"""Ctrl-C while map or imap waits: the parent and every worker get SIGINT."""

import multiprocessing
import os
import signal
import sys
import threading
import time
from multiprocessing import Pool


def slow_square(x):
    time.sleep(2)
    return x * x


def press_ctrl_c():
    # A terminal's Ctrl-C sends SIGINT to every process of the foreground group:
    # each pool worker, and this process, where the main thread gets it here.
    for worker in multiprocessing.active_children():
        os.kill(worker.pid, signal.SIGINT)
    signal.pthread_kill(threading.main_thread().ident, signal.SIGINT)


if __name__ == "__main__":
    how = sys.argv[1] if len(sys.argv) > 1 else "map"  # map or imap
    threading.Timer(1.0, press_ctrl_c).start()
    started = time.monotonic()
    try:
        with Pool(processes=2) as pool:
            if how == "map":
                print(pool.map(slow_square, range(4)))
            else:
                for square in pool.imap(slow_square, range(4)):
                    print(square)
    except KeyboardInterrupt:
        waited = time.monotonic() - started
        print(f"parent: KeyboardInterrupt in {how} after {waited:.1f} s")
    print("processes left:", multiprocessing.active_children())
