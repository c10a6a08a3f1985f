"""The same work on a Dask cluster: Dask has no Pool; its concurrent.futures executor stands in."""

import concurrent.futures
import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from distributed import Client

DASK = str(Path(sys.executable).with_name("dask"))  # the `dask` command beside this Python


def square(x):
    print(f"square({x}) runs in process {os.getpid()}")
    return x * x


def slow_square(x):
    time.sleep(0.1 * (4 - x))  # the first inputs take the longest
    return x * x


def fail(x):
    raise ValueError(f"task {x} failed")


def report(result):
    print(f"callback got {result} in process {os.getpid()}")


@contextlib.contextmanager
def dask_cluster():
    """A one-machine Dask cluster: a scheduler and two workers, each a program of its own."""
    with socket.socket() as sock:  # a free port, so no other cluster is in the way
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    address = f"tcp://127.0.0.1:{port}"
    logs = Path(tempfile.mkdtemp(prefix="dask-workers-"))
    quiet = {"stderr": subprocess.DEVNULL}  # Dask's own log lines, on stderr
    # A worker's prints go to its own standard output: here a file per worker. PYTHONUNBUFFERED
    # makes each print reach its file at once (one thread a worker: no lines to interleave).
    unbuffered = dict(os.environ, PYTHONUNBUFFERED="1")
    cluster = [
        subprocess.Popen(
            [DASK, "scheduler", "--host=127.0.0.1", f"--port={port}", "--no-dashboard"], **quiet
        )
    ]
    for name in ("worker-1", "worker-2"):
        out = open(logs / f"{name}.out", "w")
        worker = [DASK, "worker", address, f"--name={name}", "--nthreads=1", "--no-dashboard"]
        worker.append("--death-timeout=10")  # end if the scheduler is gone for 10 s
        cluster.append(subprocess.Popen(worker, stdout=out, env=unbuffered, **quiet))
        out.close()
    try:
        yield address
    finally:
        for process in reversed(cluster):  # workers first, then the scheduler
            process.terminate()
            process.wait(timeout=30)
        for log in sorted(logs.iterdir()):
            print(f"--- what {log.stem} printed, in its own output:")
            print(log.read_text(), end="")
            log.unlink()
        logs.rmdir()


if __name__ == "__main__":
    print(f"main program: process {os.getpid()}")
    with dask_cluster() as address, Client(address) as client:
        client.wait_for_workers(2)
        with client.get_executor() as pool:
            print("map:", list(pool.map(square, range(6))))
            futures = [pool.submit(slow_square, x) for x in range(4)]
            done = concurrent.futures.as_completed(futures)
            print("as_completed:", [future.result() for future in done])
            future = pool.submit(square, 10)
            future.add_done_callback(lambda future: report(future.result()))
            concurrent.futures.wait([future])
            try:
                pool.submit(fail, 11).result()
            except ValueError as error:
                print(f"submit(...).result() raised {error!r}")
