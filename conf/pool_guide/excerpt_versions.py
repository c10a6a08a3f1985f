"""One excerpt of pool.py compared with the same definition in the other CPythons found.

The comparison is made on the dedented lines between the same ``:from:`` and ``:to:``
fragments, so a definition that only moved in the file is "identical". Each note's
fragment is looked up in each version too: a note about a line that a version does not
have says so.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

from .annotated_excerpt import dedent
from .excerpt import GITHUB_BLOB, Excerpt, ExcerptError, find
from .i18n import _
from .interpreters import Interpreter


@dataclass
class Comparison:
    """How each other version's definition compares with the one shown."""

    identical: list[Interpreter] = field(default_factory=list)
    # Versions whose lines differ, grouped by their text: (versions, one of their excerpts).
    different: list[tuple[list[Interpreter], Excerpt]] = field(default_factory=list)
    missing: list[tuple[Interpreter, str]] = field(default_factory=list)  # (version, why)
    # A note's fragment -> the versions whose definition has no line with it.
    notes_missing: dict[str, list[Interpreter]] = field(default_factory=dict)

    @property
    def compared(self) -> list[Interpreter]:
        return sorted(
            self.identical
            + [i for group, _theirs in self.different for i in group]
            + [i for i, _why in self.missing]
        )


def _text(lines: tuple[str, ...]) -> list[str]:
    return dedent(list(lines))[0]


def compare(
    shown: Excerpt,
    first: str | None,
    last: str | None,
    fragments: list[str],
    interpreters: list[Interpreter],
) -> Comparison:
    result = Comparison()
    mine = _text(shown.lines)
    by_text: dict[tuple[str, ...], tuple[list[Interpreter], Excerpt]] = {}
    for interpreter in sorted(interpreters):
        try:
            theirs = find(shown.qualname, Path(interpreter.pool_py)).narrowed(first, last)
        except ExcerptError:
            # Translators: why a CPython lacks an excerpt: "not in 3.8.18 (…)"
            why = _("{name} is not in its pool.py").format(name=shown.qualname)
            if first or last:
                why = _("its {name} has no single line with the first or last text").format(
                    name=shown.qualname
                )
            result.missing.append((interpreter, why))
            continue
        except OSError:
            result.missing.append((interpreter, str(_("its pool.py could not be read"))))
            continue
        text = tuple(_text(theirs.lines))
        if list(text) == mine:
            result.identical.append(interpreter)
        else:
            by_text.setdefault(text, ([], theirs))[0].append(interpreter)
        for fragment in fragments:
            if not any(fragment in line for line in theirs.lines):
                result.notes_missing.setdefault(fragment, []).append(interpreter)
    result.different = list(by_text.values())
    for interpreter, _why in result.missing:
        for fragment in fragments:
            result.notes_missing.setdefault(fragment, []).append(interpreter)
    return result


def github_url(interpreter: Interpreter, excerpt: Excerpt) -> str:
    """The excerpt's lines at that version's tag on GitHub."""
    anchor = (
        f"#L{excerpt.start}-L{excerpt.end}" if excerpt.end > excerpt.start else f"#L{excerpt.start}"
    )
    return GITHUB_BLOB.format(tag=interpreter.tag) + anchor


def unified_diff(shown: Excerpt, label: str, theirs: Excerpt, their_label: str) -> str:
    """The difference from the shown lines to theirs, dedented, as ``diff -u`` writes it."""
    return "\n".join(
        difflib.unified_diff(
            _text(shown.lines),
            _text(theirs.lines),
            fromfile=f"{label}, pool.py lines {shown.start}-{shown.end}",
            tofile=f"{their_label}, pool.py lines {theirs.start}-{theirs.end}",
            lineterm="",
        )
    )
