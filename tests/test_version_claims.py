"""The pages' claims about CPython versions, checked against each interpreter found here.

Some pages say that every line their notes point at is the same in CPython 3.8
to 3.13. Each note's text fragment must then pick exactly one line of the same
definition in each of those versions' pool.py. Interpreters that are not
installed are skipped; this machine's CI has 3.8 to 3.13 (pyenv).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from functools import cache
from pathlib import Path

import pytest

from pool_guide import excerpt

VERSIONS = ["3.8", "3.9", "3.10", "3.11", "3.12", "3.13"]

DOCS = Path(__file__).resolve().parents[1] / "docs"
# Pages that state "every line the notes point at is the same in 3.8 to 3.13".
PAGES_CLAIMING_ALL_VERSIONS = [
    "apply.md",
    "map.md",
    "map-engine.md",
    "imap.md",
    "map-async.md",
    "async-result.md",
    "callbacks.md",
    "inside-pool.md",
    "errors.md",
    "lifecycle.md",
    "workers.md",
]

_DIRECTIVE = re.compile(r"^```\{pool-source\} (\S+)\n(.*?)^```$", re.M | re.S)
_OPTION = re.compile(r"^:(from|to): (.+)$", re.M)
_NOTE = re.compile(r"^- `([^`]+)`", re.M)


def excerpts(page: str) -> list[tuple[str, str | None, str | None, list[str]]]:
    """(definition, :from:, :to:, note fragments) for every excerpt of a page."""
    found = []
    for match in _DIRECTIVE.finditer((DOCS / page).read_text()):
        options = dict(_OPTION.findall(match[2]))
        notes = _NOTE.findall(match[2])
        found.append((match[1], options.get("from"), options.get("to"), notes))
    return found


CLAIMS = [(page, *e) for page in PAGES_CLAIMING_ALL_VERSIONS for e in excerpts(page)]


@cache
def pool_py(version: str) -> Path | None:
    candidates = sorted(Path.home().glob(f".pyenv/versions/{version}.*/bin/python"))
    python = str(candidates[-1]) if candidates else shutil.which(f"python{version}")
    if python is None:
        return None
    out = subprocess.run(
        [python, "-c", "import multiprocessing.pool as p; print(p.__file__)"],
        capture_output=True,
        text=True,
        check=True,
    )
    return Path(out.stdout.strip())


def test_the_pages_have_claims_to_check() -> None:
    assert sum(len(notes) for *_, notes in CLAIMS) > 30


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize(("page", "qualname", "first", "last", "notes"), CLAIMS)
def test_noted_lines_are_in_version(
    version: str,
    page: str,
    qualname: str,
    first: str | None,
    last: str | None,
    notes: list[str],
) -> None:
    path = pool_py(version)
    if path is None:
        pytest.skip(f"Python {version} is not installed here")
    shown = excerpt.find(qualname, path).narrowed(first, last)
    for fragment in notes:
        shown.line_of(fragment)  # raises unless exactly one line holds it
