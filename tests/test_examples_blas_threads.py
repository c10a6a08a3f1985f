"""The BLAS threads page (docs/pitfalls/blas-threads.md): its examples' invariants.

The examples run under every start method (the joblib one under loky's own); the tests
assert what holds on every run: which process reports which number of BLAS threads, never
a transcript. The numbers are read from the output and compared with each other, so they
hold on a machine with any number of CPUs.
"""

from __future__ import annotations

import re
from importlib.metadata import version
from pathlib import Path

import pytest

from conftest import REPO, run_example
from pool_guide import runner

methods = pytest.mark.parametrize("method", runner.START_METHODS)

THREADS = re.compile(r"^(parent|worker) (\d+): BLAS threads \[(\d+)\]$")


def threads_by_role(lines: list[str]) -> dict[str, list[tuple[int, int]]]:
    """{"parent": [(pid, threads), ...], "worker": [...]} from 'who pid: BLAS threads [n]'."""
    found: dict[str, list[tuple[int, int]]] = {"parent": [], "worker": []}
    for line in lines:
        match = THREADS.match(line)
        if match:
            found[match[1]].append((int(match[2]), int(match[3])))
    return found


@methods
def test_info_shows_one_openblas_pool_per_process_as_big_as_the_parents(method: str) -> None:
    code, lines = run_example("pitfalls/blas_threads_info.py", method)
    assert code == 0
    assert re.fullmatch(r"os\.cpu_count\(\): \d+", lines[0])
    library = re.compile(
        r"^(parent|worker) (\d+): openblas \S+ \(\S+, \w+\), user_api=blas, num_threads=(\d+)$"
    )
    counted = re.compile(r"^(parent|worker) (\d+): threads in this process: (\d+)$")
    blas = [library.match(line).groups() for line in lines if library.match(line)]
    os_threads = {m[2]: int(m[3]) for m in map(counted.match, lines) if m}
    assert len(lines) == 1 + 2 * 3  # every thread pool loaded is OpenBLAS: one line each
    assert sorted(who for who, _, _ in blas) == ["parent", "worker", "worker"]
    assert len({pid for _, pid, _ in blas}) == 3  # three processes
    parent_threads = {int(n) for who, _, n in blas if who == "parent"}
    assert {int(n) for _, _, n in blas} == parent_threads  # each worker: the parent's number
    for _, pid, n in blas:  # the OS sees at least those threads after one product
        assert os_threads[pid] >= int(n) >= 1


@methods
def test_threadpool_limits_in_the_initializer_gives_each_worker_one_thread(method: str) -> None:
    code, lines = run_example("pitfalls/blas_threads_limit.py", method)
    assert code == 0
    found = threads_by_role(lines)
    (first, last) = found["parent"]
    assert first == last and lines[0].startswith("parent") and lines[-1].startswith("parent")
    assert found["worker"] and all(n == 1 for _, n in found["worker"])
    tasks = re.compile(r"^task (\d) in (\d+): BLAS threads \[(\d+)\], trace [\d.]+$")
    matched = [tasks.match(line) for line in lines[1:-1] if line.startswith("task")]
    assert [int(m[1]) for m in matched] == [0, 1, 2, 3]  # map: in input order
    assert all(m[3] == "1" for m in matched)
    assert {int(m[2]) for m in matched} <= {pid for pid, _ in found["worker"]}


@methods
def test_the_variables_set_before_import_limit_parent_and_workers(method: str) -> None:
    code, lines = run_example("pitfalls/blas_threads_env.py", method)
    assert code == 0
    found = threads_by_role(lines)
    assert len(found["parent"]) == 1 and len(found["worker"]) == 4
    assert len(lines) == 5
    assert all(n == 1 for role in found.values() for _, n in role)


@methods
def test_the_variable_set_after_import_reaches_only_new_interpreters(method: str) -> None:
    code, lines = run_example("pitfalls/blas_threads_env_late.py", method)
    assert code == 0
    assert lines[0] == f"start method: {method}"
    found = threads_by_role(lines)
    ((_, parent),) = found["parent"]
    assert len(found["worker"]) == 4
    workers = {n for _, n in found["worker"]}
    # fork: a copy of the parent's loaded library; spawn, forkserver: NumPy imported anew.
    assert workers == ({parent} if method == "fork" else {1})


def test_joblib_sets_the_variables_for_its_workers_and_loky_alone_does_not() -> None:
    code, lines = run_example("pitfalls/blas_threads_joblib.py")
    assert code == 0
    head = re.fullmatch(r"joblib (\S+), loky (\S+), os\.cpu_count\(\) (\d+)", lines[0])
    assert head[1] == version("joblib") and head[2] == version("loky")
    cpus = int(head[3])
    parent = re.fullmatch(r"parent: OPENBLAS_NUM_THREADS=None, BLAS threads \[(\d+)\]", lines[1])
    expected = max(cpus // 2, 1)
    assert lines[2:] == [
        f"joblib Parallel(n_jobs=2) worker: OPENBLAS_NUM_THREADS={expected}, "
        f"BLAS threads [{expected}]",
        "loky get_reusable_executor(max_workers=2) worker: OPENBLAS_NUM_THREADS=None, "
        f"BLAS threads [{parent[1]}]",
    ]


def test_the_page_cites_the_joblib_source_that_runs() -> None:
    """The page names joblib's _prepare_worker_env and its rule: both must be in the pin."""
    import joblib._parallel_backends as backends

    source = Path(backends.__file__).read_text()
    assert "def _prepare_worker_env(self, n_jobs):" in source
    assert "default_n_threads = max(cpu_count() // n_jobs, 1)" in source
    assert "env=self._prepare_worker_env(n_jobs=n_jobs)" in source
    variables = backends.ParallelBackendBase.MAX_NUM_THREADS_VARS
    page = (REPO / "docs" / "pitfalls" / "blas-threads.md").read_text()
    for variable in variables:
        assert f"`{variable}`" in page
    pins = (REPO / "conf" / "constraints.txt").read_text()
    for package in ("joblib", "loky", "threadpoolctl", "numpy"):
        pinned = re.findall(rf"^{package}==(\S+)", pins, re.M)
        assert version(package) in pinned, (package, pinned)


def test_threadpoolctl_is_a_docs_dependency() -> None:
    text = (REPO / "pyproject.toml").read_text()
    docs = text[text.index("docs = [") : text.index("]", text.index("docs = ["))]
    assert '"threadpoolctl' in docs
