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
PAGES_CLAIMING_ALL_VERSIONS = ["apply.md", "map.md", "map-engine.md"]

_DIRECTIVE = re.compile(r"^```\{pool-source\} (\S+)\n(.*?)^```$", re.M | re.S)
_FRAGMENT = re.compile(r"^- `([^`]+)`|^:(?:from|to): (.+)$", re.M)


def fragments(page: str) -> list[tuple[str, str]]:
    """(definition, text fragment) for every note, :from: and :to: of a page's excerpts."""
    found = []
    for match in _DIRECTIVE.finditer((DOCS / page).read_text()):
        for fragment in _FRAGMENT.finditer(match[2]):
            found.append((match[1], fragment[1] or fragment[2]))
    return found


CLAIMS = [(page, q, f) for page in PAGES_CLAIMING_ALL_VERSIONS for q, f in fragments(page)]


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
    assert len(CLAIMS) > 30


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize(("page", "qualname", "fragment"), CLAIMS)
def test_noted_line_is_in_version(version: str, page: str, qualname: str, fragment: str) -> None:
    path = pool_py(version)
    if path is None:
        pytest.skip(f"Python {version} is not installed here")
    found = excerpt.find(qualname, path)
    found.line_of(fragment)  # raises unless exactly one line holds it
