"""The CPythons this build can read: their exact versions and their ``pool.py``.

By default the build looks for every CPython 3.8 or newer on the machine: pyenv's
versions, ``python3.X`` on PATH, uv-managed ones, and the interpreter that runs the
build. ``pool_guide_interpreters`` in conf.py may list executables instead. Each
candidate is asked (``python -I -c ...``) for its implementation, version and the path of
its ``multiprocessing/pool.py``; one interpreter per exact version is kept.

The examples run on each of them too. Where the build session made a virtual environment
for a version (``<venvs>/<version>``, with the examples' own dependencies), the examples
run in it; otherwise on the bare interpreter, and an example that needs a package it
lacks is shown as not run there.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

#: The oldest version the site compares: the oldest the examples are written for.
OLDEST = (3, 8)

_PROBE = (
    "import json, platform, sys, multiprocessing.pool as p; "
    "print(json.dumps({'implementation': platform.python_implementation(), "
    "'version': list(sys.version_info[:3]), 'releaselevel': sys.version_info.releaselevel, "
    "'serial': sys.version_info.serial, 'pool_py': p.__file__}))"
)


@dataclass(frozen=True, order=True)
class Interpreter:
    """One CPython: its version (sortable), executable and pool.py."""

    version_info: tuple[int, int, int]
    version: str  # "3.12.1", or "3.14.0rc2"
    tag: str  # its git tag on GitHub: "v3.12.1"
    executable: str
    pool_py: str
    builds_the_site: bool = False
    # What runs the examples of this version: a venv's python, or the executable itself.
    example_python: str = ""

    @property
    def stdlib(self) -> str:
        """Its standard library's folder, for shortening the paths in its outputs."""
        return str(Path(self.pool_py).parents[1])

    @property
    def runs_examples(self) -> str:
        return self.example_python or self.executable

    def as_data(self) -> dict:
        return asdict(self)

    @classmethod
    def from_data(cls, data: dict) -> Interpreter:
        return cls(**{**data, "version_info": tuple(data["version_info"])})


def candidates() -> list[str]:
    """Executables that may be CPythons: pyenv's, python3.X on PATH, uv's."""
    found: list[Path] = []
    home = Path.home()
    found += sorted(home.glob(".pyenv/versions/*/bin/python3"))
    found += sorted(home.glob(".local/share/uv/python/cpython-*/bin/python3"))
    for minor in range(OLDEST[1], 20):
        on_path = shutil.which(f"python3.{minor}")
        if on_path:
            found.append(Path(on_path))
    return [str(p) for p in found]


def probe(executable: str) -> Interpreter | None:
    """What ``executable`` is, or None if it is not a CPython this site can compare."""
    try:
        done = subprocess.run(
            [executable, "-I", "-c", _PROBE],
            capture_output=True,
            text=True,
            timeout=20,
            check=True,
        )
        facts = json.loads(done.stdout)
    except (OSError, subprocess.SubprocessError, ValueError):
        return None
    version_info = tuple(facts["version"])
    if facts["implementation"] != "CPython" or version_info < OLDEST:
        return None
    suffix = {"alpha": "a", "beta": "b", "candidate": "rc", "final": ""}[facts["releaselevel"]]
    version = ".".join(map(str, version_info)) + (f"{suffix}{facts['serial']}" if suffix else "")
    return Interpreter(
        version_info=version_info,  # type: ignore[arg-type]
        version=version,
        tag=f"v{version}",
        executable=executable,
        pool_py=str(Path(facts["pool_py"]).resolve()),
    )


def discover(configured: list[str] | None = None, venvs: Path | None = None) -> list[Interpreter]:
    """The interpreter running the build, and one other per exact version, oldest first.

    ``venvs`` is the folder of the per-version environments the build session made.
    """
    building = probe(sys.executable)
    found: dict[str, Interpreter] = {}
    if building is not None:
        found[building.version] = Interpreter(**{**asdict(building), "builds_the_site": True})
    for executable in configured if configured is not None else candidates():
        interpreter = probe(executable)
        if interpreter is not None and interpreter.version not in found:
            found[interpreter.version] = _with_venv(interpreter, venvs)
    return sorted(found.values())


def venv_python(venvs: Path, version: str) -> Path:
    """Where the build session puts the environment of one version."""
    return venvs / version / "bin" / "python"


def _with_venv(interpreter: Interpreter, venvs: Path | None) -> Interpreter:
    """The interpreter, running its examples in its venv if there is one of that version."""
    if venvs is None:
        return interpreter
    python = venv_python(venvs, interpreter.version)
    in_venv = probe(str(python)) if python.exists() else None
    if in_venv is None or in_venv.version != interpreter.version:
        return interpreter
    return Interpreter(**{**asdict(interpreter), "example_python": str(python)})


def others(data: list[dict]) -> list[Interpreter]:
    """The interpreters found, except the one that builds the site."""
    return [i for i in map(Interpreter.from_data, data) if not i.builds_the_site]


def versions_phrase(interpreters: list[Interpreter], comma: str = ", ", last: str = " and ") -> str:
    """ "3.8.18, 3.9.18 and 3.13.0"; the words between are the edition's (i18n.versions_phrase)."""
    names = [i.version for i in sorted(interpreters)]
    if len(names) <= 1:
        return "".join(names)
    return comma.join(names[:-1]) + last + names[-1]
