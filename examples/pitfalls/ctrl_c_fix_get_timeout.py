"""Wait in short steps with get(timeout), workers ignoring SIGINT, terminate on Ctrl-C."""

import multiprocessing
import os
import signal
import threading
import time
from multiprocessing import Pool


def slow_square(x):
    time.sleep(2)
    return x * x


def ignore_sigint():
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def press_ctrl_c():
    # As a terminal's Ctrl-C does: SIGINT to every worker and to this process.
    for worker in multiprocessing.active_children():
        os.kill(worker.pid, signal.SIGINT)
    signal.pthread_kill(threading.main_thread().ident, signal.SIGINT)


if __name__ == "__main__":
    threading.Timer(1.0, press_ctrl_c).start()
    started = time.monotonic()
    with Pool(processes=2, initializer=ignore_sigint) as pool:
        result = pool.map_async(slow_square, range(4))
        try:
            while True:
                try:
                    print(result.get(timeout=0.5))
                    break
                except multiprocessing.TimeoutError:
                    pass  # back in Python code twice a second: Ctrl-C can be raised here
        except KeyboardInterrupt:
            waited = time.monotonic() - started
            print(f"parent: KeyboardInterrupt after {waited:.1f} s; leaving the with block")
    print("processes left:", multiprocessing.active_children())
