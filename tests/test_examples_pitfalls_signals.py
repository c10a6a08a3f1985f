"""The pitfalls pages on Ctrl-C, fork with threads and nested pools: their examples' invariants.

Each example runs under every start method with this interpreter, and the pages' claims
about CPython 3.8 to 3.13 are checked by running the scripts on each of those interpreters
found on this machine (a missing one is skipped). The tests assert what holds on every run
(lines, values, that a wait timed out), never a transcript.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLES, VERSIONS, needs, run_example
from pool_guide import runner
from pool_guide.runner import RunSpec, run_script

methods = pytest.mark.parametrize("method", runner.START_METHODS)
versions = pytest.mark.parametrize("version", VERSIONS)


def run(name: str, method: str | None = None, *args: str, python: str = sys.executable):
    """Run an example as the build does; its exit status and output lines."""
    return run_example(f"pitfalls/{name}", method, args=args, python=python)


def value_after(lines: list[str], label: str):
    """The Python value printed after ``label`` on the one line that starts with it."""
    (line,) = [line for line in lines if line.startswith(label)]
    return ast.literal_eval(line[len(label) :].strip())


def seconds(line: str) -> float:
    """The last number of seconds a line reports ("... after 1.0 s ...")."""
    return float(re.findall(r"(\d+\.\d) s\b", line)[-1])


def run_with_warnings(name: str, python: str, method: str, warnings_on: bool) -> str:
    """Run an example on ``python`` as the build does, optionally with ``-W default``."""
    spec = RunSpec(EXAMPLES / "pitfalls" / name, start_method=method)
    env = runner.build_env(spec)
    if warnings_on:
        env["PYTHONWARNINGS"] = "default"  # the same as python -W default
    out = subprocess.run(
        [python, spec.script.name],
        cwd=spec.script.parent,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return out.stdout + out.stderr


# -- ctrl-c.md -------------------------------------------------------------------

WORKER_TRACEBACK_START = re.compile(r"Process (Fork|Spawn|ForkServer)PoolWorker-[12]:")


def parent_interrupted(lines: list[str], prefix: str) -> float:
    """The one line of the parent's KeyboardInterrupt: when it came, in seconds."""
    (line,) = [line for line in lines if line.startswith(prefix)]
    return seconds(line)


def check_ctrl_c(lines: list[str], how: str) -> None:
    waited = parent_interrupted(lines, f"parent: KeyboardInterrupt in {how} after")
    assert 0.9 <= waited < 2.0  # at the Ctrl-C, before any two-second task could end
    assert lines[-1] == "processes left: []"
    assert not any(re.fullmatch(r"\[.*\]|\d+", line) for line in lines)  # no result at all
    starts = [line for line in lines if line.startswith("Process ")]
    assert all(WORKER_TRACEBACK_START.fullmatch(line) for line in starts)


def check_close_join_hangs(lines: list[str]) -> None:
    assert "parent: KeyboardInterrupt in map; now close() and join()" in lines
    assert "join() returned within 3 s: False" in lines
    workers = value_after(lines, "workers now:")
    assert [name.rsplit("-", 1)[1] for name in workers] == ["3", "4"]  # 1 and 2 were replaced
    # Nothing terminated the interrupted workers: both tracebacks are whole.
    assert sum(bool(WORKER_TRACEBACK_START.fullmatch(line)) for line in lines) == 2
    assert lines.count("KeyboardInterrupt") == 2
    assert sum(line.endswith(", in slow_square") for line in lines) == 2


def check_fix_initializer(lines: list[str]) -> None:
    assert lines[0] == "parent: KeyboardInterrupt in map; now close() and join()"
    assert re.fullmatch(r"join\(\) returned after \d+\.\d s", lines[1])
    assert seconds(lines[1]) >= 3.9  # every task ran to its end: two rounds of two seconds
    assert lines[2:] == ["processes left: []"]


def check_fix_terminate(lines: list[str]) -> None:
    assert "parent: KeyboardInterrupt in map; terminate()" in lines
    assert seconds(next(line for line in lines if line.startswith("join() returned"))) < 2.0
    assert lines[-1] == "processes left: []"
    assert not any(re.fullmatch(r"\[.*\]", line) for line in lines)


def check_fix_get_timeout(lines: list[str]) -> None:
    assert len(lines) == 2, lines  # no worker traceback
    assert 0.9 <= seconds(lines[0]) < 1.5  # raised inside get(), not at the end of a step
    assert lines[0].startswith("parent: KeyboardInterrupt after ")
    assert lines[1] == "processes left: []"


def check_other_thread(lines: list[str]) -> None:
    long_steps, short_steps = lines
    assert long_steps.startswith("waiting in steps of 3 s: KeyboardInterrupt after ")
    assert 2.9 <= seconds(long_steps) < 3.5  # at the end of the wait, not at the signal (0.5 s)
    assert short_steps.startswith("waiting in steps of 0.5 s: KeyboardInterrupt after ")
    assert seconds(short_steps) < 1.6  # within about one step of the signal


def check_ctrl_c_page(method: str | None, python: str) -> None:
    for how in ("map", "imap"):
        code, lines = run("ctrl_c.py", method, how, python=python)
        assert code == 0
        check_ctrl_c(lines, how)
    for name, check in [
        ("ctrl_c_close_join_hangs.py", check_close_join_hangs),
        ("ctrl_c_fix_initializer.py", check_fix_initializer),
        ("ctrl_c_fix_terminate.py", check_fix_terminate),
        ("ctrl_c_fix_get_timeout.py", check_fix_get_timeout),
        ("ctrl_c_other_thread.py", check_other_thread),
    ]:
        code, lines = run(name, method, python=python)
        assert code == 0, lines
        check(lines)


@methods
def test_ctrl_c_page_under_each_start_method(method: str) -> None:
    check_ctrl_c_page(method, sys.executable)


@versions
def test_ctrl_c_page_on_each_version(version: str) -> None:
    check_ctrl_c_page("fork", needs(version))


# SIGINT goes to each worker and to the main thread itself, as in examples/pitfalls/ctrl_c.py:
# os.killpg from the timer thread lets any thread take the parent's signal, and then imap's
# wait without a timeout never wakes up (ctrl-c-other-thread on the page).
IMAP_UNCAUGHT = """\
import multiprocessing, os, signal, threading, time
from multiprocessing import Pool

def slow_square(x):
    time.sleep(2)
    return x * x

def press_ctrl_c():
    for worker in multiprocessing.active_children():
        os.kill(worker.pid, signal.SIGINT)
    signal.pthread_kill(threading.main_thread().ident, signal.SIGINT)

if __name__ == "__main__":
    threading.Timer(1.0, press_ctrl_c).start()
    with Pool(processes=2) as pool:
        for square in pool.imap(slow_square, range(4)):
            print(square)
"""


@versions
def test_uncaught_ctrl_c_in_imap_shows_imaps_index_error_first(
    version: str, tmp_path: Path
) -> None:
    script = tmp_path / "imap_uncaught.py"
    script.write_text(IMAP_UNCAUGHT)
    result = run_script(RunSpec(script, python=needs(version), timeout=60))
    assert not result.timed_out and not result.leftover_pids, result.output
    lines = result.output.splitlines()
    assert result.returncode == -2  # the parent ended by SIGINT, as Python does since 3.8
    index_error = lines.index("IndexError: pop from an empty deque")
    during = lines.index("During handling of the above exception, another exception occurred:")
    assert index_error < during < len(lines) - 1
    assert lines[-1] == "KeyboardInterrupt"
    assert any(line.strip() == "self._cond.wait(timeout)" for line in lines[during:])


# -- fork-and-threads.md ---------------------------------------------------------

LOCK_LINE = re.compile(r"worker (\d+): the lock is (locked|free)(; threads here: (\d+))?")


def lock_lines(lines: list[str]) -> list[re.Match]:
    return [m for line in lines if (m := LOCK_LINE.fullmatch(line))]


@methods
def test_a_lock_held_at_fork_time_deadlocks_forked_workers_only(method: str) -> None:
    code, lines = run("fork_threads_deadlock.py", method)
    assert code == 0
    assert lines[0] == "parent: another thread holds the lock; starting the pool"
    seen = lock_lines(lines)
    assert all(m[4] == "1" for m in seen)  # only the main thread exists in a worker
    if method == "fork":
        # Each worker is stuck on its first task, holding a copy of the locked lock.
        assert len(seen) == 2 and len({m[1] for m in seen}) == 2
        assert all(m[2] == "locked" for m in seen)
        assert lines[-1] == "get(timeout=3) raised TimeoutError: the workers are stuck"
    else:
        assert len(seen) == 4 and all(m[2] == "free" for m in seen)
        assert lines[-1] == "[0, 1, 4, 9]"
    assert len(lines) == len(seen) + 2


@methods
@pytest.mark.parametrize("name", ["fork_threads_fix_spawn.py", "fork_threads_fix_pool_first.py"])
def test_the_fixes_find_the_lock_free(method: str, name: str) -> None:
    code, lines = run(name, method)
    assert code == 0
    seen = lock_lines(lines)
    assert len(seen) == 4 and all(m[2] == "free" for m in seen)
    assert lines[-1] == "[0, 1, 4, 9]"
    assert len(lines) == 6


def check_logging(lines: list[str], method: str) -> None:
    prefix = {"fork": "Fork", "spawn": "Spawn", "forkserver": "ForkServer"}[method]
    logged = [
        line for line in lines if re.fullmatch(rf"{prefix}PoolWorker-\d+: square\(\d\)", line)
    ]
    assert sorted(line.rsplit(" ", 1)[1] for line in logged) == [f"square({i})" for i in range(4)]
    assert lines[0] == "parent: another thread holds the handler's lock; starting the pool"
    assert lines[-1] == "[0, 1, 4, 9]"
    assert len(lines) == 6


@methods
def test_a_logging_handler_lock_held_at_fork_time_is_reset(method: str) -> None:
    code, lines = run("fork_threads_logging.py", method)
    assert code == 0
    check_logging(lines, method)


@versions
def test_logging_resets_its_locks_at_fork_on_each_version(version: str) -> None:
    code, lines = run("fork_threads_logging.py", "fork", python=needs(version))
    assert code == 0
    check_logging(lines, "fork")


def fork_warnings(output: str) -> list[str]:
    return [
        line for line in output.splitlines() if "DeprecationWarning: This process (pid=" in line
    ]


@versions
def test_fork_with_a_thread_warns_from_3_12_with_warnings_on(version: str) -> None:
    python = needs(version)
    warned = fork_warnings(run_with_warnings("fork_threads_deadlock.py", python, "fork", True))
    if version in ("3.12", "3.13"):
        (warning,) = warned  # the default filter shows it once, for the first worker
        assert "multiprocessing/popen_fork.py" in warning
        assert warning.endswith(
            "is multi-threaded, use of fork() may lead to deadlocks in the child."
        )
    else:
        assert warned == []
    assert fork_warnings(run_with_warnings("fork_threads_deadlock.py", python, "fork", False)) == []
    assert fork_warnings(run_with_warnings("fork_threads_deadlock.py", python, "spawn", True)) == []


# -- nested-pools.md -------------------------------------------------------------

DAEMONIC = "AssertionError: daemonic processes are not allowed to have children"


def check_nested_pool(code: int | None, lines: list[str]) -> None:
    assert code == 1
    # Under spawn and forkserver a resource_tracker UserWarning may follow the traceback.
    end = next((i for i, line in enumerate(lines) if "resource_tracker" in line), len(lines))
    traceback = lines[:end]
    assert traceback[0].startswith("multiprocessing.pool.RemoteTraceback:")
    assert traceback[-1] == DAEMONIC
    assert traceback.count(DAEMONIC) == 2  # the worker's, then the parent's
    cause = traceback.index("The above exception was the direct cause of the following exception:")
    remote = [line.strip() for line in traceback[:cause]]
    assert "w.start()" in remote and remote.index("w.start()") < remote.index(DAEMONIC)
    parent = [line.strip() for line in traceback[cause:]]
    assert "print(pool.map(table_row, range(3)))" in parent and "raise self._value" in parent


TABLE = "[[0, 0, 0, 0], [0, 1, 2, 3], [0, 2, 4, 6]]"


def check_nested_executor(code: int | None, lines: list[str]) -> None:
    assert code == 0
    rows = [
        re.fullmatch(r"table_row\((\d)\) runs in \w+Process-\d+, daemon=(\w+)", line)
        for line in lines[:-1]
    ]
    assert all(rows) and sorted(m[1] for m in rows) == ["0", "1", "2"]
    assert {m[2] for m in rows} == {"False"}
    assert lines[-1] == TABLE


@methods
def test_a_pool_inside_a_pool_worker_fails_in_map(method: str) -> None:
    check_nested_pool(*run("nested_pool.py", method))


@methods
def test_one_flat_pool_over_both_loops(method: str) -> None:
    assert run("nested_flatten.py", method) == (0, [TABLE])


@methods
def test_a_pool_inside_an_executor_worker_works(method: str) -> None:
    check_nested_executor(*run("nested_executor.py", method))


@versions
@methods
def test_nested_pools_on_each_version(version: str, method: str) -> None:
    python = needs(version)
    check_nested_pool(*run("nested_pool.py", method, python=python))
    check_nested_executor(*run("nested_executor.py", method, python=python))


def test_python_o_removes_the_check_and_the_inner_pool_starts() -> None:
    spec = RunSpec(EXAMPLES / "pitfalls" / "nested_pool.py")
    env = {**runner.build_env(spec), "PYTHONOPTIMIZE": "1"}  # the same as python -O
    out = subprocess.run(
        [sys.executable, spec.script.name],
        cwd=spec.script.parent,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (out.returncode, out.stdout.splitlines(), out.stderr) == (0, [TABLE], "")
