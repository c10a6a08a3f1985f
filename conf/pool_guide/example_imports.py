"""Which packages an example needs, and which of them an interpreter lacks.

An example that imports a package missing for some CPython is shown as not run there,
with the package named, rather than as a failure. The imports are read from the
script (and from the modules of its own folder that it imports), not guessed from a
failed run.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from functools import cache
from pathlib import Path

_PROBE = (
    "import importlib.util, json, sys; "
    "print(json.dumps([n for n in sys.argv[1:] if importlib.util.find_spec(n) is None]))"
)


def _top_level_imports(script: Path) -> set[str]:
    tree = ast.parse(script.read_text(encoding="utf-8"), filename=str(script))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def third_party_imports(script: Path) -> list[str]:
    """The packages ``script`` imports that are neither in the stdlib nor beside it."""
    seen: set[Path] = set()
    found: set[str] = set()
    todo = [script]
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        for name in _top_level_imports(path):
            local = path.parent / f"{name}.py"
            if local.is_file():
                todo.append(local)
            elif name not in sys.stdlib_module_names and name != "__future__":
                found.add(name)
    return sorted(found)


@cache
def missing_modules(python: str, names: tuple[str, ...]) -> tuple[str, ...]:
    """Which of ``names`` the interpreter ``python`` cannot import."""
    if not names:
        return ()
    done = subprocess.run(
        [python, "-I", "-c", _PROBE, *names],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return tuple(json.loads(done.stdout))
