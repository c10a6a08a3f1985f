"""Collecting results with a callback: one thread calls every callback."""

import threading
from multiprocessing import Pool


def square(x):
    return x * x


results = []
threads = set()


def collect(value):
    threads.add(threading.current_thread().name)
    results.append(value)  # no lock: only the result-handler thread calls this


if __name__ == "__main__":
    with Pool(processes=4) as pool:
        for x in range(100):
            pool.apply_async(square, (x,), callback=collect)
        pool.close()
        pool.join()  # after join(), every callback has run
    print(len(results), "results collected")
    print("all there:", sorted(results) == [x * x for x in range(100)])
    print("threads that ran the callbacks:", threads)
