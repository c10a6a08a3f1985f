"""Builds read in parallel (sphinx-build -j): records come back from every reader, runs
that must be alone are alone, a reader that dies is named, and Ctrl-C leaves nothing."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from pathlib import Path

import psutil
import pytest

from conftest import Build, build_env, copy_site, sphinx_build, sphinx_command

PAGES = ["a", "b", "c", "d", "e", "f"]


@pytest.fixture(scope="module")
def parallel(tmp_path_factory: pytest.TempPathFactory) -> Build:
    src = copy_site("parallel", tmp_path_factory.mktemp("parallel"))
    build = sphinx_build(src, src, src.parent / "html")
    assert build.returncode == 0, build.output
    return build


def manifest_runs(build: Build) -> list[dict]:
    return json.loads((build.outdir / "_pool_guide" / "manifest.json").read_text())["runs"]


def interval(run: dict) -> tuple[float, float]:
    seconds = run["study"]["seconds"] if run["study"] else run["duration"]
    return run["ran_at_epoch"], run["ran_at_epoch"] + seconds


def overlap(one: dict, other: dict) -> bool:
    (a, b), (c, d) = interval(one), interval(other)
    return a < d and c < b


def test_every_reader_s_runs_come_back(parallel: Build) -> None:
    runs = manifest_runs(parallel)
    pages = sorted(r["docname"] for r in runs)
    assert pages == sorted([*(p for p in PAGES for _ in (1, 2)), "study", "timing"])
    for page in PAGES:
        html = (parallel.outdir / f"{page}.html").read_text()
        assert f"waited ['{page}', '1']" in html and f"waited ['{page}', '2']" in html
    report = (parallel.outdir / "about.html").read_text()
    assert "14 example blocks on 8 pages" in report


def test_an_exclusive_run_overlaps_no_other_run(parallel: Build) -> None:
    runs = manifest_runs(parallel)
    alone = [r for r in runs if r["exclusive"]]
    assert sorted(r["docname"] for r in alone) == ["study", "timing"]  # :exclusive: and :runs:
    for run in alone:
        assert [o["docname"] for o in runs if o is not run and overlap(run, o)] == []
    report = (parallel.outdir / "about.html").read_text()
    assert "2 runs needed the machine to themselves" in report


def test_ordinary_runs_overlap(parallel: Build) -> None:
    """The readers really ran side by side: some ordinary runs were in progress together."""
    ordinary = [r for r in manifest_runs(parallel) if not r["exclusive"]]
    assert any(overlap(a, b) for a in ordinary for b in ordinary if a is not b)


def test_a_reader_that_dies_is_named_its_run_killed_and_no_lock_left(tmp_path: Path) -> None:
    src = copy_site("parallel", tmp_path)
    examples = (src / "examples").resolve()
    # A script that starts a child, then kills the build process that runs it: nobody is
    # left in that process to clean up the child.
    (examples / "kills_reader.py").write_text(
        "import os, signal, subprocess, sys\n"
        "subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(3600)'])\n"
        "os.kill(os.getppid(), signal.SIGKILL)\n"
    )
    (src / "g.md").write_text("# G\n\n```{example} kills_reader.py\n```\n")
    index = src / "index.md"
    index.write_text(index.read_text().replace("about\n", "about\ng\n"))
    failed = sphinx_build(src, src, tmp_path / "html")
    assert failed.returncode != 0
    named = [line for line in failed.output.splitlines() if "the process reading page" in line]
    assert len(named) == 1, failed.output  # the other readers, stopped by Sphinx, are not blamed
    assert "page 'g'" in named[0] and "killed by SIGKILL" in named[0]
    assert "kills_reader.py (the build killed the 1 process(es) it left)" in named[0]
    assert _example_processes(examples) == []

    (src / "g.md").write_text("# G\n\nNo example any more.\n")
    again = sphinx_build(src, src, tmp_path / "html")
    assert again.returncode == 0, again.output


def _interrupt_a_build(src: Path, examples: Path, out: Path) -> list | None:
    """Start a build, Ctrl-C it once an example runs: None if it stopped, else what was left."""
    build = subprocess.Popen(
        sphinx_command(src, src, out),
        env=build_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while not _example_processes(examples) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert _example_processes(examples), "no example started"
    interrupted_at = time.time()
    # As a terminal does on Ctrl-C: SIGINT to the build's whole process group.
    os.killpg(build.pid, signal.SIGINT)
    try:
        assert build.wait(timeout=60) != 0
    except subprocess.TimeoutExpired:
        stuck = _describe([psutil.Process(build.pid), *psutil.Process(build.pid).children(True)])
        os.killpg(build.pid, signal.SIGKILL)
        build.wait()
        psutil.wait_procs(_example_processes(examples), timeout=10)
        return stuck
    _, alive = psutil.wait_procs(_example_processes(examples), timeout=10)
    assert alive == [], [(p.pid, p.cmdline(), p.create_time() - interrupted_at) for p in alive]
    return None


def test_ctrl_c_leaves_no_process_and_the_next_build_runs(tmp_path: Path) -> None:
    """A Ctrl-C stops a parallel build and leaves no example running.

    A SIGINT that lands while Sphinx forks a reader used to be swallowed ("Exception
    ignored" in logging's at-fork hook), and the build went on: see ``interrupts``.
    """
    src = copy_site("parallel", tmp_path)
    examples = (src / "examples").resolve()
    (examples / "wait.py").write_text("import time\ntime.sleep(30)\n")
    out = tmp_path / "html"
    stuck = _interrupt_a_build(src, examples, out)
    assert stuck is None, f"the build did not stop within 60 s of Ctrl-C: {stuck}"

    (examples / "wait.py").write_text("print('quick')\n")
    again = sphinx_build(src, src, out)
    assert again.returncode == 0, again.output


def _describe(procs: list[psutil.Process]) -> list[tuple[int, str, str]]:
    described = []
    for proc in procs:
        try:
            described.append((proc.pid, proc.status(), " ".join(proc.cmdline())[-80:]))
        except psutil.Error:
            continue
    return described


def _example_processes(folder: Path) -> list[psutil.Process]:
    found = []
    for proc in psutil.process_iter():
        try:
            if Path(proc.cwd()) == folder and proc.status() != psutil.STATUS_ZOMBIE:
                found.append(proc)
        except psutil.Error:
            continue
    return found
