"""A global changed after the pool started: no worker sees the change."""

import multiprocessing

SETTING = "set when the module was imported"


def read_setting(_):
    return SETTING


if __name__ == "__main__":
    SETTING = "changed before the pool started"
    with multiprocessing.Pool(processes=2) as pool:
        SETTING = "changed after the pool started"
        seen = set(pool.map(read_setting, range(4)))
    print(f"start method: {multiprocessing.get_start_method()}")
    print(f"the script's SETTING: {SETTING!r}")
    print(f"what the workers saw: {sorted(seen)}")
