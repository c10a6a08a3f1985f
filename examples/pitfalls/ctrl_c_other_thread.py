"""A SIGINT taken by another thread: the main thread raises it only once it wakes up."""

import multiprocessing
import signal
import threading
import time
from multiprocessing import Pool


def slow_square(x):
    time.sleep(2)
    return x * x


def sigint_to_this_thread():
    # This timer thread, not the main thread, receives the signal.
    signal.pthread_kill(threading.get_ident(), signal.SIGINT)


if __name__ == "__main__":
    with Pool(processes=2) as pool:
        for step in (3, 0.5):  # one long wait, then short ones
            result = pool.map_async(slow_square, range(4))
            threading.Timer(0.5, sigint_to_this_thread).start()
            started = time.monotonic()
            try:
                while True:
                    try:
                        result.get(timeout=step)
                        break
                    except multiprocessing.TimeoutError:
                        pass
            except KeyboardInterrupt:
                waited = time.monotonic() - started
                print(f"waiting in steps of {step} s: KeyboardInterrupt after {waited:.1f} s")
