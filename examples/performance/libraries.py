"""The libraries the alternatives page compares, each behind the same four calls.

``Library()`` starts a pool (or prepares one that starts on first use),
``map(function, items, timeout=None)`` returns the results in input order,
``close()`` waits for the workers to end, and ``terminate()`` stops them now
(after a worker was killed, or a call timed out). alternatives.py times them;
alternatives_behaviour.py puts each through the same mishaps.
"""

from __future__ import annotations

import math
import multiprocessing

WORKERS = 2


def pool_chunksize(items):
    """What Pool.map would choose: about four chunks a worker."""
    return max(1, math.ceil(len(items) / (WORKERS * 4)))


class MultiprocessingPool:
    name = "multiprocessing.Pool"
    module = "multiprocessing"

    def __init__(self):
        self.pool = multiprocessing.Pool(processes=WORKERS)

    def map(self, function, items, timeout=None):
        if timeout is None:
            return self.pool.map(function, items)
        return self.pool.map_async(function, items).get(timeout=timeout)

    def close(self):
        self.pool.close()
        self.pool.join()

    def terminate(self):
        self.pool.terminate()
        self.pool.join()


class Executor:
    name = "ProcessPoolExecutor"
    module = "concurrent.futures"

    def __init__(self):
        from concurrent.futures import ProcessPoolExecutor

        self.executor = ProcessPoolExecutor(max_workers=WORKERS)

    def map(self, function, items, timeout=None):
        return list(self.executor.map(function, items, timeout=timeout))  # chunksize=1

    def close(self):
        self.executor.shutdown(wait=True)

    def terminate(self):
        # No way to stop running calls: cancel the rest, and wait for a broken pool to end.
        self.executor.shutdown(wait=True, cancel_futures=True)


class ExecutorChunksize(Executor):
    name = "ProcessPoolExecutor (chunksize)"

    def map(self, function, items, timeout=None):
        chunks = pool_chunksize(items)
        return list(self.executor.map(function, items, timeout=timeout, chunksize=chunks))


class Joblib:
    name = "joblib (loky)"
    module = "joblib"

    def map(self, function, items, timeout=None):
        from joblib import Parallel, delayed

        # A Parallel object for each call (making one starts no process): one reused after
        # a call that raised can hand the next call results left over from the failed one
        # (seen here). The loky workers behind them are reused all the same.
        parallel = Parallel(n_jobs=WORKERS, backend="loky", timeout=timeout)
        return parallel(delayed(function)(item) for item in items)

    def close(self):
        from joblib.externals.loky import get_reusable_executor

        # joblib keeps its executor for the next call; stop it, or its workers outlive us.
        get_reusable_executor(max_workers=WORKERS).shutdown(wait=True)

    terminate = close


class Loky:
    name = "loky"
    module = "loky"

    def __init__(self):
        from loky import get_reusable_executor

        self.executor = get_reusable_executor(max_workers=WORKERS)

    def map(self, function, items, timeout=None):
        return list(self.executor.map(function, items, timeout=timeout))  # chunksize=1

    def close(self):
        self.executor.shutdown(wait=True)

    def terminate(self):
        self.executor.shutdown(wait=True, kill_workers=True)


class Mpire:
    name = "mpire"
    module = "mpire"
    keep_alive = False  # the default: each map starts the workers, and stops and joins them

    def __init__(self):
        from mpire import WorkerPool

        # No process starts here: mpire starts its workers in the first map.
        self.pool = WorkerPool(n_jobs=WORKERS, keep_alive=self.keep_alive)

    def map(self, function, items, timeout=None):
        # mpire's timeouts are per task; a caller that must not wait forever guards the call.
        return self.pool.map(function, items)

    def close(self):
        # keep_alive=True: stop and join the workers kept alive; False: each map already did.
        self.pool.stop_and_join()

    def terminate(self):
        self.pool.terminate()


class MpireKeepAlive(Mpire):
    name = "mpire (keep_alive=True)"
    keep_alive = True  # the workers stay between maps, as the other libraries' do


class Multiprocess(MultiprocessingPool):
    name = "multiprocess"
    module = "multiprocess"

    def __init__(self):
        import multiprocess

        self.pool = multiprocess.Pool(processes=WORKERS)
