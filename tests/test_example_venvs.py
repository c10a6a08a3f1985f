"""The per-version venvs nox makes for the examples: made once, made again when the list changes."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

import example_venvs
from pool_guide.interpreters import Interpreter


def fake(version: str) -> Interpreter:
    info = tuple(int(p) for p in version.split("."))
    return Interpreter(info, version, f"v{version}", f"/py/{version}", "/x/pool.py")


def test_a_venv_with_the_same_packages_is_kept(tmp_path: Path, monkeypatch) -> None:
    python = example_venvs.venv_python(tmp_path, "3.9.18")
    python.parent.mkdir(parents=True)
    python.write_text("")
    (python.parents[1] / example_venvs.STAMP).write_text("numpy\ntqdm")

    def refuse(*args, **kwargs):
        raise AssertionError(f"ran {args}: the venv should have been kept")

    monkeypatch.setattr(subprocess, "run", refuse)
    example_venvs.make_venv(fake("3.9.18"), tmp_path, ["numpy", "tqdm"], log=print)


def test_a_changed_package_list_makes_the_venv_again(tmp_path: Path, monkeypatch) -> None:
    python = example_venvs.venv_python(tmp_path, "3.9.18")
    python.parent.mkdir(parents=True)
    python.write_text("")
    (python.parents[1] / example_venvs.STAMP).write_text("numpy")
    commands: list[list[str]] = []

    def record(command, **kwargs):
        commands.append([str(c) for c in command])
        if "venv" in command:
            Path(command[-1]).mkdir(parents=True)
        return subprocess.CompletedProcess(command, 0)

    monkeypatch.setattr(subprocess, "run", record)
    example_venvs.make_venv(fake("3.9.18"), tmp_path, ["numpy", "tqdm"], log=print)
    assert "venv" in commands[0] and "/py/3.9.18" in commands[0]
    assert commands[1][-2:] == ["numpy", "tqdm"]  # installed together, unpinned
    assert (python.parents[1] / example_venvs.STAMP).read_text() == "numpy\ntqdm"


def test_a_package_with_no_release_for_a_version_is_left_out(tmp_path: Path, monkeypatch) -> None:
    def install(command, **kwargs):
        # Together they fail; alone, only "ray" has no release for this version.
        failed = "install" in command and ("ray" in command)
        if "venv" in command:
            Path(command[-1]).mkdir(parents=True)
        return subprocess.CompletedProcess(command, 1 if failed else 0)

    monkeypatch.setattr(subprocess, "run", install)
    lines: list[str] = []
    example_venvs.make_venv(fake("3.13.0"), tmp_path, ["numpy", "ray"], log=lines.append)
    assert any("left out for 3.13.0: ray" in line for line in lines)


@pytest.fixture(autouse=True)
def _no_real_uv(monkeypatch) -> None:
    monkeypatch.setattr(example_venvs, "_uv", lambda: ["uv"])
