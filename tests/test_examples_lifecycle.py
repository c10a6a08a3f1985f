"""The errors, lifecycle and workers pages: their examples' invariants and their version claims.

The examples run under every start method; the tests assert what holds on every
run (the lines, the values, which PIDs differ), never a transcript. The pages'
claims about CPython 3.8 to 3.13 are checked against each of those interpreters
found on this machine; a missing one is skipped.
"""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from conftest import EXAMPLES, VERSIONS, needs, run_example
from pool_guide import runner
from pool_guide.runner import RunSpec, run_script

methods = pytest.mark.parametrize("method", runner.START_METHODS)
versions = pytest.mark.parametrize("version", VERSIONS)


def run(name: str, method: str | None = None, *args: str, python: str = sys.executable):
    """Run an example as the build does; its exit status and output lines."""
    return run_example(name, method, args=args, python=python)


def value_after(lines: list[str], label: str):
    """The Python value printed after ``label`` on the one line that starts with it."""
    (line,) = [line for line in lines if line.startswith(label)]
    return ast.literal_eval(line[len(label) :].strip())


# -- errors.md ---------------------------------------------------------------


@methods
def test_worker_exception_is_reraised_by_get_with_the_remote_traceback(method: str) -> None:
    code, lines = run("error_apply_async.py", method)
    text = "\n".join(lines)
    assert code == 1
    assert lines[0] == "apply_async returned; nothing has been raised yet"
    assert lines[1].startswith("multiprocessing.pool.RemoteTraceback:")
    cause = text.index("The above exception was the direct cause of the following exception")
    assert text.index(", in inverse") < cause < text.index("raise self._value")
    assert lines[-1] == "ZeroDivisionError: division by zero"
    assert "never printed" not in text


@methods
def test_map_error_has_a_remote_cause_and_imap_errors_are_per_item(method: str) -> None:
    code, lines = run("error_map_imap.py", method)
    text = "\n".join(lines)
    assert code == 0
    assert lines[:2] == [
        "map raised: <class 'ZeroDivisionError'>",
        "its __cause__: <class 'multiprocessing.pool.RemoteTraceback'>",
    ]
    assert text.index(", in mapstar") < text.index(", in inverse")
    assert lines[-5:] == [
        "imap, one result at a time:",
        "  inverse(4) = 0.25",
        "  inverse(2) = 0.5",
        "  inverse(0) raised ZeroDivisionError: division by zero",
        "  inverse(1) = 1.0",
    ]


@methods
def test_apply_async_error_nobody_gets_leaves_no_trace(method: str) -> None:
    code, lines = run("error_vanishes.py", method)
    assert code == 0
    assert lines == ["done: the pool ran the task and the script carries on"]


@methods
def test_unpicklable_functions_fail_in_the_parents_task_handler(method: str) -> None:
    code, lines = run("error_unpicklable_function.py", method)
    text = "\n".join(lines)
    assert code == 0
    assert lines[0] == f"start method: {method}"
    assert re.search(
        r"^_pickle\.PicklingError: Can't pickle <function <lambda> at 0x[0-9a-f]+>: "
        r"attribute lookup <lambda> on __main__ failed$",
        text,
        re.M,
    )
    assert re.search(
        r"^AttributeError: Can't (pickle|get) local object 'make_doubler.<locals>.double'$",
        text,
        re.M,
    )
    assert text.count("in _handle_tasks\n    put(task)") == 2
    assert "RemoteTraceback" not in text


@methods
def test_unpicklable_result_is_a_maybe_encoding_error(method: str) -> None:
    code, lines = run("error_unpicklable_result.py", method)
    assert code == 0
    assert lines[0] == "<class 'multiprocessing.pool.MaybeEncodingError'>"
    assert re.fullmatch(
        r"Error sending result: '<generator object squares.<locals>.<genexpr> at 0x[0-9a-f]+>'\. "
        r"Reason: 'TypeError\(\"cannot pickle 'generator' object\"\)'",
        lines[1],
    )


@methods
def test_input_that_raises_stops_map_at_once_and_imap_after_the_good_items(method: str) -> None:
    code, lines = run("error_input_iterable.py", method)
    error = "ValueError('the input ran out of good numbers') | __cause__: None"
    assert code == 0
    assert lines == [
        f"map raised: {error}",
        "imap:",
        "  got 1",
        "  got 4",
        "  got 9",
        f"  then raised: {error}",
    ]


# -- lifecycle.md ------------------------------------------------------------

WORKER_PID = re.compile(r" in process \d+$")


def without_pids(lines: list[str]) -> list[str]:
    return [WORKER_PID.sub("", line) for line in lines]


def seconds(line: str) -> float:
    return float(re.search(r"after (\d+\.\d+) s", line)[1])


@methods
def test_close_refuses_new_work_but_finishes_the_queued_work(method: str) -> None:
    code, lines = run("lifecycle_close.py", method)
    assert code == 0
    assert lines[:2] == [
        "close() returned at once",
        "apply_async after close(): ValueError: Pool not running",
    ]
    assert Counter(without_pids(lines[2:6])) == Counter(
        f"slow_square({x}) finished" for x in range(4)
    )
    assert lines[6].startswith("join() returned after")
    # Two rounds of two half-second calls; the first may have begun before the timer did
    # (fork starts workers at once), so only the second round is certain. join() returning
    # without waiting would print 0.0.
    assert seconds(lines[6]) >= 0.5
    assert lines[7:] == ["results: [0, 1, 4, 9]"]


@methods
def test_join_before_close_raises_value_error(method: str) -> None:
    code, lines = run("lifecycle_join_before_close.py", method)
    assert code == 0
    assert lines == [
        "join() before close(): ValueError: Pool is still running",
        "close() then join(): fine",
    ]


@methods
def test_terminate_stops_running_calls_and_drops_queued_ones(method: str) -> None:
    code, lines = run("lifecycle_terminate.py", method)
    assert code == 0
    assert Counter(without_pids(lines[:2])) == Counter(
        ["slow_square(0) started", "slow_square(1) started"]
    )
    assert not any("finished" in line for line in lines)
    assert seconds(lines[2]) < 1.0  # the calls needed two seconds
    assert lines[3:] == [
        "workers' exit codes: [-15, -15]",
        "results ready: [False, False, False, False]",
    ]


@methods
def test_with_block_end_terminates_pending_work(method: str) -> None:
    code, lines = run("lifecycle_with_terminates.py", method)
    assert code == 0
    assert lines == [
        "task 0 finished after 0.2 s",
        "the with block has ended",
        "results ready: [True, False, False, False]",
        "results[1].get(timeout=1) raised TimeoutError: it will never come",
    ]


@methods
def test_close_join_or_get_inside_the_block_lets_all_work_finish(method: str) -> None:
    code, lines = run("lifecycle_with_fix.py", method)
    finished = Counter(
        ["task 0 finished after 0.2 s"] + [f"task {n} finished after 0.5 s" for n in (1, 2, 3)]
    )
    assert code == 0
    assert lines[0] == "Fix 1: close() and join() inside the block"
    assert Counter(lines[1:5]) == finished
    assert lines[5:7] == [
        "results ready: [True, True, True, True]",
        "Fix 2: get() every result inside the block",
    ]
    assert Counter(lines[7:11]) == finished
    assert lines[11:] == ["values: [0, 1, 2, 3]"]


RESOURCE_WARNING = re.compile(
    r"pool\.py:\d+: ResourceWarning: unclosed running multiprocessing pool "
    r"<multiprocessing\.pool\.Pool state=RUN pool_size=2>$"
)


@methods
def test_deleting_a_running_pool_warns(method: str) -> None:
    code, lines = run("lifecycle_resource_warning.py", method)
    assert code == 0
    assert lines[1] == "[0, 1, 4, 9, 16]"
    (warning,) = [i for i, line in enumerate(lines) if RESOURCE_WARNING.search(line)]
    assert 1 < warning < len(lines) - 1
    assert lines[-1] == "the pool object is gone"


@methods
def test_killed_worker_hangs_map_and_is_quietly_replaced(method: str) -> None:
    code, lines = run("lifecycle_worker_killed.py", method)
    assert code == 0
    before = value_after(lines, "worker PIDs before:")
    after = value_after(lines, "worker PIDs after:")
    assert len(before) == len(after) == 2
    assert len(set(before) & set(after)) == 1  # one worker died, one new one took its place
    (timed_out,) = [line for line in lines if line.startswith("get(timeout=3) raised TimeoutError")]
    assert seconds(timed_out) >= 3.0
    assert lines[-1] == "result ready: False"


@methods
def test_process_pool_executor_raises_broken_process_pool(method: str) -> None:
    code, lines = run("lifecycle_broken_process_pool.py", method)
    assert code == 0
    assert re.fullmatch(r"map raised after \d+\.\d s:", lines[0])
    assert lines[1:] == [
        "concurrent.futures.process.BrokenProcessPool: A process in the process pool was "
        "terminated abruptly while the future was running or pending.",
        "submit() afterwards: BrokenProcessPool: A child process terminated abruptly, "
        "the process pool is not usable anymore",
    ]


@versions
def test_resource_warning_is_emitted_by_every_version_from_3_8(version: str) -> None:
    code, lines = run("lifecycle_resource_warning.py", python=needs(version))
    assert code == 0
    assert lines[0].startswith(f"Python {version}.")
    assert any(RESOURCE_WARNING.search(line) for line in lines)


# -- workers.md --------------------------------------------------------------


def check_default_processes(lines: list[str], version: tuple[int, int]) -> None:
    cpu_count = value_after(lines, "os.cpu_count():")
    workers = value_after(lines, "len(pool._pool):")
    if version >= (3, 13):
        assert workers == value_after(lines, "os.process_cpu_count():")
    else:
        assert lines[2] == "os.process_cpu_count(): not in this Python"
        assert workers == cpu_count


@methods
def test_default_processes_is_the_cpu_count_this_python_uses(method: str) -> None:
    code, lines = run("workers_default_processes.py", method)
    assert code == 0
    check_default_processes(lines, sys.version_info[:2])


@pytest.mark.skipif(not hasattr(os, "sched_setaffinity"), reason="needs CPU affinity (Linux)")
@versions
def test_default_processes_under_a_one_cpu_limit(version: str) -> None:
    """3.8 to 3.12 start one worker per CPU of the machine; 3.13 one per CPU it may use."""
    if (os.cpu_count() or 1) < 2:
        pytest.skip("needs a machine with two CPUs or more")
    code, lines = run("workers_default_processes.py", None, "1", python=needs(version))
    assert code == 0
    assert value_after(lines, "CPUs this process may run on:") == 1
    check_default_processes(lines, tuple(map(int, version.split("."))))
    expected = 1 if version == "3.13" else value_after(lines, "os.cpu_count():")
    assert value_after(lines, "len(pool._pool):") == expected


@methods
def test_initializer_runs_once_per_worker_and_sets_its_globals(method: str) -> None:
    code, lines = run("workers_initializer.py", method)
    assert code == 0
    init_line = re.compile(r"init_worker\('hello'\) runs in process (\d+)$")
    init = [int(m[1]) for m in map(init_line.match, lines) if m]
    assert len(init) == len(set(init)) == 2
    task_line = re.compile(r"task (\d) ran in process (\d+), whose greeting is 'hello from (\d+)'$")
    tasks = [task_line.match(line) for line in lines if line.startswith("task ")]
    assert [int(m[1]) for m in tasks] == list(range(6))  # map keeps input order
    for m in tasks:
        assert m[2] == m[3] and int(m[2]) in init
    assert lines[-1] == "in the parent, greeting is still None"


@methods
def test_maxtasksperchild_counts_chunks_not_items(method: str) -> None:
    code, lines = run("workers_maxtasksperchild.py", method)
    assert code == 0
    assert lines[0] == "chunksize=5: 2 distinct worker PIDs for 10 items"
    pids = ast.literal_eval(lines[1].strip())
    assert len(set(pids[:5])) == len(set(pids[5:])) == 1 and pids[0] != pids[5]
    assert lines[2] == "chunksize=1: 10 distinct worker PIDs for 10 items"
    assert len(set(ast.literal_eval(lines[3].strip()))) == 10


REINIT = """
import os
from multiprocessing import Pool

def init():
    print("init", os.getpid(), flush=True)

def pid(x):
    return os.getpid()

if __name__ == "__main__":
    with Pool(1, initializer=init, maxtasksperchild=1) as pool:
        print("pids", pool.map(pid, range(3), chunksize=1))
"""


@methods
def test_a_replacement_worker_runs_the_initializer_again(method: str, tmp_path: Path) -> None:
    script = tmp_path / "reinit.py"
    script.write_text(REINIT)
    result = run_script(RunSpec(script, start_method=method, timeout=60))
    assert result.returncode == 0, result.output
    lines = result.output.splitlines()
    inits = [int(line.split()[1]) for line in lines if line.startswith("init ")]
    pids = value_after(lines, "pids")
    # Each task ran in a fresh worker, and each worker ran the initializer once. After the
    # last task the pool may already have started one more worker before `with` ends.
    assert len(set(pids)) == 3 and len(inits) == len(set(inits))
    assert set(pids) <= set(inits) and len(inits) in (3, 4)


def fork_warnings(version: str, method: str, warnings_on: bool) -> int:
    """How many fork DeprecationWarnings workers_maxtasksperchild.py prints."""
    spec = RunSpec(EXAMPLES / "workers_maxtasksperchild.py", start_method=method)
    env = runner.build_env(spec)
    if warnings_on:
        env["PYTHONWARNINGS"] = "default"  # the same as python -W default
    out = subprocess.run(
        [needs(version), spec.script.name],
        cwd=EXAMPLES,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return (out.stdout + out.stderr).count("DeprecationWarning: This process (pid=")


@versions
def test_fork_replacements_warn_only_on_3_12_and_later_with_warnings_on(version: str) -> None:
    expected = 1 if version in ("3.12", "3.13") else 0  # the default filter shows it once
    assert fork_warnings(version, "fork", warnings_on=True) == expected
    assert fork_warnings(version, "fork", warnings_on=False) == 0
    assert fork_warnings(version, "spawn", warnings_on=True) == 0
