"""Find a definition in the running interpreter's ``multiprocessing/pool.py``.

Nothing of CPython is stored in this repository: every excerpt is read, at
build time, from the file the build's own interpreter imports, and located by
qualified name with :mod:`ast`, so its line numbers are the real ones.
"""

from __future__ import annotations

import ast
import multiprocessing.pool
import platform
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

GITHUB_BLOB = "https://github.com/python/cpython/blob/{tag}/Lib/multiprocessing/pool.py"


class ExcerptError(LookupError):
    """A name or a note's text fragment is not in this interpreter's pool.py."""


@dataclass(frozen=True)
class Excerpt:
    """A definition from pool.py: its lines and where they are."""

    qualname: str
    path: Path
    start: int  # first line, 1-based, decorators included
    end: int  # last line, inclusive
    lines: tuple[str, ...]

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    def line_of(self, fragment: str) -> int:
        """The real line number of the one line holding ``fragment``."""
        hits = [self.start + i for i, line in enumerate(self.lines) if fragment in line]
        if not hits:
            raise ExcerptError(
                f"text {fragment!r} is not in {self.qualname} "
                f"(lines {self.start}-{self.end} of pool.py, {python_label()})"
            )
        if len(hits) > 1:
            raise ExcerptError(
                f"text {fragment!r} is on several lines of {self.qualname} "
                f"({', '.join(map(str, hits))}; {python_label()}): quote more of the line"
            )
        return hits[0]

    def narrowed(self, first: str | None, last: str | None) -> Excerpt:
        """Only the lines from the one holding ``first`` to the one holding ``last``."""
        start = self.line_of(first) if first else self.start
        end = self.line_of(last) if last else self.end
        if end < start:
            raise ExcerptError(f"the last line ({end}) comes before the first ({start})")
        kept = self.lines[start - self.start : end - self.start + 1]
        return Excerpt(self.qualname, self.path, start, end, kept)

    def github_url(self, first: int | None = None, last: int | None = None) -> str | None:
        """The same lines at the matching CPython tag, or None off CPython."""
        tag = cpython_tag()
        if tag is None:
            return None
        first = self.start if first is None else first
        last = self.end if last is None else last
        anchor = f"#L{first}" if first == last else f"#L{first}-L{last}"
        return GITHUB_BLOB.format(tag=tag) + anchor


def pool_source_path() -> Path:
    """The pool.py that this interpreter imports."""
    return Path(multiprocessing.pool.__file__).resolve()


@cache
def _parsed(path: Path) -> tuple[tuple[str, ...], ast.Module]:
    text = path.read_text(encoding="utf-8")
    return tuple(text.splitlines()), ast.parse(text, filename=str(path))


def find(qualname: str, path: Path | None = None) -> Excerpt:
    """Locate ``qualname`` ("Pool.apply", "starmapstar", "MapResult._set") in pool.py."""
    path = pool_source_path() if path is None else path
    lines, tree = _parsed(path)
    scope: list[ast.stmt] = tree.body
    node: ast.stmt | None = None
    for part in qualname.split("."):
        node = next((n for n in scope if _defines(n, part)), None)
        if node is None:
            raise ExcerptError(f"{qualname!r} is not defined in {path} ({python_label()})")
        scope = getattr(node, "body", [])
    assert node is not None and node.end_lineno is not None
    decorators = getattr(node, "decorator_list", [])
    start = min([node.lineno, *(d.lineno for d in decorators)])
    return Excerpt(qualname, path, start, node.end_lineno, lines[start - 1 : node.end_lineno])


def _defines(node: ast.stmt, name: str) -> bool:
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return node.name == name
    if isinstance(node, ast.Assign):  # e.g. "AsyncResult = ApplyResult"
        return any(isinstance(t, ast.Name) and t.id == name for t in node.targets)
    return False


def cpython_tag() -> str | None:
    """The git tag of this interpreter's release, e.g. "v3.11.7" or "v3.13.0rc2"."""
    if platform.python_implementation() != "CPython":
        return None
    v = sys.version_info
    suffix = {"alpha": "a", "beta": "b", "candidate": "rc", "final": ""}[v.releaselevel]
    serial = str(v.serial) if suffix else ""
    return f"v{v.major}.{v.minor}.{v.micro}{suffix}{serial}"


def python_label() -> str:
    return f"{platform.python_implementation()} {platform.python_version()}"
