"""Shared helpers: build a Sphinx site in a subprocess, as `nox -s docs` does."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path

import pytest
from filelock import FileLock

from pool_guide import run_lock
from pool_guide.runner import RunSpec, run_script
from sphinx_command import ZH_CN, edition_args, sphinx_build_args

REPO = Path(__file__).resolve().parents[1]
SITES = Path(__file__).parent / "sites"
EXAMPLES = REPO / "examples"


#: The CPython versions the tests run examples and pool.py checks on, where installed.
VERSIONS = ["3.8", "3.9", "3.10", "3.11", "3.12", "3.13"]


@cache
def python_for(version: str) -> str | None:
    """An interpreter of that version on this machine (pyenv's, or pythonX.Y on PATH)."""
    candidates = sorted(Path.home().glob(f".pyenv/versions/{version}.*/bin/python"))
    return str(candidates[-1]) if candidates else shutil.which(f"python{version}")


def needs(version: str) -> str:
    """That version's interpreter, or skip the test where it is not installed."""
    python = python_for(version)
    if python is None:
        pytest.skip(f"Python {version} is not installed here")
    return python


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
    with run_lock.hold(exclusive=False):  # a build's exclusive runs wait for it, and it for them
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
    # The translated editions built after it: language -> returncode, output, seconds.
    editions: dict[str, dict] = field(default_factory=dict)

    def scripts_run(self) -> list[str]:
        """The example scripts this build ran, from the extension's log lines."""
        return [
            Path(line.split()[2]).name
            for line in self.output.splitlines()
            if line.startswith("pool_guide: ran ")
        ]


def sphinx_command(srcdir: Path, confdir: Path, outdir: Path, *extra: str) -> list[str]:
    """The command line of the docs session, for a given site."""
    args = sphinx_build_args(srcdir, confdir, outdir, outdir / ".doctrees")
    return [sys.executable, "-m", "sphinx", *args, *extra]


def build_env() -> dict[str, str]:
    # The scenario sites' conf.py files import the extension from here.
    return {**os.environ, "PYTHONPATH": str(REPO / "conf")}


def sphinx_build(srcdir: Path, confdir: Path, outdir: Path, *extra: str) -> Build:
    """Run sphinx-build like the docs session does: warnings are errors."""
    started = time.time()
    proc = subprocess.run(
        sphinx_command(srcdir, confdir, outdir, *extra),
        capture_output=True,
        text=True,
        timeout=900,
        env=build_env(),
    )
    return Build(proc.returncode, proc.stdout + proc.stderr, outdir, started)


def copy_site(name: str, dest: Path) -> Path:
    """Copy a scenario site from tests/sites so a test may edit it."""
    target = dest / name
    shutil.copytree(SITES / name, target)
    return target


#: Set by `nox -s tests`: the record (status, log, folder) of a site build made before
#: pytest started, while nothing else ran, because the lab's measurements need the
#: machine to themselves; with pytest-xdist the other worker's tests would slow them.
SITE_RECORD_VARIABLE = "POOL_GUIDE_SITE_RECORD"


def build_real_site(outdir: Path) -> Build:
    """Both editions of the real site, as `nox -s docs` builds them: English, then Chinese.

    The Chinese edition shows the English build's runs (its doctrees are in the English
    output, ``.doctrees``); its status, log and build time are in ``editions``.
    """
    english = sphinx_build(REPO / "docs", REPO / "conf", outdir)
    started = time.monotonic()
    chinese = sphinx_build(
        REPO / "docs", REPO / "conf", outdir / ZH_CN, *edition_args(ZH_CN, outdir / ".doctrees")
    )
    english.editions[ZH_CN] = {
        "returncode": chinese.returncode,
        "output": chinese.output,
        "seconds": time.monotonic() - started,
    }
    return english


def english_pages(outdir: Path) -> list[Path]:
    """The English edition's HTML pages: the output folder without the translated editions."""
    return sorted(p for p in outdir.rglob("*.html") if p.relative_to(outdir).parts[0] != ZH_CN)


def build_site_first(outdir: Path, record: Path) -> Build:
    """Build the real site into ``outdir`` and write its record for the tests to read."""
    shutil.rmtree(outdir, ignore_errors=True)
    build = build_real_site(outdir)
    record.write_text(json.dumps({**asdict(build), "outdir": str(build.outdir)}))
    return build


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Build:
    """The real site, built once per test run into a fresh folder.

    Under pytest-xdist every worker asks for it; the first builds it behind a file
    lock, and the others read what that build left (its status and log).
    """
    recorded = os.environ.get(SITE_RECORD_VARIABLE)
    if recorded:  # built before the tests started (nox -s tests): see build_site_first
        data = json.loads(Path(recorded).read_text())
        return Build(**{**data, "outdir": Path(data["outdir"])})
    if worker_id == "master":  # not distributed
        return build_real_site(tmp_path_factory.mktemp("site") / "html")
    shared = tmp_path_factory.getbasetemp().parent  # the same folder for every worker
    record = shared / "site-build.json"
    with FileLock(shared / "site-build.lock"):
        if not record.is_file():
            build = build_real_site(shared / "site" / "html")
            record.write_text(json.dumps({**asdict(build), "outdir": str(build.outdir)}))
        data = json.loads(record.read_text())
    return Build(**{**data, "outdir": Path(data["outdir"])})


@pytest.fixture(scope="session")
def lab_data(site: Build):
    """``lab_data(name)``: the measurements a lab script made in this run's site build."""
    manifest = json.loads((site.outdir / "_pool_guide" / "manifest.json").read_text())

    def load(name: str) -> dict:
        assert name in manifest["lab"], f"the build measured no dataset {name!r}"
        return manifest["lab"][name]

    return load


if __name__ == "__main__":  # python tests/conftest.py OUTDIR RECORD (the tests session)
    built = build_site_first(Path(sys.argv[1]), Path(sys.argv[2]))
    print(f"site built into {built.outdir}: exit status {built.returncode}")
