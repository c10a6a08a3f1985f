"""An excerpt of pool.py with its notes beside the lines they explain (HTML).

The excerpt is cut into segments, each starting at a noted line, as Docco and Pycco
do: on a wide screen a segment's notes sit beside it; on a narrow one they follow it.
Every line has its own anchor (``<excerpt id>-L<number>``) and a line number that links
to it, so a reviewer can link one line of the page. A noted line carries a numbered
marker that links to its note, and each note links back to its line.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from docutils import nodes
from pygments.lexers import PythonLexer
from pygments.token import STANDARD_TYPES, _TokenType
from sphinx.writers.html5 import HTML5Translator

from .i18n import _


class annotated_excerpt(nodes.General, nodes.Element):
    """Lines of pool.py; its children are the notes, in line order (one per ``note_lines``)."""


@dataclass(frozen=True)
class Segment:
    first: int  # real line number of the segment's first line
    last: int
    notes: list[int]  # indexes into the node's children


def dedent(lines: list[str]) -> tuple[list[str], int]:
    """The lines without their common indentation, and its width."""
    widths = [len(line) - len(line.lstrip(" ")) for line in lines if line.strip()]
    width = min(widths, default=0)
    return [line[width:] for line in lines], width


def segments(first: int, last: int, note_lines: list[int]) -> list[Segment]:
    """Cut lines first..last so that each noted line starts a segment."""
    starts = sorted({first, *note_lines})
    cut: list[Segment] = []
    for i, start in enumerate(starts):
        end = starts[i + 1] - 1 if i + 1 < len(starts) else last
        notes = [n for n, line in enumerate(note_lines) if line == start]
        cut.append(Segment(start, end, notes))
    return cut


def highlighted_lines(text: str) -> list[str]:
    """Each line of ``text`` as HTML spans with Pygments' short classes.

    The whole text is lexed at once (a docstring spans lines), then cut at newlines, so
    every line's HTML stands alone.
    """
    lines: list[list[str]] = [[]]
    for ttype, value in PythonLexer(stripnl=False, ensurenl=False).get_tokens(text):
        css = _css_class(ttype)
        for i, part in enumerate(value.split("\n")):
            if i:
                lines.append([])
            if part:
                escaped = html.escape(part, quote=False)
                lines[-1].append(f'<span class="{css}">{escaped}</span>' if css else escaped)
    return ["".join(parts) for parts in lines]


def _css_class(ttype: _TokenType) -> str:
    while ttype not in STANDARD_TYPES:
        ttype = ttype.parent
    return STANDARD_TYPES[ttype]


def visit_annotated_excerpt(self: HTML5Translator, node: annotated_excerpt) -> None:
    anchor: str = node["anchor"]
    first: int = node["first"]
    lines: list[str] = node["lines"]
    note_lines: list[int] = node["note_lines"]
    marked: set[int] = set(node["marked"])
    code = highlighted_lines("\n".join(lines))
    numbers: dict[int, int] = {}  # a noted line's marker opens its first note
    for n, line in enumerate(note_lines, 1):
        numbers.setdefault(line, n)
    self.body.append(
        f'<div class="pg-ann highlight" data-first-line="{first}" data-dedent="{node["dedent"]}">'
    )
    for segment in segments(first, first + len(lines) - 1, note_lines):
        noted = " pg-ann-noted" if segment.notes else ""
        self.body.append(f'<div class="pg-ann-segment{noted}"><div class="pg-ann-code">')
        for number in range(segment.first, segment.last + 1):
            text = lines[number - first]
            indent = len(text) - len(text.lstrip(" "))
            html_line = code[number - first]
            self.body.append(_line_html(anchor, number, html_line, indent, numbers, marked))
        self.body.append("</div>")
        if segment.notes:
            self.body.append('<div class="pg-ann-notes">')
            for index in segment.notes:
                node.children[index].walkabout(self)
            self.body.append("</div>")
        self.body.append("</div>")
    self.body.append("</div>")
    raise nodes.SkipNode


def _line_html(
    anchor: str, number: int, code: str, indent: int, notes: dict[int, int], marked: set[int]
) -> str:
    line_id = f"{anchor}-L{number}"
    classes = "pg-line pg-line-marked" if number in marked else "pg-line"
    marker = ""
    if number in notes:
        note = notes[number]
        # Translators: a screen reader's name for a note's numbered marker
        note_label = html.escape(_("Note {number}").format(number=note))
        marker = (
            f'<a class="pg-ann-marker" href="#{anchor}-note-{note}" '
            f'aria-label="{note_label}">{note}</a>'
        )
    # A line too long for the column wraps under its own text, not under its indentation
    # (up to 40% of the width: a deep continuation line still leaves room for its text).
    hanging = f' style="--pg-indent:{indent}ch"' if indent else ""
    line_label = html.escape(_("pool.py line {number}").format(number=number))
    return (
        f'<div class="{classes}" id="{line_id}">'
        f'<a class="pg-ln" href="#{line_id}" aria-label="{line_label}">{number}</a>'
        f"{marker}<code{hanging}>{code}</code></div>"
    )


def note_node(anchor: str, number: int, line: int, body: nodes.Element) -> nodes.container:
    """A note: ``body``'s parsed text, led by its number, which links back to its line."""
    note = nodes.container(classes=["pg-ann-note"])
    note["ids"].append(f"{anchor}-note-{number}")
    back = nodes.reference(
        "",
        str(number),
        refuri=f"#{anchor}-L{line}",
        classes=["pg-ann-num"],
        reftitle=_("pool.py line {number}").format(number=line),
    )
    first = next(iter(body.findall(nodes.paragraph)), None)
    if first is None:
        note += nodes.paragraph("", "", back)
    else:
        first.insert(0, back)
        first.insert(1, nodes.Text(" "))
    note.extend(body.children)
    return note


def depart_noop(self: HTML5Translator, node: nodes.Element) -> None:
    pass
