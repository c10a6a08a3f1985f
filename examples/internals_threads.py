"""The threads and processes that Pool() starts, and what is left after the with block."""

import multiprocessing
import threading


def worker_name():
    return multiprocessing.current_process().name


def thread_names():
    return [thread.name for thread in threading.enumerate()]


if __name__ == "__main__":
    print("start method:", multiprocessing.get_start_method())
    before = thread_names()
    print("threads before Pool():", before)

    with multiprocessing.Pool(processes=2) as pool:
        print("threads that Pool() added:")
        for name in thread_names():
            if name not in before:
                print("   ", name)
        workers = [p.name for p in multiprocessing.active_children()]
        print("worker processes:", sorted(workers))
        print("apply() ran in:", pool.apply(worker_name))

    # Leaving the with block calls terminate(), which joins the threads and the workers.
    print("threads after the with block:", thread_names())
    print("worker processes after the with block:", multiprocessing.active_children())
