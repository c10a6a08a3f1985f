import time
from multiprocessing import Pool


def sleep_forever(x):
    time.sleep(3600)


if __name__ == "__main__":
    print("started", flush=True)
    with Pool(2) as pool:
        pool.map(sleep_forever, range(4))
