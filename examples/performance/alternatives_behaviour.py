"""What each library does when things go wrong, or merely differ: one real run of each case.

For each library, with two workers:

- a lambda as the function, written inside a function (so pickle sees a local object);
- a task that raises (what the caller gets, and whether the worker's traceback comes too);
- a worker killed in the middle of a task, as the out-of-memory killer would;
- tasks that print (where the lines appear, and in what order);
- the same task submitted twice (does it run twice?).

A case that hangs is stopped by a timeout, the library's own where it has one, so the
script always ends; every pool is closed or terminated, and none is left running.
"""

from __future__ import annotations

import importlib
import os
import select
import signal
import sys
import threading
import time
import traceback
import uuid

import labkit
import libraries

WORKERS = libraries.WORKERS
TIMEOUT = 2  # seconds: how long a call may wait for results that never come


# -- The tasks.


BAD = "-".join(["bad", "input"])  # so that the source shown in a traceback does not name it


def fail(item):
    if item == BAD:
        raise ValueError("this task failed")
    return item


def die(x):
    if x == 1:
        os.kill(os.getpid(), signal.SIGKILL)  # as the out-of-memory killer would
    time.sleep(0.05)
    return x


def talk(x):
    time.sleep(0.3 if x == 0 else 0.0)  # task 0 usually finishes last
    printed = time.monotonic()  # one clock for every process of the machine
    print(f"task {x} printed this, in process {os.getpid()}", flush=True)
    return printed


def stamp(x):
    return uuid.uuid4().hex  # different at every run of the task


# One class a library (libraries.py): start, map (waiting at most TIMEOUT), stop.
LIBRARIES = [
    libraries.MultiprocessingPool,
    libraries.Executor,
    libraries.Joblib,
    libraries.Loky,
    libraries.Mpire,
    libraries.Multiprocess,
]


# -- The cases: each returns the outcome, a few words a table cell can show, and details.


def prints(library):
    """Workers print four lines; the lines are read from this process's stdout."""
    reader, writer = os.pipe()
    sys.stdout.flush()
    saved = os.dup(1)
    os.dup2(writer, 1)  # workers started from now on write to the pipe
    try:
        pool = library()
        results = pool.map(talk, range(4), timeout=TIMEOUT)
    finally:
        os.dup2(saved, 1)
        os.close(saved)
        os.close(writer)
    lines = read_lines(reader, 4)
    pool.terminate()
    os.close(reader)
    printed_order = sorted(range(4), key=lambda x: results[x])
    order = [int(line.split()[1]) for line in lines]
    if len(lines) < 4:
        outcome = f"{len(lines)} of 4 lines arrive"
    elif order == printed_order:
        outcome = "in the output, as printed"
    else:
        outcome = "in the output, reordered"
    note = "input order" if order == [0, 1, 2, 3] else "not the input order"
    return outcome, [f"the workers printed ({note}):", *lines]


def read_lines(fd, count, seconds=1.0):
    data, deadline = b"", time.monotonic() + seconds
    while data.count(b"\n") < count and time.monotonic() < deadline:
        if select.select([fd], [], [], 0.05)[0]:
            data += os.read(fd, 65536)
    return data.decode().splitlines()


def a_lambda(pool):
    try:
        # A local object, a_lambda.<locals>.<lambda>: pickle refuses it with AttributeError
        # ("Can't pickle local object"). A lambda at module level fails with PicklingError.
        results = pool.map(lambda x: x + 1, range(4), timeout=TIMEOUT)
    except Exception as exc:
        cause = "can't pickle" if "pickle" in str(exc).lower() else "fails"
        return f"{cause} ({type(exc).__name__})", [f"{type(exc).__name__}: {exc}"]
    assert results == [1, 2, 3, 4], results
    return "works", [f"results: {results}"]


def an_exception(pool):
    try:
        pool.map(fail, ["a", "b", BAD, "d"], timeout=TIMEOUT)
    except ValueError as exc:
        shown = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
        # The worker's traceback names the task's function; some libraries add its arguments.
        details = "worker traceback" if "in fail" in shown else "no worker traceback"
        if BAD in shown:
            details += " and arguments"
        return f"ValueError, {details}", [f"ValueError: {exc}"]
    raise AssertionError("the ValueError did not reach the caller")


def twice(pool):
    first, second = pool.map(stamp, [7, 7], timeout=TIMEOUT)
    outcome = "runs twice" if first != second else "runs once"
    return outcome, [f"the two runs returned {first[:8]}... and {second[:8]}..."]


def killed(pool):
    started = time.monotonic()
    try:
        results = pool.map(die, range(4), timeout=TIMEOUT)
    except Exception as exc:
        waited = time.monotonic() - started
        if isinstance(exc, TimeoutError) or type(exc).__name__ == "TimeoutError":
            return f"hangs (timed out after {TIMEOUT} s)", [f"no result after {waited:.1f} s"]
        return type(exc).__name__, [f"after {waited:.1f} s: {str(exc)[:100]}"]
    return "works", [f"results: {results} (the lost task was run again)"]


CASES = [
    ("a lambda", a_lambda),
    ("an exception", an_exception),
    ("same task twice", twice),
    ("a killed worker", killed),  # last: it may break the pool
]


def guarded(case, *args):
    """Run ``case`` in a thread; give up on it after TIMEOUT + 5 s."""
    box = {}

    def run():
        try:
            box["outcome"] = case(*args)
        except BaseException as exc:  # reported, not raised: the next case must run
            box["outcome"] = (f"error: {type(exc).__name__}", [traceback.format_exc()])

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(TIMEOUT + 5)
    if thread.is_alive():
        return f"hangs (timed out after {TIMEOUT + 5} s)", []
    return box["outcome"]


if __name__ == "__main__":
    args = labkit.options(__doc__)
    results = labkit.Results(args, workers=WORKERS, timeout_s=TIMEOUT)
    for library in LIBRARIES:
        importlib.import_module(library.module)  # one at a time (see alternatives.py)
        print(f"== {library.name}")
        outcome, details = guarded(prints, library)
        results.add(library=library.name, behaviour="print in a task", outcome=outcome)
        print(f"  print in a task: {outcome}")
        for line in details:
            print(f"    {line}")
        pool = library()
        for behaviour, case in CASES:
            outcome, details = guarded(case, pool)
            results.add(library=library.name, behaviour=behaviour, outcome=outcome)
            print(f"  {behaviour}: {outcome}")
            for line in details:
                print(f"    {line}")
        pool.terminate()
    results.finish()
