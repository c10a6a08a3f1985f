"""On KeyboardInterrupt, terminate() the pool: stop now instead of waiting."""

import multiprocessing
import os
import signal
import threading
import time
from multiprocessing import Pool


def slow_square(x):
    time.sleep(2)
    return x * x


def press_ctrl_c():
    # As a terminal's Ctrl-C does: SIGINT to every worker and to this process.
    for worker in multiprocessing.active_children():
        os.kill(worker.pid, signal.SIGINT)
    signal.pthread_kill(threading.main_thread().ident, signal.SIGINT)


if __name__ == "__main__":
    threading.Timer(1.0, press_ctrl_c).start()
    started = time.monotonic()
    pool = Pool(processes=2)
    try:
        print(pool.map(slow_square, range(4)))
    except KeyboardInterrupt:
        print("parent: KeyboardInterrupt in map; terminate()")
        pool.terminate()
    else:
        pool.close()
    pool.join()
    print(f"join() returned after {time.monotonic() - started:.1f} s")
    print("processes left:", multiprocessing.active_children())
