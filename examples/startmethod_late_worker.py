"""Under fork, a worker started later copies the script as it is at that moment."""

import multiprocessing
import os
import time

SETTING = "set when the module was imported"


def read_setting(delay):
    time.sleep(delay)
    return os.getpid(), SETTING


if __name__ == "__main__":
    print(f"start method: {multiprocessing.get_start_method()}")
    SETTING = "changed before the pool started"
    # maxtasksperchild=1: each worker runs one task, then the pool replaces it.
    with multiprocessing.Pool(processes=1, maxtasksperchild=1) as pool:
        # The first worker takes this task and is busy with it for 0.5 s.
        first = pool.apply_async(read_setting, (0.5,))
        SETTING = "changed after the pool started"
        # The next worker, started when the first one exits, takes this one.
        second = pool.apply_async(read_setting, (0,))
        first_pid, first_seen = first.get()
        second_pid, second_seen = second.get()
    print(f"first worker saw:  {first_seen!r}")
    print(f"second worker saw: {second_seen!r}")
    print(f"two different processes: {first_pid != second_pid}")
