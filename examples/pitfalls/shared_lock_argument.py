"""A multiprocessing.Lock, Queue or Value passed as a task argument: the task cannot be sent."""

import multiprocessing
import traceback
from multiprocessing import Pool


def work(shared, x):
    return x


if __name__ == "__main__":
    lock = multiprocessing.Lock()
    with Pool(processes=2) as pool:
        result = pool.apply_async(work, (lock, 1))
        print("apply_async returned; nothing has been raised yet")
        try:
            result.get(timeout=5)
        except Exception:
            traceback.print_exc()
        for shared in (lock, multiprocessing.Queue(), multiprocessing.Value("i", 0)):
            try:
                pool.starmap(work, [(shared, x) for x in range(4)])
            except Exception as e:
                print(f"starmap with a {type(shared).__name__}: {type(e).__name__}: {e}")
