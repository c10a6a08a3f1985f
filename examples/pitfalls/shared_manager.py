"""Manager proxies passed as task arguments: a Value with a Lock, a dict and a Queue."""

import multiprocessing
import os
from multiprocessing import Manager, Pool


def record(x, total, lock, squares, log):
    with lock:  # a lock of the manager: only one process changes total at a time
        total.value += x
    squares[x] = x * x
    log.put((os.getpid(), x))


if __name__ == "__main__":
    with Manager() as manager:
        print("the manager runs in:", multiprocessing.active_children())
        total = manager.Value("i", 0)
        lock = manager.Lock()
        squares = manager.dict()
        log = manager.Queue()
        print("proxies:", *(type(proxy).__name__ for proxy in (total, lock, squares, log)))
        with Pool(processes=2) as pool:
            pool.starmap(record, [(x, total, lock, squares, log) for x in range(10)])
        print(f"total.value: {total.value} (expected {sum(range(10))})")
        print("squares:", dict(sorted(squares.items())))
        messages = [log.get(timeout=5) for _ in range(10)]
        pids = sorted({pid for pid, _ in messages})
        print(f"the queue: {len(messages)} messages, from processes {pids}")
