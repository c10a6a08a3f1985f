"""The same Pool script on a Ray cluster: only the import and the pool's address change."""

import contextlib
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# Ray reads these when it is imported, so they are set first.
os.environ["RAY_USAGE_STATS_ENABLED"] = "0"
# Token authentication, with a token of this run's own, rather than RAY_AUTH_MODE=disabled:
# the head node's ports listen on every network interface, not only on this machine's, and
# without a token anyone who reaches them can run code here. With the mode unset, Ray 2.60
# picks it by whether ~/.ray/auth_token exists, and warns either way; set, nothing is written
# to the home folder and the output does not depend on it. Every Ray process inherits both.
os.environ["RAY_AUTH_MODE"] = "token"
os.environ["RAY_AUTH_TOKEN"] = secrets.token_hex(16)

import ray
from ray.util.multiprocessing import Pool

RAY = str(Path(sys.executable).with_name("ray"))  # the `ray` command beside this Python


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
def ray_head_node():
    """A one-machine Ray cluster: its head node's processes, started by `ray start`."""
    with socket.socket() as sock:  # a free port, so no other cluster is in the way
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    # Its own folder for logs and sockets, and for the file where `ray start` notes the
    # "current cluster", which a later ray.init() on this machine would try to join.
    folder = tempfile.TemporaryDirectory(prefix="ray-")
    start = [RAY, "start", "--head", f"--port={port}", "--num-cpus=2", "--block"]
    start += ["--include-dashboard=false", f"--object-store-memory={200 * 2**20}"]
    start += [f"--temp-dir={folder.name}"]
    # --block keeps `ray start` running as the parent of the head node's processes, as a
    # service manager runs it; SIGTERM to it stops this cluster and no other (`ray stop`
    # stops every Ray process of the machine, and here took 6 s, against 2 s this way).
    head = subprocess.Popen(start, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        said = []
        for line in head.stdout:  # wait until the head node is up
            said.append(line)
            if "Ray runtime started" in line:
                break
        else:
            raise RuntimeError(f"ray start ended with status {head.wait()}:\n{''.join(said)}")
        yield f"127.0.0.1:{port}"
    finally:
        time.sleep(1)  # Ray forwards workers' prints a moment later: let the last ones come
        ray.shutdown()  # the Pool connected this script to the cluster; disconnect it
        head.terminate()
        head.wait(timeout=60)
        folder.cleanup()


if __name__ == "__main__":
    print(f"main program: process {os.getpid()}")
    with ray_head_node() as address, Pool(processes=2, ray_address=address) as pool:
        print("map:", pool.map(square, range(6)))
        print("imap_unordered:", list(pool.imap_unordered(slow_square, range(4))))
        pool.apply_async(square, (10,), callback=report).wait()
        try:
            pool.apply(fail, (11,))
        except ValueError as error:
            print(f"apply raised {error!r}")
