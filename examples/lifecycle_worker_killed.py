"""A worker killed by a signal: map never ends, and the pool quietly replaces it."""

import multiprocessing
import os
import signal
import time
from multiprocessing import Pool


def square_or_die(x):
    if x == 3:
        os.kill(os.getpid(), signal.SIGKILL)  # as the out-of-memory killer would
    return x * x


def worker_pids():
    return sorted(p.pid for p in multiprocessing.active_children())


if __name__ == "__main__":
    with Pool(processes=2) as pool:
        print("worker PIDs before:", worker_pids())
        result = pool.map_async(square_or_die, range(8))
        started = time.monotonic()
        try:
            print(result.get(timeout=3))
        except multiprocessing.TimeoutError:
            waited = time.monotonic() - started
            print(f"get(timeout=3) raised TimeoutError after {waited:.1f} s")
        print("worker PIDs after: ", worker_pids())
        print("result ready:", result.ready())
