"""A slow callback holds up every later result, even results without a callback."""

import time
from multiprocessing import Pool


def quick(name, start):
    return name, round(time.monotonic() - start, 1)  # when the work was done


def slow_callback(result):
    name, done_at = result
    time.sleep(0.5)
    now = time.monotonic() - start
    print(f"callback for {name} (done at {done_at} s) finished at {now:.1f} s")


if __name__ == "__main__":
    with Pool(processes=1) as pool:
        start = time.monotonic()
        for name in ("a", "b", "c"):
            pool.apply_async(quick, (name, start), callback=slow_callback)
        plain = pool.apply_async(quick, ("plain", start))  # no callback at all
        name, done_at = plain.get()
        now = time.monotonic() - start
        print(f"{name} (done at {done_at} s): get() returned at {now:.1f} s")
