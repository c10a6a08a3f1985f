"""The start-method, Jupyter and ThreadPool/futures examples, under every start method.

Invariants only: what the workers inherit under each method, that a script
without the main guard fails under spawn and forkserver by itself (never by the
runner's timeout), and what each concurrent.futures counterpart returns or raises.
"""

from __future__ import annotations

import ast
import multiprocessing
import pickle
import re
import subprocess
import sys
from collections import Counter

import pytest

from conftest import EXAMPLES, VERSIONS, needs, run_example
from pool_guide import runner

methods = pytest.mark.parametrize("method", runner.START_METHODS)
versions = pytest.mark.parametrize("version", VERSIONS)


def version_of(python: str) -> tuple[int, int, int]:
    out = subprocess.run(
        [python, "-c", "import sys; print(*sys.version_info[:3])"],
        capture_output=True,
        text=True,
        check=True,
    )
    major, minor, micro = map(int, out.stdout.split())
    return major, minor, micro


def run(name: str, method: str) -> tuple[int | None, list[str]]:
    return run_example(name, method)


# -- start methods --------------------------------------------------------------


@methods
def test_compare_shows_what_each_method_inherits(method: str) -> None:
    code, lines = run("startmethod_compare.py", method)
    assert code == 0
    assert lines[0] == f"start method: {method}"
    inherited = method == "fork"
    main_name = "__main__" if inherited else "__mp_main__"
    setting = (
        "changed under the main guard, before the pool started"
        if inherited
        else "set when the module was imported"
    )
    assert lines[1:4] == [
        f"in the worker, the main module is named {main_name!r}",
        f"in the worker, SETTING is {setting!r}",
        # The forkserver, not the script, is the parent of forkserver workers.
        f"in the worker, its parent process is the script: {method != 'forkserver'}",
    ]
    assert re.fullmatch(r"from Pool\(\) to the first result: \d+\.\d{3} s", lines[4])
    assert len(lines) == 5


@methods
def test_no_worker_sees_a_global_changed_after_the_pool_started(method: str) -> None:
    code, lines = run("startmethod_globals_after_start.py", method)
    assert code == 0
    seen = (
        "changed before the pool started"
        if method == "fork"
        else "set when the module was imported"
    )
    assert lines == [
        f"start method: {method}",
        "the script's SETTING: 'changed after the pool started'",
        f"what the workers saw: [{seen!r}]",
    ]


@methods
def test_a_worker_forked_later_copies_the_script_as_it_is_then(method: str) -> None:
    code, lines = run("startmethod_late_worker.py", method)
    assert code == 0
    if method == "fork":
        first, second = "changed before the pool started", "changed after the pool started"
    else:
        first = second = "set when the module was imported"
    assert lines == [
        f"start method: {method}",
        f"first worker saw:  {first!r}",
        f"second worker saw: {second!r}",
        "two different processes: True",
    ]


BOOTSTRAP_ERROR = "An attempt has been made to start a new process before the"


@methods
def test_no_guard_works_under_fork_and_fails_by_itself_otherwise(method: str) -> None:
    code, lines = run("startmethod_no_guard.py", method)
    text = "\n".join(lines)
    assert lines[0] == "MainProcess: loading the data (1 s)"
    if method == "fork":
        assert code == 0
        assert lines[1:] == ["[0, 1, 4, 9]"]
        return
    # The script gives up by itself (its own timeout), and says so.
    assert code == 1
    assert lines[-1] == "no result after 2.5 s: the pool's workers never ran square()"
    worker = {"spawn": "SpawnPoolWorker", "forkserver": "ForkServerPoolWorker"}[method]
    # The first worker re-ran the top-level code, then failed to start a pool of its own.
    assert f"{worker}-1: loading the data (1 s)" in lines
    assert "RuntimeError: " in lines
    assert BOOTSTRAP_ERROR in text
    assert text.count(BOOTSTRAP_ERROR) == text.count("Traceback (most recent call last):")
    assert "[0, 1, 4, 9]" not in lines


@versions
def test_each_forkserver_worker_imports_the_script_up_to_3_13_0(version: str) -> None:
    """start-methods.md: checked on 3.8.18 to 3.13.0; 3.13.8 and 3.14.1 preload it (gh-126631)."""
    python = needs(version)
    if version_of(python) >= (3, 13, 8):
        pytest.skip("from 3.13.8 the fork server preloads __main__: not checked on this site")
    code, lines = run_example("startmethod_no_guard.py", "forkserver", python=python)
    assert code == 1
    assert lines[0] == "MainProcess: loading the data (1 s)"
    # The worker ran the script's top-level code itself.
    assert "ForkServerPoolWorker-1: loading the data (1 s)" in lines


# -- Jupyter ---------------------------------------------------------------------


@methods
def test_jupyter_work_runs_as_a_script(method: str) -> None:
    code, lines = run("jupyter_work.py", method)
    assert code == 0
    calls = Counter(re.sub(r" in process \d+$", "", line) for line in lines[:-1])
    assert calls == Counter(f"square({x}) runs" for x in range(5))
    assert lines[-1] == "[0, 1, 4, 9, 16]"


@pytest.fixture
def jupyter_work(monkeypatch: pytest.MonkeyPatch):
    # As the notebook does: put examples/ on sys.path, then import the module.
    monkeypatch.syspath_prepend(str(EXAMPLES))
    import jupyter_work

    yield jupyter_work
    sys.modules.pop("jupyter_work", None)


def test_jupyter_work_functions_are_pickled_by_module_name(jupyter_work) -> None:
    # A worker finds the function by importing "jupyter_work", not from __main__.
    assert b"jupyter_work" in pickle.dumps(jupyter_work.square)
    assert b"__main__" not in pickle.dumps(jupyter_work.square)


@methods
def test_jupyter_work_runs_in_a_pool_of_every_start_method(method: str, jupyter_work) -> None:
    with multiprocessing.get_context(method).Pool(2) as pool:
        assert pool.map(jupyter_work.square, range(5)) == [0, 1, 4, 9, 16]
        stream, fd1 = pool.apply(jupyter_work.where_output_goes, (0,))
    parent = f"{type(sys.stdout).__module__}.{type(sys.stdout).__qualname__}"
    # A forked worker keeps its parent's sys.stdout object (in Jupyter, ipykernel's
    # OutStream); a spawned one makes a plain text stream on file descriptor 1.
    assert stream == (parent if method == "fork" else "_io.TextIOWrapper")
    # Every worker inherits the parent's file descriptor 1: the same pipe, file or terminal.
    assert fd1 == jupyter_work.describe_fd(1)


# -- ThreadPool and concurrent.futures ---------------------------------------------


@methods
def test_threadpool_runs_in_threads_and_takes_a_lambda(method: str) -> None:
    code, lines = run("futures_threadpool.py", method)
    assert code == 0
    pid = re.fullmatch(r"the script is process (\d+)", lines[0])[1]
    calls = [
        re.fullmatch(r"square\((\d)\) runs in (.+), process (\d+)", line) for line in lines[1:5]
    ]
    assert sorted(int(c[1]) for c in calls) == [0, 1, 2, 3]
    assert {c[3] for c in calls} == {pid}  # threads of the script's own process
    assert all(re.fullmatch(r"Thread-\d+( \(worker\))?", c[2]) for c in calls)
    assert lines[5:7] == ["[0, 1, 4, 9]", "[1, 2, 3, 4]"]
    assert lines[7] == "Pool.map with a lambda: PicklingError:"
    assert lines[8].startswith("  Can't pickle <function <lambda>")
    assert len(lines) == 9


IGNORED_DEL = [
    "Exception ignored in: <function Pool.__del__ at 0x",
    "AttributeError: 'ThreadPool' object has no attribute '_state'",
]


def check_threadpool_differences(lines: list[str]) -> None:
    text = "\n".join(lines)
    refused = [line for line in lines if line.startswith("ThreadPool(2, ")]
    assert [re.sub(r"(ThreadPool\.)?__init__", "INIT", line) for line in refused] == [
        f"ThreadPool(2, {k}=...) raised TypeError: INIT() got an unexpected keyword argument '{k}'"
        for k in ("maxtasksperchild", "context")
    ]
    # The half-built object is freed at once, and Pool.__del__ complains about it: twice.
    assert all(text.count(fragment) == 2 for fragment in IGNORED_DEL)
    assert lines[-4:] == [
        "ThreadPool.apply raised ValueError('bad item 1')",
        "  its __cause__: <class 'NoneType'>",
        "Pool.apply raised ValueError('bad item 1')",
        "  its __cause__: <class 'multiprocessing.pool.RemoteTraceback'>",
    ]


@methods
def test_threadpool_takes_neither_keyword_and_attaches_no_remote_traceback(method: str) -> None:
    code, lines = run("threadpool_differences.py", method)
    assert code == 0
    check_threadpool_differences(lines)
    # On a terminal, each refusal is printed after the __del__ report it caused.
    assert lines[0].startswith(IGNORED_DEL[0])


@versions
def test_threadpool_differences_on_every_version(version: str) -> None:
    code, lines = run_example("threadpool_differences.py", python=needs(version))
    assert code == 0
    check_threadpool_differences(lines)


@methods
def test_submit_returns_a_future_like_apply_async_returns_a_result(method: str) -> None:
    code, lines = run("futures_submit.py", method)
    assert code == 0
    assert lines == [
        "apply_async gave ApplyResult, get() gives 27",
        "submit gave Future, result() gives 27",
    ]


@methods
def test_executor_map_raises_when_iteration_reaches_the_failed_chunk(method: str) -> None:
    code, lines = run("futures_map.py", method)
    assert code == 0
    assert lines == [
        "Pool.map raised at the call, no results: ValueError: item 3 is bad",
        "executor.map returned a generator",
        "got 0",
        "got 1",
        # Item 2 shares a chunk (chunksize=2) with item 3, so its result is lost too.
        "after 2 results, iterating raised ValueError: item 3 is bad",
    ]


@methods
def test_as_completed_and_imap_unordered_give_every_result(method: str) -> None:
    code, lines = run("futures_as_completed.py", method)
    assert code == 0
    durations = [0.6, 0.2, 0.4]
    for prefix in ("imap_unordered gave ", "as_completed gave "):
        values = [
            ast.literal_eval(line[len(prefix) :]) for line in lines if line.startswith(prefix)
        ]
        assert sorted(values) == sorted(durations)  # completion order: not asserted
    assert len(lines) == 6
    assert all(line.startswith("imap_unordered") for line in lines[:3])


SHUTDOWN = re.compile(r"shutdown\(cancel_futures=True\): (\d+) finished, (\d+) cancelled")


@methods
def test_terminate_kills_running_tasks_and_cancel_futures_lets_them_finish(method: str) -> None:
    code, lines = run("futures_shutdown.py", method)
    assert code == 0
    assert lines[0] == "Pool.terminate: 0 of 6 results ready"
    finished, cancelled = map(int, SHUTDOWN.fullmatch(lines[1]).groups())
    assert finished + cancelled == 6
    assert finished >= 2  # the two running calls, at least, completed
    assert cancelled >= 1  # and the ones still waiting were cancelled
    assert len(lines) == 2


@methods
def test_a_dead_worker_hangs_a_pool_result_and_breaks_the_executor(method: str) -> None:
    code, lines = run("futures_broken_pool.py", method)
    assert code == 0
    assert lines == [
        "Pool: no result after 2 s; with no timeout, get() waits forever",
        "Pool: it still takes new work: abs(-5) = 5",
        "executor: BrokenProcessPool: A process in the process pool was terminated abruptly"
        " while the future was running or pending.",
        "executor: it refuses new work, with BrokenProcessPool again",
    ]
