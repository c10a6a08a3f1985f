"""Excerpts: found by qualified name in this interpreter's pool.py, with real line numbers."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from pool_guide import excerpt
from pool_guide.source_directive import parse_notes

POOL_LINES = excerpt.pool_source_path().read_text(encoding="utf-8").splitlines()


@pytest.mark.parametrize(
    ("qualname", "first_line_start"),
    [
        ("Pool.apply", "def apply("),
        ("Pool._map_async", "def _map_async("),
        ("Pool._get_tasks", "@staticmethod"),  # decorators belong to the definition
        ("MapResult._set", "def _set("),
        ("IMapIterator.next", "def next("),
        ("starmapstar", "def starmapstar("),
        ("mapstar", "def mapstar("),
        ("worker", "def worker("),
        ("ApplyResult", "class ApplyResult"),
        ("AsyncResult", "AsyncResult = ApplyResult"),
    ],
)
def test_definitions_are_found_with_the_files_line_numbers(
    qualname: str, first_line_start: str
) -> None:
    found = excerpt.find(qualname)
    assert found.lines[0].strip().startswith(first_line_start)
    assert list(found.lines) == POOL_LINES[found.start - 1 : found.end]
    assert found.path == excerpt.pool_source_path()


def test_a_missing_name_names_itself_and_the_python_version() -> None:
    with pytest.raises(excerpt.ExcerptError) as caught:
        excerpt.find("Pool.no_such_method")
    message = str(caught.value)
    assert "Pool.no_such_method" in message
    assert excerpt.python_label() in message


def test_a_fragment_picks_exactly_one_real_line() -> None:
    found = excerpt.find("Pool.apply")
    line = found.line_of("return self.apply_async")
    assert "return self.apply_async" in POOL_LINES[line - 1]
    with pytest.raises(excerpt.ExcerptError, match=r"not in Pool\.apply"):
        found.line_of("no such text")
    with pytest.raises(excerpt.ExcerptError, match="several lines"):
        found.line_of("self")


def test_github_link_names_the_interpreters_tag_and_lines() -> None:
    found = excerpt.find("Pool.apply")
    v = sys.version_info
    if excerpt.cpython_tag() is None:
        pytest.skip("not CPython")
    url = found.github_url()
    assert url is not None
    assert url.startswith(f"https://github.com/python/cpython/blob/v{v.major}.{v.minor}.{v.micro}")
    assert url.endswith(f"/Lib/multiprocessing/pool.py#L{found.start}-L{found.end}")
    assert found.github_url(found.start, found.start).endswith(f"#L{found.start}")


def test_prerelease_tags(monkeypatch: pytest.MonkeyPatch) -> None:
    class Info(tuple):
        major, minor, micro, releaselevel, serial = 3, 14, 0, "candidate", 2

    monkeypatch.setattr(excerpt.sys, "version_info", Info())
    assert excerpt.cpython_tag() == "v3.14.0rc2"


def test_no_cpython_source_is_committed() -> None:
    """Single lines may be quoted as note anchors; three consecutive lines may not."""

    def windows(lines: list[str]) -> set[tuple[str, ...]]:
        # Imports are not source: any module may import threading, time and traceback.
        code = [
            line.strip()
            for line in lines
            if len(line.strip()) > 8 and not line.strip().startswith(("import ", "from "))
        ]
        return {tuple(code[i : i + 3]) for i in range(len(code) - 2)}

    pool_windows = windows(POOL_LINES)
    repo = Path(__file__).resolve().parents[1]
    copied = [
        path
        for path in repo.rglob("*")
        if path.is_file()
        and path.suffix in {".py", ".md", ".txt", ".ipynb", ".toml"}
        and not {".git", ".nox", "build"} & set(path.relative_to(repo).parts)
        and windows(path.read_text(errors="ignore").splitlines()) & pool_windows
    ]
    assert copied == []


def test_notes_are_parsed_from_fragment_bullets() -> None:
    notes = parse_notes(
        [
            "- `return self.apply_async` The one line.",
            "  It continues here.",
            "",
            "- `def apply(` Second.",
        ]
    )
    assert [(n.fragment, n.text) for n in notes] == [
        ("return self.apply_async", ["The one line.", "It continues here."]),
        ("def apply(", ["Second."]),
    ]
    with pytest.raises(ValueError, match="not a note"):
        parse_notes(["just prose"])
