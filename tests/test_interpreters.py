"""Finding the CPythons to compare, and comparing one excerpt across them."""

from __future__ import annotations

import sys
from pathlib import Path

from pool_guide import excerpt
from pool_guide.excerpt_versions import compare, unified_diff
from pool_guide.interpreters import Interpreter, discover, probe, versions_phrase


def test_the_building_interpreter_is_found_and_marked() -> None:
    (only,) = discover([])
    assert only.builds_the_site and only.executable == sys.executable
    assert only.version == ".".join(map(str, sys.version_info[:3]))
    assert Path(only.pool_py) == excerpt.pool_source_path()


def test_a_path_that_is_not_a_python_is_skipped() -> None:
    assert probe("/bin/true") is None
    assert probe("/no/such/python") is None
    assert len(discover(["/bin/true", sys.executable])) == 1  # the same version once


def test_versions_are_named_exactly_oldest_first() -> None:
    def fake(version: str) -> Interpreter:
        parts = tuple(int(p) for p in version.split("."))
        return Interpreter(parts, version, f"v{version}", "python", "pool.py")  # type: ignore[arg-type]

    found = [fake("3.13.0"), fake("3.8.18"), fake("3.10.13")]
    assert versions_phrase(found) == "3.8.18, 3.10.13 and 3.13.0"
    assert versions_phrase(found[:1]) == "3.13.0"


POOL_A = """\
def apply(func):
    check()
    return run(func)
"""
# The same definition moved down and re-indented inside nothing else: still identical.
POOL_SAME = "\n\n# a comment above\n" + POOL_A
# One line changed, one note's line gone.
POOL_OTHER = """\
def apply(func):
    return run(func)
"""


def _interpreter(tmp_path: Path, version: str, text: str) -> Interpreter:
    path = tmp_path / version / "pool.py"
    path.parent.mkdir()
    path.write_text(text)
    parts = tuple(int(p) for p in version.split("."))
    return Interpreter(parts, version, f"v{version}", "python", str(path))  # type: ignore[arg-type]


def test_an_excerpt_is_compared_by_its_lines_not_its_position(tmp_path: Path) -> None:
    mine = tmp_path / "mine.py"
    mine.write_text(POOL_A)
    shown = excerpt.find("apply", mine)
    same = _interpreter(tmp_path, "3.9.18", POOL_SAME)
    other = _interpreter(tmp_path, "3.13.0", POOL_OTHER)
    missing = _interpreter(tmp_path, "3.8.18", "x = 1\n")
    result = compare(shown, None, None, ["check()", "return run"], [other, same, missing])
    assert result.identical == [same]
    assert [(group, theirs.start) for group, theirs in result.different] == [([other], 1)]
    assert [i for i, _ in result.missing] == [missing]
    assert result.notes_missing == {"check()": [other, missing], "return run": [missing]}
    diff = unified_diff(shown, "CPython 3.11.7", result.different[0][1], "CPython 3.13.0")
    assert "-    check()" in diff.splitlines()
