"""Three pitfall pages: exceptions and initializers, random numbers, CPU counts.

The examples run under every start method; the tests assert what holds on every run (which
lines appear, in which order, which values are equal or distinct), never a transcript. The
pages' claims about CPython 3.8 to 3.13 are checked against each of those interpreters found
on this machine; a missing one is skipped.
"""

from __future__ import annotations

import ast
import importlib.util
import os
import random
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from conftest import EXAMPLES, VERSIONS, needs, run_example
from pool_guide import runner
from pool_guide.runner import RunSpec, run_script

PITFALLS = EXAMPLES / "pitfalls"

methods = pytest.mark.parametrize("method", runner.START_METHODS)
versions = pytest.mark.parametrize("version", VERSIONS)
linux_affinity = pytest.mark.skipif(
    not hasattr(os, "sched_setaffinity"), reason="needs CPU affinity (Linux)"
)


def run(name: str, method: str | None = None, *args: str, python: str = sys.executable):
    """Run an example as the build does; its exit status and output lines."""
    return run_example(f"pitfalls/{name}", method, args=args, python=python)


def value_after(lines: list[str], label: str):
    """The Python value printed after ``label`` on the one line that starts with it."""
    (line,) = [line for line in lines if line.startswith(label)]
    return ast.literal_eval(line[len(label) :].strip())


def as_version(version: str) -> tuple[int, int]:
    major, minor = version.split(".")
    return int(major), int(minor)


def run_inline(tmp_path: Path, code: str, method: str | None, python: str = sys.executable):
    """Run a test's own small script as the build runs an example."""
    script = tmp_path / "inline.py"
    script.write_text(code)
    result = run_script(RunSpec(script, start_method=method, timeout=60, python=python))
    assert not result.timed_out and not result.leftover_pids, result.output
    assert result.returncode == 0, result.output
    return result.output.splitlines()


# -- exceptions-and-initializers.md ------------------------------------------

THREAD_HEADER = re.compile(r"^Exception in thread Thread-\d+( \(_handle_results\))?:$")
MISSING_REASON = re.compile(
    r"^TypeError: (BadInput\.)?__init__\(\) missing 1 required positional argument: 'reason'$"
)


def check_unpicklable_exception_hangs(lines: list[str], version: tuple[int, int]) -> None:
    text = "\n".join(lines)
    assert lines[0] == "error.args: ('bad input -2: negative',)"
    assert MISSING_REASON.match(lines[1].removeprefix("pickle round trip: "))
    # The result handler, a thread of the parent, died unpickling the worker's answer ...
    (header,) = [i for i, line in enumerate(lines) if THREAD_HEADER.match(line)]
    (died,) = [i for i, line in enumerate(lines) if MISSING_REASON.match(line)]
    assert header < died
    assert "in _handle_results\n    task = get()" in text
    assert "_ForkingPickler.loads(buf.getbuffer())" in text
    # ... so map, and any later call, waited until the script's timeout.
    handler = "result_handler" if version >= (3, 12) else "result_hander"  # 3.12 fixed a typo
    assert lines[died + 1 :] == [
        "map: no result and no error after 2 s",
        "result-handler thread alive: False",
        "a later apply_async(abs, (-5,)): no result after 2 s either",
        f"leaving the with block: AssertionError: Cannot have cache with {handler} not alive",
    ]
    assert "RemoteTraceback" not in text


@methods
def test_unpicklable_exception_kills_the_result_handler_and_hangs_the_pool(method: str) -> None:
    code, lines = run("exception_cannot_unpickle.py", method)
    assert code == 0
    check_unpicklable_exception_hangs(lines, sys.version_info[:2])


@versions
def test_unpicklable_exception_hangs_every_version_from_3_8(version: str) -> None:
    code, lines = run("exception_cannot_unpickle.py", python=needs(version))
    assert code == 0
    check_unpicklable_exception_hangs(lines, as_version(version))


@methods
def test_exceptions_that_pickle_round_trip_reach_the_parent(method: str) -> None:
    code, lines = run("exception_cannot_unpickle_fix.py", method)
    assert code == 0
    assert lines == [
        "pickle round trip: BadInput(-1, 'negative'), value=-1",
        "pickle round trip: BadRecord('bad record -2: negative'), value=-2",
        "pickle round trip: BadField('?'), value=-3",
        "map raised BadInput: bad input -1: negative (value=-1, reason='negative')",
        "map raised BadRecord: bad record -2: negative (value=-2, reason='negative')",
        "map raised BadField: bad field -3: negative (value=-3, reason='negative')",
        "the pool still works: abs(-5) = 5",
    ]


WORKER_NAME = {
    "fork": "ForkPoolWorker",
    "spawn": "SpawnPoolWorker",
    "forkserver": "ForkServerPoolWorker",
}
MISSING_FILE = "FileNotFoundError: [Errno 2] No such file or directory: 'missing.toml'"


@methods
def test_raising_initializer_makes_the_pool_restart_workers_forever(method: str) -> None:
    code, lines = run("initializer_raises.py", method)
    text = "\n".join(lines)
    assert code == 0
    header = re.compile(rf"^Process {WORKER_NAME[method]}-(\d+):$")
    numbers = [int(m[1]) for m in map(header.match, lines) if m]
    assert len(numbers) >= 2  # the first worker died, and at least one replacement too
    assert numbers == sorted(set(numbers))  # a new worker each time
    # Each dead worker printed its traceback; terminate() may cut the last one short.
    assert lines.count(MISSING_FILE) in (len(numbers), len(numbers) - 1)
    frames = text.count("in worker\n    initializer(*initargs)")
    assert frames in (len(numbers), len(numbers) - 1)
    pids = [line.split()[-1] for line in lines if line.startswith("init_worker in process ")]
    assert len(pids) == len(set(pids)) >= len(numbers)
    assert lines[-1] == "map: no result and no error after 2 s"


@methods
def test_initializer_that_keeps_its_error_lets_map_raise_it(method: str) -> None:
    code, lines = run("initializer_raises_fix.py", method)
    assert code == 0
    inits = [line for line in lines if line.startswith("init_worker in process ")]
    assert 1 <= len(inits) <= 2  # no restarts
    assert len(set(inits)) == len(inits)
    # The second worker may start after map has raised, so its line can come last.
    assert [line for line in lines if line not in inits] == [f"map raised {MISSING_FILE}"]
    assert lines[0] in inits  # the error came from a worker that ran its initializer


@methods
def test_executor_with_a_raising_initializer_breaks_at_once(method: str) -> None:
    code, lines = run("initializer_raises_executor.py", method)
    assert code == 0
    assert 1 <= lines.count("Exception in initializer:") <= 2
    assert lines.count(MISSING_FILE) == lines.count("Exception in initializer:")
    (after,) = [line for line in lines if line.startswith("map raised after ")]
    assert float(re.fullmatch(r"map raised after (\d+\.\d) s:", after)[1]) < 5
    assert lines[-1] == (
        "concurrent.futures.process.BrokenProcessPool: A process in the process pool was "
        "terminated abruptly while the future was running or pending."
    )


# -- random-numbers.md -------------------------------------------------------

DRAW_LINE = re.compile(r"^worker (\d+): np\.random +(\d+), random +(\d+)$")


def parents_next_draws() -> tuple[int, int]:
    np.random.seed(42)  # what the script's parent does; the test process has numpy too
    return np.random.randint(1_000_000), random.Random(42).randrange(1_000_000)


@methods
def test_numpy_global_generator_repeats_only_under_fork(method: str) -> None:
    code, lines = run("rng_numpy_legacy.py", method)
    assert code == 0
    assert lines[0].startswith(f"NumPy {np.__version__}, parent process ")
    draws = [tuple(map(int, m.groups())) for m in map(DRAW_LINE.match, lines) if m]
    assert len(draws) == 4 and len({pid for pid, _, _ in draws}) == 4  # a fresh worker per task
    numpy_draws = [n for _, n, _ in draws]
    python_draws = [p for _, _, p in draws]
    parent_numpy, parent_python = parents_next_draws()
    assert lines[-1] == (
        f"the parent's own next draws: np.random {parent_numpy:6}, random {parent_python:6}"
    )
    if method == "fork":
        assert numpy_draws == [parent_numpy] * 4  # copies of the parent's generator
    else:
        assert len(set(numpy_draws)) == 4 and parent_numpy not in numpy_draws
    assert len(set(python_draws)) == 4 and parent_python not in python_draws


LAZY_NUMPY = """
import os
from multiprocessing import Pool
import numpy as np

def draw(task):
    return np.random.randint(1_000_000)

if __name__ == "__main__":
    if os.environ.get("TOUCH"):
        np.random.get_state()  # the parent uses numpy.random before the pool starts
    with Pool(2, maxtasksperchild=1) as pool:
        print(pool.map(draw, range(4), chunksize=1))
"""


@pytest.mark.parametrize("touched", [False, True])
def test_numpy_random_is_imported_lazily_so_an_untouched_one_does_not_repeat(
    touched: bool, tmp_path: Path
) -> None:
    code = LAZY_NUMPY.replace('os.environ.get("TOUCH")', str(touched))
    draws = ast.literal_eval(run_inline(tmp_path, code, "fork")[-1])
    assert len(set(draws)) == (1 if touched else 4)


def random_py(python: str) -> str:
    out = subprocess.run(
        [python, "-c", "import random; print(random.__file__)"],
        capture_output=True,
        text=True,
        check=True,
    )
    return Path(out.stdout.strip()).read_text()


@pytest.mark.parametrize("version", ["3.6", "3.7", *VERSIONS])
def test_random_module_reseeds_after_fork_from_3_7(version: str) -> None:
    line = "_os.register_at_fork(after_in_child=_inst.seed)"
    assert (line in random_py(needs(version))) == (as_version(version) >= (3, 7))


def test_random_py_line_that_the_page_links() -> None:
    """The page links lines 899-900 of Lib/random.py at v3.11.7."""
    if sys.version_info[:3] != (3, 11, 7):
        pytest.skip("the link is to 3.11.7's file")
    lines = random_py(sys.executable).splitlines()
    assert lines[898] == 'if hasattr(_os, "fork"):'
    assert lines[899].strip() == "_os.register_at_fork(after_in_child=_inst.seed)"


PYTHON_RANDOM = """
import random
from multiprocessing import Pool

def draw(task):
    return random.randrange(1_000_000)

if __name__ == "__main__":
    random.seed(42)
    with Pool(2, maxtasksperchild=1) as pool:
        print(pool.map(draw, range(4), chunksize=1))
"""


@versions
def test_random_module_draws_differ_in_forked_workers(version: str, tmp_path: Path) -> None:
    draws = ast.literal_eval(run_inline(tmp_path, PYTHON_RANDOM, "fork", needs(version))[-1])
    assert len(set(draws)) == 4


MODULE_LEVEL_GENERATORS = """
import random
from multiprocessing import Pool
import numpy as np

rng = np.random.default_rng(42)
python_rng = random.Random(42)

def draw(task):
    return int(rng.integers(1_000_000)), python_rng.randrange(1_000_000)

if __name__ == "__main__":
    with Pool(2, maxtasksperchild=1) as pool:
        print(pool.map(draw, range(4), chunksize=1))
"""


@methods
def test_generators_made_at_module_level_repeat_in_every_worker(
    method: str, tmp_path: Path
) -> None:
    draws = ast.literal_eval(run_inline(tmp_path, MODULE_LEVEL_GENERATORS, method)[-1])
    assert len(draws) == 4 and len(set(draws)) == 1


TASK_LINE = re.compile(r"^  task (\d) in worker (\d+): (\[.*\])$")


@methods
def test_seedsequence_gives_the_same_numbers_whatever_the_worker(method: str) -> None:
    code, lines = run("rng_seedsequence.py", method)
    assert code == 0
    expected = [
        np.random.default_rng(child).integers(1_000_000, size=3).tolist()
        for child in np.random.SeedSequence(42).spawn(4)
    ]
    assert len({tuple(draws) for draws in expected}) == 4  # independent streams
    assert lines[0] == "run with 2 workers:" and lines[5] == "run with 3 workers:"
    for run_lines in (lines[1:5], lines[6:10]):
        tasks = [TASK_LINE.match(line) for line in run_lines]
        assert [int(m[1]) for m in tasks] == [0, 1, 2, 3]
        assert [ast.literal_eval(m[3]) for m in tasks] == expected
    assert lines[10:] == ["both runs drew the same numbers: True"]


# -- cpu-count.md ------------------------------------------------------------


def check_affinity_run(lines: list[str], version: tuple[int, int], cpus: int | None = None) -> None:
    cpu_count = value_after(lines, "os.cpu_count():")
    assert cpu_count == (cpus or os.cpu_count())
    assert value_after(lines, "len(os.sched_getaffinity(0)):") == 1
    workers = value_after(lines, "workers Pool() started:")
    if version >= (3, 13):
        assert value_after(lines, "os.process_cpu_count():") == (cpus or 1)
        assert workers == (cpus or 1)
    else:
        assert not any(line.startswith("os.process_cpu_count()") for line in lines)
        assert workers == cpu_count
    worker_lines = [line for line in lines if line.startswith("  worker ")]
    assert len(worker_lines) == workers
    first = min(os.sched_getaffinity(0))
    assert all(line.endswith(f"may run on CPUs [{first}]") for line in worker_lines)


@linux_affinity
@methods
def test_pool_ignores_the_affinity_before_3_13(method: str) -> None:
    code, lines = run("cpu_count_affinity.py", method)
    assert code == 0
    assert lines[0] == f"Python {sys.version.split()[0]}"
    check_affinity_run(lines, sys.version_info[:2])


@linux_affinity
@versions
def test_pool_follows_the_affinity_from_3_13(version: str) -> None:
    """3.8 to 3.12 start one worker per CPU of the machine; 3.13 one per CPU it may use."""
    if (os.cpu_count() or 1) < 2:
        pytest.skip("needs a machine with two CPUs or more")
    code, lines = run("cpu_count_affinity.py", python=needs(version))
    assert code == 0
    assert lines[0].startswith(f"Python {version}.")
    check_affinity_run(lines, as_version(version))


def run_with_cpu_count(version: str, how: str) -> list[str]:
    """cpu_count_affinity.py with PYTHON_CPU_COUNT=3 or -X cpu_count=3."""
    spec = RunSpec(PITFALLS / "cpu_count_affinity.py")
    env = runner.build_env(spec)
    options = ["-X", "cpu_count=3"] if how == "-X" else []
    if how == "env":
        env["PYTHON_CPU_COUNT"] = "3"
    out = subprocess.run(
        [needs(version), *options, spec.script.name],
        cwd=PITFALLS,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return out.stdout.splitlines()


@linux_affinity
@pytest.mark.parametrize("how", ["env", "-X"])
def test_python_cpu_count_overrides_both_counts_on_3_13(how: str) -> None:
    check_affinity_run(run_with_cpu_count("3.13", how), (3, 13), cpus=3)


@linux_affinity
def test_python_cpu_count_changes_nothing_on_3_12() -> None:
    check_affinity_run(run_with_cpu_count("3.12", "env"), (3, 12))


def containers_module():
    spec = importlib.util.spec_from_file_location(
        "cpu_count_containers", PITFALLS / "cpu_count_containers.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        ({}, None),
        ({"cpu.max": "max 100000\n"}, None),
        ({"cpu.max": "150000 100000\n"}, 2),
        ({"cpu.max": "200000 100000\n"}, 2),
        ({"cpu.max": "10000 100000\n"}, 1),
        ({"cpu/cpu.cfs_quota_us": "-1\n", "cpu/cpu.cfs_period_us": "100000\n"}, None),
        ({"cpu/cpu.cfs_quota_us": "50000\n", "cpu/cpu.cfs_period_us": "100000\n"}, 1),
        ({"cpu/cpu.cfs_quota_us": "300000\n", "cpu/cpu.cfs_period_us": "100000\n"}, 3),
    ],
)
def test_cgroup_cpu_limit_reads_v2_then_v1(files: dict[str, str], expected, tmp_path: Path) -> None:
    for name, content in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(content)
    assert containers_module().cgroup_cpu_limit(tmp_path) == expected


@linux_affinity
def test_containers_script_reports_this_machines_files_and_counts() -> None:
    code, lines = run("cpu_count_containers.py")
    assert code == 0
    for name in ("cpu.max", "cpu/cpu.cfs_quota_us", "cpu/cpu.cfs_period_us"):
        path = Path("/sys/fs/cgroup", name)
        shown = path.read_text().strip() if path.exists() else "(no such file)"
        assert f"{path}: {shown}" in lines
    module = containers_module()
    assert value_after(lines, "os.cpu_count():") == os.cpu_count()
    assert value_after(lines, "cgroup_cpu_limit():") == module.cgroup_cpu_limit()
    usable = value_after(lines, "usable_cpu_count():")
    assert usable == module.usable_cpu_count() <= len(os.sched_getaffinity(0))
