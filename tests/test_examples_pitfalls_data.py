"""The pitfalls pages on big read-only data and shared state: their examples' invariants.

Each example runs under every start method; the tests assert what holds on every run
(counts, values, which process saw what), never a transcript. The pages' claims about
CPython 3.8 to 3.13 are checked on each of those interpreters found on this machine, for the
scripts that need only the standard library; a missing one is skipped.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from conftest import VERSIONS, needs, run_example
from pool_guide import runner

methods = pytest.mark.parametrize("method", runner.START_METHODS)
versions = pytest.mark.parametrize("version", VERSIONS)


def run(name: str, method: str | None = None, python: str = sys.executable):
    """Run an example of examples/pitfalls as the build does; its exit status and lines."""
    return run_example(f"pitfalls/{name}", method, python=python)


# "process PID ran items [..]; Tables it unpickled: N"
PROCESS_LINE = re.compile(r"^ *process (\d+) ran items \[([\d, ]*)\]; Tables it unpickled: (\d+)$")


def processes(lines: list[str]) -> list[tuple[int, list[int], int]]:
    """(pid, items, count) for each 'process ... ran items' line, in order."""
    found = []
    for line in lines:
        match = PROCESS_LINE.match(line)
        if match:
            items = [int(i) for i in match[2].split(", ")]
            found.append((int(match[1]), items, int(match[3])))
    return found


# -- big-data.md -------------------------------------------------------------


@methods
def test_an_argument_is_unpickled_once_per_task_and_a_chunk_is_one_task(method: str) -> None:
    code, lines = run("big_data_per_task.py", method)
    assert code == 0, lines
    size = int(re.fullmatch(r"one pickled Table: ([\d,]+) bytes", lines[0])[1].replace(",", ""))
    assert size >= 10_000_000
    split = lines.index("starmap over 8 items (table, i), chunksize=4:")
    assert lines[1] == "starmap over 8 items (table, i), chunksize=1:"
    for block, chunksize in ((lines[2:split], 1), (lines[split + 1 :], 4)):
        found = processes(block)
        assert len(found) == len(block)  # every line of the block is a process line
        assert sorted(i for _, items, _ in found for i in items) == list(range(8))
        for _, items, count in found:
            assert count == len(items) // chunksize  # one unpickled copy per task
        assert len({pid for pid, _, _ in found}) == len(found)


def check_initializer(lines: list[str], method: str) -> None:
    expected = 0 if method == "fork" else 1  # fork inherits initargs; the others unpickle once
    keeps = [line for line in lines if line.startswith("keep() in process")]
    assert len(keeps) == 2, lines  # close() and join(): both workers started
    assert {line.rsplit(": ", 1)[1] for line in keeps} == {str(expected)}
    found = processes(lines)
    assert found and all(count == expected for _, _, count in found)
    assert sorted(i for _, items, _ in found for i in items) == list(range(8))
    keep_pids = {int(line.split()[3].rstrip(":")) for line in keeps}
    assert {pid for pid, _, _ in found} <= keep_pids
    assert lines[-1] == "every task saw {10000000} bytes of data"


@methods
def test_an_initializer_unpickles_once_per_worker_and_never_under_fork(method: str) -> None:
    code, lines = run("big_data_initializer.py", method)
    assert code == 0, lines
    check_initializer(lines, method)


@versions
@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_initializer_copies_on_each_version(version: str, method: str) -> None:
    code, lines = run("big_data_initializer.py", method, python=needs(version))
    assert code == 0, lines
    check_initializer(lines, method)


@methods
def test_fork_workers_inherit_the_global_and_the_others_see_none(method: str) -> None:
    code, lines = run("big_data_fork_inherit.py", method)
    assert code == 0, lines
    address = re.fullmatch(r"the script: a Table at (0x[0-9a-f]+), 10,000,000 bytes", lines[0])[1]
    workers = lines[1:]
    assert 1 <= len(workers) <= 2
    for line in workers:
        if method == "fork":
            expected = f"a Table at {address}, 10,000,000 bytes; unpickled: 0"
        else:
            expected = "table is None; unpickled: 0"
        assert re.fullmatch(rf"process \d+: {re.escape(expected)}", line), line


def growths(lines: list[str]) -> dict[tuple[bool, str], float]:
    """{(frozen, action): MB} from the refcount script's output."""
    found, frozen = {}, None
    for line in lines:
        if line.startswith("gc.freeze() called: "):
            frozen = line.endswith("True")
        match = re.fullmatch(r"  (\w+) +private memory ([+-][\d.]+) MB", line)
        if match:
            found[(frozen, match[1])] = float(match[2])
    return found


@methods  # the script asks for fork itself: the method the build sets must not matter
def test_reading_objects_copies_pages_and_freeze_spares_only_the_collector(method: str) -> None:
    code, lines = run("big_data_refcount_cow.py", method)
    assert code == 0, lines
    mb = growths(lines)
    assert len(mb) == 6, lines
    assert mb[(False, "collect")] > 5  # the collector wrote to every list's header
    assert mb[(True, "collect")] < 1  # frozen: the collector left them alone
    for frozen in (False, True):
        assert mb[(frozen, "read_rows")] > 5  # reference counts: pages copied anyway
        assert mb[(frozen, "read_array")] < 1  # numpy's buffer stays shared
    assert abs(mb[(True, "read_rows")] - mb[(False, "read_rows")]) < 5


@methods
def test_shared_memory_is_seen_by_workers_and_freed(method: str) -> None:
    code, lines = run("big_data_shared_memory.py", method)
    text = "\n".join(lines)
    assert code == 0, lines
    name = re.fullmatch(r"block (\S+): 8,000,000 bytes", lines[0])[1]
    pickled = re.fullmatch(
        r"initargs \('(\S+)', \(1000000,\), '<f8'\): (\d+) bytes pickled", lines[1]
    )
    assert pickled[1] == name and int(pickled[2]) < 100
    attached = [line for line in lines if line.startswith("process ")]
    assert len(attached) == 2 and all(line.endswith(f"attached to {name}") for line in attached)
    assert "sums of 4 slices of 250,000 ones: [250000.0, 250000.0, 250000.0, 250000.0]" in lines
    assert "after the parent wrote twos: [500000.0, 500000.0, 500000.0, 500000.0]" in lines
    assert lines[-1] == "after unlink(): FileNotFoundError(2, 'No such file or directory')"
    assert "resource_tracker" not in text and "Warning" not in text and "Error:" not in text
    if Path("/dev/shm").is_dir():
        assert not (Path("/dev/shm") / name).exists()


# -- shared-state.md ---------------------------------------------------------


@methods
def test_a_global_counter_counts_per_worker_and_not_in_the_parent(method: str) -> None:
    code, lines = run("shared_global_counter.py", method)
    assert code == 0, lines
    assert lines[-1] == "8 tasks ran; in the script, counter is 0"
    seen: dict[int, list[int]] = {}
    for i, line in enumerate(lines[:-1]):
        match = re.fullmatch(rf"task {i} ran in process (\d+), where counter became (\d+)", line)
        assert match, line
        seen.setdefault(int(match[1]), []).append(int(match[2]))
    assert len(lines) == 9
    for values in seen.values():  # each worker counts 1, 2, 3 ... in its own copy
        assert values == list(range(1, len(values) + 1))


@methods
def test_manager_proxies_work_as_task_arguments(method: str) -> None:
    code, lines = run("shared_manager.py", method)
    assert code == 0, lines
    assert "name='SyncManager-1'" in lines[0] and lines[0].startswith("the manager runs in: [<")
    assert lines[1:4] == [
        "proxies: ValueProxy AcquirerProxy DictProxy AutoProxy[Queue]",
        "total.value: 45 (expected 45)",
        "squares: {0: 0, 1: 1, 2: 4, 3: 9, 4: 16, 5: 25, 6: 36, 7: 49, 8: 64, 9: 81}",
    ]
    assert re.fullmatch(r"the queue: 10 messages, from processes \[\d+(, \d+)?\]", lines[4])
    assert len(lines) == 5


@methods
def test_manager_value_loses_updates_without_a_lock_and_none_with_it(method: str) -> None:
    code, lines = run("shared_manager_race.py", method)
    assert code == 0, lines
    unlocked = []
    for n, line in enumerate(lines[:3], start=1):
        match = re.fullmatch(rf"round {n}, no lock: total.value = (\d+) \(expected 800\)", line)
        assert match, line
        unlocked.append(int(match[1]))
    assert all(0 < total < 800 for total in unlocked)  # racing increments: updates lost
    assert lines[3:] == ["with manager.Lock():  total.value = 800 (expected 800)"]


def check_lock_argument(lines: list[str]) -> None:
    text = "\n".join(lines)
    assert lines[0] == "apply_async returned; nothing has been raised yet"
    assert lines[1] == "Traceback (most recent call last):"
    message = "objects should only be shared between processes through inheritance"
    assert f"RuntimeError: Lock {message}" in lines
    # raised in the parent's task handler while it pickled the task, re-raised by get()
    order = [
        "result.get(timeout=5)",
        "raise self._value",
        "in _handle_tasks\n    put(task)",
        "in __getstate__\n    context.assert_spawning(self)",
        "in assert_spawning",
    ]
    positions = [text.index(fragment) for fragment in order]
    assert positions == sorted(positions)
    assert "RemoteTraceback" not in text
    assert lines[-3:] == [
        f"starmap with a Lock: RuntimeError: Lock {message}",
        f"starmap with a Queue: RuntimeError: Queue {message}",
        f"starmap with a Synchronized: RuntimeError: Synchronized {message}",
    ]


@methods
def test_a_lock_as_a_task_argument_fails_in_the_task_handler(method: str) -> None:
    code, lines = run("shared_lock_argument.py", method)
    assert code == 0, lines
    check_lock_argument(lines)


@versions
@methods
def test_lock_argument_error_is_the_same_on_each_version(version: str, method: str) -> None:
    code, lines = run("shared_lock_argument.py", method, python=needs(version))
    assert code == 0, lines
    check_lock_argument(lines)


def check_lock_initializer(lines: list[str]) -> None:
    got = [line for line in lines if line.endswith(" got Lock and c_int")]
    assert len(got) == 2 and len(set(got)) == 2, lines
    assert lines[-1] == "total.value = 80000 (expected 80000)"
    assert len(lines) == 3


@methods
def test_a_lock_through_the_initializer_makes_the_total_exact(method: str) -> None:
    code, lines = run("shared_lock_initializer.py", method)
    assert code == 0, lines
    check_lock_initializer(lines)


@versions
@methods
def test_lock_initializer_fix_on_each_version(version: str, method: str) -> None:
    code, lines = run("shared_lock_initializer.py", method, python=needs(version))
    assert code == 0, lines
    check_lock_initializer(lines)
