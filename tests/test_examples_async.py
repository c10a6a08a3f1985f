"""Invariants of the imap, map_async, AsyncResult and callback examples, under every start method.

Like tests/test_examples.py, these assert what holds on every run (values, the order the API
guarantees, which thread ran a callback, that a hang was cut short by the script's own timeout),
never a transcript of one run.
"""

from __future__ import annotations

import ast
import re
from collections import Counter

import pytest

from conftest import run_example
from pool_guide import runner

methods = pytest.mark.parametrize("method", runner.START_METHODS)


def run(name: str, method: str) -> list[str]:
    """Run an example; it must also exit 0."""
    code, lines = run_example(name, method)
    assert code == 0, "\n".join(lines)
    return lines


def seconds(line: str) -> float:
    """The number of seconds at the end of a line such as 'got 4 after 1.0 s'."""
    match = re.search(r"([\d.]+) s$", line)
    assert match, line
    return float(match[1])


# -- imap ---------------------------------------------------------------------


@methods
def test_imap_hands_out_results_while_later_ones_still_run(method: str) -> None:
    lines = run("imap_results_as_they_come.py", method)
    assert lines[0].startswith("imap returned IMapIterator after ")
    got = [line for line in lines if line.startswith("got ")]
    assert [int(line.split()[1]) for line in got] == [x * x for x in range(6)]
    # 6 items of 0.5 s on 2 workers take 1.5 s; the first result comes about 1 s earlier,
    # and at least one more half-second call always lies between them. All at the end: 0.0.
    assert seconds(got[-1]) - seconds(got[0]) >= 0.5


@methods
def test_imap_keeps_input_order_and_imap_unordered_completion_order(method: str) -> None:
    lines = run("imap_order.py", method)
    assert lines[0] == "imap:           [0, 1, 2, 3]"
    label, _, value = lines[1].partition(":")
    assert label == "imap_unordered"
    unordered = ast.literal_eval(value.strip())
    assert sorted(unordered) == [0, 1, 2, 3]
    # Item 0 sleeps 1.0 s; the other worker finishes items 1 to 3 long before it.
    assert unordered[-1] == 0


EAGER = re.compile(r"^(Pool|ThreadPool): items pulled from the generator: (\d+) of (\d+)$")


@methods
def test_imap_pulls_input_ahead_of_the_results(method: str) -> None:
    lines = run("imap_eager_input.py", method)
    assert lines[0] == "main thread: MainThread"
    counts = {m[1]: (int(m[2]), int(m[3])) for m in map(EAGER.match, lines) if m}
    assert set(counts) == {"Pool", "ThreadPool"}
    pulled, total = counts["Pool"]
    # Far more than the two items the workers are busy with, but a full pipe stops the rest.
    assert 10 < pulled < total
    pulled, total = counts["ThreadPool"]
    assert pulled == total  # a ThreadPool's task queue has no limit
    generator_threads = [line for line in lines if "the generator ran in" in line]
    assert len(generator_threads) == 2
    assert all("MainThread" not in line for line in generator_threads)


@methods
def test_imap_chunksize_default_and_returned_types(method: str) -> None:
    lines = run("imap_chunksize.py", method)
    assert lines[0] == "Pool.imap(self, func, iterable, chunksize=1)"
    assert lines[1] == "Pool.imap_unordered(self, func, iterable, chunksize=1)"
    assert lines[2] == (
        "chunksize=1: imap returns IMapIterator, imap_unordered returns IMapUnorderedIterator"
    )
    assert lines[3] == "    has .next(timeout)? True; results [0, 1, 4, 9, 16, 25]"
    assert lines[4] == "chunksize=2: imap returns generator, imap_unordered returns generator"
    assert lines[5] == "    has .next(timeout)? False; results [0, 1, 4, 9, 16, 25]"


@methods
def test_imap_next_timeout_raises_multiprocessing_timeout_error(method: str) -> None:
    lines = run("imap_next_timeout.py", method)
    timeouts = [line for line in lines if line.startswith("no result within")]
    assert timeouts and set(timeouts) == {
        "no result within 0.4 s: multiprocessing.context.TimeoutError"
    }
    assert lines[0] in timeouts  # nothing is ready 0.4 s after the start
    assert [line for line in lines if line.startswith("got")] == ["got 0", "got 1", "got 4"]
    assert lines[-1] == "no more results"


@methods
def test_imap_error_stops_a_for_loop_but_not_next(method: str) -> None:
    lines = run("imap_errors.py", method)
    assert lines == [
        "for loop got 0",
        "for loop got 10",
        "for loop stopped by ValueError('bad item 2')",
        "next() returned 0",
        "next() returned 10",
        "next() raised ValueError('bad item 2')",
        "next() returned 30",
        "next() returned 40",
    ]


@methods
def test_imap_progress_bar_ends_full(method: str) -> None:
    lines = run("imap_progress_bar.py", method)
    bars = [line for line in lines if "|" in line]
    assert len(bars) == 1  # the runner keeps the last state of the redrawn line
    assert bars[0].startswith("100%|") and "| 40/40 [" in bars[0]
    assert lines[-1] == f"sum of squares: {sum(x * x for x in range(40))}"


# -- map_async and starmap_async ----------------------------------------------


@methods
def test_map_async_returns_at_once_and_calls_back_once_with_the_list(method: str) -> None:
    lines = run("map_async_callback.py", method)
    assert lines[0] == "map_async returned MapResult; ready: False"
    workers = [re.sub(r" runs in process \d+$", "", line) for line in lines[1:7]]
    assert Counter(workers) == Counter(f"square({x})" for x in range(6))
    assert lines[7:] == [
        "callback got [0, 1, 4, 9, 16, 25]",
        "get() returned [0, 1, 4, 9, 16, 25]",
    ]


@methods
def test_starmap_async_unpacks_and_calls_back_once(method: str) -> None:
    lines = run("map_async_starmap.py", method)
    assert lines == [
        "starmap_async returned MapResult",
        "callback got [2, 4, 8, 9]",
        "get() returned [2, 4, 8, 9]",
    ]


@methods
def test_map_async_error_callback_gets_one_error_after_all_items(method: str) -> None:
    lines = run("map_async_error_callback.py", method)
    succeeded = lines[:8]
    assert Counter(succeeded) == Counter(
        f"check({x}) succeeded" for x in range(10) if x not in (3, 7)
    )
    # Called once, only when every task has reported, with one of the two errors.
    assert len(lines) == 10
    callback, raised = lines[8:]
    error = callback.removeprefix("error_callback got ")
    assert error in ("ValueError('bad item 3')", "ValueError('bad item 7')")
    assert raised == f"get() raised {error}"  # the same error get() raises
    assert not any(line.startswith("callback got") for line in lines)


# -- AsyncResult ----------------------------------------------------------------


@methods
def test_get_timeout_leaves_the_task_running(method: str) -> None:
    lines = run("async_result_get_timeout.py", method)
    assert lines == [
        "get(timeout=0.5) raised multiprocessing.context.TimeoutError",
        "ready() after the timeout: False",
        "is it the built-in TimeoutError? False",
        "worker: slow_square(7) is done",  # after the timeout: the task was not stopped
        "a later get() returned 49",
    ]


@methods
def test_get_timeout_through_a_pipe_gives_the_worker_line_first_or_not_at_all(method: str) -> None:
    code, lines = run_example("async_result_get_timeout.py", method, capture="pipe")
    assert code == 0, "\n".join(lines)
    # The script's lines wait in its buffer until it exits; the worker's comes out when the
    # worker exits, before that, or is lost if `with` terminates the worker first.
    script = [
        "get(timeout=0.5) raised multiprocessing.context.TimeoutError",
        "ready() after the timeout: False",
        "is it the built-in TimeoutError? False",
        "a later get() returned 49",
    ]
    assert lines in (script, ["worker: slow_square(7) is done", *script])


def test_async_result_is_another_name_for_apply_result() -> None:
    import multiprocessing.pool

    assert multiprocessing.pool.AsyncResult is multiprocessing.pool.ApplyResult


@methods
def test_wait_returns_none_and_ready_tells(method: str) -> None:
    lines = run("async_result_wait_ready.py", method)
    assert lines == [
        "ready() at once: False",
        "wait(timeout=0.3) returned None",
        "ready() after that wait: False",
        "ready() after wait(): True",
        "get() now returns at once: 16",
    ]


@methods
def test_successful_raises_value_error_until_ready(method: str) -> None:
    lines = run("async_result_successful.py", method)
    assert lines[0] == "successful() before the task is done raised ValueError:"
    assert re.fullmatch(
        r"    <multiprocessing\.pool\.ApplyResult object at 0x[0-9a-f]+> not ready", lines[1]
    )
    assert lines[2:] == [
        "good: ready True successful True value 0.25",
        "bad:  ready True successful False",
        "bad.get() raised ZeroDivisionError('division by zero')",
    ]


# -- callbacks -------------------------------------------------------------------

PROCESS_THREAD = re.compile(r"process (\d+), thread '([^']+)'$")


@methods
def test_callback_runs_in_the_parent_in_the_result_handler_thread(method: str) -> None:
    lines = run("callback_thread.py", method)
    main_pid, main_thread = PROCESS_THREAD.search(lines[0]).groups()
    assert main_thread == "MainThread"
    worker_pid = re.fullmatch(r"square\(3\) runs in process (\d+)", lines[1])[1]
    assert lines[2].startswith("callback got 9 in ")
    callback_pid, callback_thread = PROCESS_THREAD.search(lines[2]).groups()
    assert callback_pid == main_pid != worker_pid
    assert callback_thread.startswith("Thread-") and callback_thread != main_thread
    assert lines[3] == "    is it the pool's result handler? True"


CALLBACK_LINE = re.compile(r"^callback for (\w+) \(done at ([\d.]+) s\) finished at ([\d.]+) s$")


@methods
def test_slow_callbacks_delay_later_results(method: str) -> None:
    lines = run("callback_keep_short.py", method)
    callbacks = [CALLBACK_LINE.match(line) for line in lines[:3]]
    assert [m[1] for m in callbacks] == ["a", "b", "c"]  # one worker: results in order
    plain = re.fullmatch(r"plain \(done at ([\d.]+) s\): get\(\) returned at ([\d.]+) s", lines[3])
    assert plain and len(lines) == 4
    # The plain result was done before the first callback ended, but get() returned only
    # after the third one: the result handler ran the three callbacks first.
    assert float(plain[1]) <= float(callbacks[0][3])
    assert float(plain[2]) >= float(callbacks[2][3])
    assert float(callbacks[2][3]) - float(callbacks[0][3]) >= 0.9  # one after another


@methods
def test_callback_append_collects_every_result_in_one_thread(method: str) -> None:
    lines = run("callback_collect_results.py", method)
    assert lines[:2] == ["100 results collected", "all there: True"]
    threads = ast.literal_eval(lines[2].removeprefix("threads that ran the callbacks: "))
    assert len(threads) == 1


@methods
def test_raising_callback_kills_the_result_handler_and_the_script_still_ends(method: str) -> None:
    lines = run("callback_raises.py", method)
    text = "\n".join(lines)
    # The thread's own traceback, printed by threading's excepthook.
    assert re.search(r"^Exception in thread Thread-\d+( \(_handle_results\))?:$", text, re.M)
    assert "RuntimeError: callback failed on 9" in lines
    assert lines[-5:] == [
        "get(timeout=2) timed out, although square(3) finished long ago",
        "result handler thread alive: False",
        "a task submitted now, 1 s later: ready() is False",
        lines[-2],
        "workers left: 0",
    ]
    assert re.fullmatch(
        r"terminate\(\) raised AssertionError: "
        r"Cannot have cache with result_hand(l)?er not alive",
        lines[-2],
    )
