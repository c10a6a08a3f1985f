"""Shared helpers: build a Sphinx site in a subprocess, as `nox -s docs` does."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from pool_guide.runner import RunSpec, run_script

REPO = Path(__file__).resolve().parents[1]
SITES = Path(__file__).parent / "sites"
EXAMPLES = REPO / "examples"


def run_example(
    name: str,
    method: str | None = None,
    *,
    capture: str = "pty",
    args: tuple[str, ...] = (),
    python: str = sys.executable,
) -> tuple[int | None, list[str]]:
    """Run an example as the build does: it must end on its own and leave no process behind."""
    spec = RunSpec(
        EXAMPLES / name,
        capture=capture,
        start_method=method,
        timeout=60,  # type: ignore[arg-type]
        args=args,
        python=python,
    )
    result = run_script(spec)
    assert not result.timed_out, result.output
    assert not result.leftover_pids, result.output
    return result.returncode, result.output.splitlines()


@dataclass
class Build:
    returncode: int
    output: str  # stdout and stderr together
    outdir: Path
    started: float  # time.time() when the build started

    def scripts_run(self) -> list[str]:
        """The example scripts this build ran, from the extension's log lines."""
        return [
            Path(line.split()[2]).name
            for line in self.output.splitlines()
            if line.startswith("pool_guide: ran ")
        ]


def sphinx_build(srcdir: Path, confdir: Path, outdir: Path, *extra: str) -> Build:
    """Run sphinx-build like the docs session does: warnings are errors."""
    started = time.time()
    # The scenario sites' conf.py files import the extension from here.
    env = {**os.environ, "PYTHONPATH": str(REPO / "conf")}
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-c",
            str(confdir),
            "-b",
            "html",
            "-d",
            str(outdir / ".doctrees"),
            "-W",
            "--keep-going",
            "-n",
            *extra,
            str(srcdir),
            str(outdir),
        ],
        capture_output=True,
        text=True,
        timeout=900,
        env=env,
    )
    return Build(proc.returncode, proc.stdout + proc.stderr, outdir, started)


def copy_site(name: str, dest: Path) -> Path:
    """Copy a scenario site from tests/sites so a test may edit it."""
    target = dest / name
    shutil.copytree(SITES / name, target)
    return target


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The real site, built once per test session into a fresh folder."""
    out = tmp_path_factory.mktemp("site") / "html"
    build = sphinx_build(REPO / "docs", REPO / "conf", out)
    return build
