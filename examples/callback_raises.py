"""A callback that raises kills the result-handler thread: get() never returns."""

import multiprocessing
from multiprocessing import Pool


def square(x):
    return x * x


def broken_callback(result):
    raise RuntimeError(f"callback failed on {result}")


if __name__ == "__main__":
    pool = Pool(processes=2)
    result = pool.apply_async(square, (3,), callback=broken_callback)
    try:
        print(result.get(timeout=2))  # without a timeout, this would never return
    except multiprocessing.TimeoutError:
        print("get(timeout=2) timed out, although square(3) finished long ago")
    print("result handler thread alive:", pool._result_handler.is_alive())
    later = pool.apply_async(square, (4,))
    later.wait(timeout=1)
    print("a task submitted now, 1 s later: ready() is", later.ready())

    # terminate() refuses to run with a dead result handler and work still pending ...
    try:
        pool.terminate()
    except AssertionError as exc:
        print("terminate() raised AssertionError:", exc)
    # ... so stop the worker processes ourselves.
    for worker in multiprocessing.active_children():
        worker.terminate()
        worker.join()
    print("workers left:", len(multiprocessing.active_children()))
