"""Make a virtual environment per other CPython, with the examples' own dependencies.

The build runs every example on each CPython it finds (pool_guide/interpreters.py);
an example that imports NumPy needs NumPy installed for that version. `nox -s docs`
calls :func:`make_all` before it builds: one venv per version in ``build/pythons/<version>``,
with the ``examples`` dependency group of pyproject.toml, unpinned, so each version gets
the newest release that supports it. A package with no release for a version is left
out, and the pages show the examples that need it as not run there.

A venv is made once; it is made again when the group's list changes.
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path


def _interpreters_module():
    """pool_guide/interpreters.py alone: the package itself needs Sphinx, nox's venv has none."""
    path = Path(__file__).with_name("pool_guide") / "interpreters.py"
    spec = importlib.util.spec_from_file_location("pool_guide_interpreters", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up here
    spec.loader.exec_module(module)
    return module


_interpreters = _interpreters_module()
Interpreter, discover, venv_python = (
    _interpreters.Interpreter,
    _interpreters.discover,
    _interpreters.venv_python,
)

STAMP = "pool-guide-packages.txt"


def _uv() -> list[str] | None:
    if importlib.util.find_spec("uv") is not None:
        return [sys.executable, "-m", "uv"]
    found = shutil.which("uv")
    return [found] if found else None


def _install(python: Path, packages: list[str], log) -> list[str]:
    """Install the packages; those that will not install for this version are returned."""
    uv = _uv()
    command = [*uv, "pip", "install", "-q", "--python", str(python)] if uv else None
    command = command or [str(python), "-m", "pip", "install", "-q"]
    if subprocess.run([*command, *packages]).returncode == 0:
        return []
    log(f"  not every package installs for {python}: trying one at a time")
    return [p for p in packages if subprocess.run([*command, p]).returncode != 0]


def make_venv(interpreter: Interpreter, venvs: Path, packages: list[str], log) -> None:
    python = venv_python(venvs, interpreter.version)
    folder = python.parents[1]
    stamp = folder / STAMP
    wanted = "\n".join(packages)
    if python.exists() and stamp.exists() and stamp.read_text() == wanted:
        return
    shutil.rmtree(folder, ignore_errors=True)
    log(f"pool_guide: making {folder} for CPython {interpreter.version}")
    uv = _uv()
    if uv:
        make = [*uv, "venv", "-q", "--seed", "--python", interpreter.executable, str(folder)]
    else:
        make = [interpreter.executable, "-m", "venv", str(folder)]
    if subprocess.run(make).returncode != 0:
        log(f"  could not make a venv for {interpreter.version}: its examples run bare")
        shutil.rmtree(folder, ignore_errors=True)
        return
    left_out = _install(python, packages, log)
    if left_out:
        log(f"  left out for {interpreter.version}: {', '.join(left_out)}")
    stamp.write_text(wanted)


def make_all(venvs: Path, packages: list[str], log=print) -> list[Interpreter]:
    """A venv for every CPython found but the one that runs this: the build's own."""
    others = [i for i in discover() if not i.builds_the_site]
    for interpreter in others:
        make_venv(interpreter, venvs, packages, log)
    return others
