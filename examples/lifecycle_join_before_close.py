"""join() on a pool that is still running raises ValueError."""

from multiprocessing import Pool

if __name__ == "__main__":
    with Pool(processes=2) as pool:
        try:
            pool.join()
        except ValueError as e:
            print(f"join() before close(): {type(e).__name__}: {e}")
        pool.close()
        pool.join()
        print("close() then join(): fine")
