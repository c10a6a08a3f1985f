"""imap holds back results that arrive early, until the result before them is in."""

import multiprocessing
import time

first_may_finish = None  # an Event, set in each worker by init()


def init(event):
    global first_may_finish
    first_may_finish = event


def square(x):
    if x == 0:
        first_may_finish.wait(timeout=20)  # item 0 waits until the parent says go
    return x * x


if __name__ == "__main__":
    event = multiprocessing.Event()
    with multiprocessing.Pool(2, initializer=init, initargs=(event,)) as pool:
        it = pool.imap(square, range(6))

        # Wait (10 s at most) until the results of items 1 to 5 have reached the parent.
        deadline = time.monotonic() + 10
        while len(it._unsorted) < 5 and time.monotonic() < deadline:
            time.sleep(0.05)
        print("arrived early, parked in it._unsorted:", it._unsorted)
        try:
            it.next(timeout=0.5)
        except multiprocessing.TimeoutError:
            print("next(timeout=0.5): TimeoutError; item 0 has not arrived")

        event.set()  # let item 0 finish
        print("next():", next(it))
        print("it._unsorted:", it._unsorted, "  it._items:", list(it._items))
        print("the rest:", list(it))
