"""total.value += 1 on a manager's Value is a get, then a set: updates get lost."""

from multiprocessing import Manager, Pool


def add_unlocked(total, together, n):
    together.wait()  # start with the other worker, so the two really overlap
    for _ in range(n):
        total.value += 1  # read the value from the manager, then send value + 1 back


def add_locked(total, together, lock, n):
    together.wait()
    for _ in range(n):
        with lock:  # no other process can read or write between the get and the set
            total.value += 1


if __name__ == "__main__":
    with Manager() as manager, Pool(processes=2) as pool:
        together = manager.Barrier(2)  # each task waits here until a task in the other worker does
        for round_ in range(1, 4):
            total = manager.Value("i", 0)
            pool.starmap(add_unlocked, [(total, together, 200)] * 4, chunksize=1)
            print(f"round {round_}, no lock: total.value = {total.value} (expected 800)")
        total, lock = manager.Value("i", 0), manager.Lock()
        pool.starmap(add_locked, [(total, together, lock, 200)] * 4, chunksize=1)
        print(f"with manager.Lock():  total.value = {total.value} (expected 800)")
