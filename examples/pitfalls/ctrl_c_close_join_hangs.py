"""After Ctrl-C, close() and join() wait forever: the interrupted tasks never finish."""

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
    pool = Pool(processes=2)
    try:
        print(pool.map(slow_square, range(4)))
    except KeyboardInterrupt:
        print("parent: KeyboardInterrupt in map; now close() and join()")
    pool.close()
    # join() in a thread, so that this example can stop waiting after 3 s.
    joiner = threading.Thread(target=pool.join, daemon=True)
    joiner.start()
    joiner.join(timeout=3)
    print("join() returned within 3 s:", not joiner.is_alive())
    print("workers now:", sorted(p.name for p in multiprocessing.active_children()))
    pool.terminate()  # only so that this example ends
