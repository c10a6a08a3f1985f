"""One block of shared memory, mapped by the parent and by every worker: nothing is copied."""

import os
import pickle
from multiprocessing import Pool, shared_memory

import numpy as np

block = None  # in each worker: the shared memory block, opened by attach()
array = None  # in each worker: a numpy array whose buffer is that block


def attach(name, shape, dtype):  # the initializer: runs once in each worker
    global block, array
    block = shared_memory.SharedMemory(name=name)
    array = np.ndarray(shape, dtype=dtype, buffer=block.buf)
    print(f"process {os.getpid()} attached to {name}")


def total(i):
    return float(array[i * 250_000 : (i + 1) * 250_000].sum())


if __name__ == "__main__":
    shm = shared_memory.SharedMemory(create=True, size=1_000_000 * 8)
    try:
        data = np.ndarray((1_000_000,), dtype=np.float64, buffer=shm.buf)
        data[:] = 1.0
        initargs = (shm.name, data.shape, data.dtype.str)
        print(f"block {shm.name}: {shm.size:,} bytes")
        print(f"initargs {initargs}: {len(pickle.dumps(initargs))} bytes pickled")
        with Pool(processes=2, initializer=attach, initargs=initargs) as pool:
            print("sums of 4 slices of 250,000 ones:", pool.map(total, range(4)))
            data[:] = 2.0  # the parent writes after the workers attached
            print("after the parent wrote twos:", pool.map(total, range(4)))
            pool.close()
            pool.join()  # every worker has attached, worked and exited
        del data  # the array points into the mapping that close() removes
    finally:
        shm.close()  # this process's mapping
        shm.unlink()  # the block itself: once, by the process that created it
    try:
        shared_memory.SharedMemory(name=shm.name)
    except FileNotFoundError as e:
        print("after unlink():", repr(e))
