"""A docutils table from a header and rows, and a fold for it: the report, the lab and the
timelines build theirs with these."""

from __future__ import annotations

import html
from collections.abc import Sequence

from docutils import nodes


def table(
    header: Sequence[object], rows: Sequence[Sequence[object]], widths: Sequence[int]
) -> nodes.table:
    """Cells are text or nodes; ``widths`` are relative column widths."""
    built = nodes.table(classes=["pg-table"])
    group = nodes.tgroup(cols=len(header))
    built += group
    for width in widths:
        group += nodes.colspec(colwidth=width)
    thead = nodes.thead()
    group += thead
    thead += _row(header)
    tbody = nodes.tbody()
    group += tbody
    for row in rows:
        tbody += _row(row)
    return built


def _row(cells: Sequence[object]) -> nodes.row:
    row = nodes.row()
    for cell in cells:
        entry = nodes.entry()
        entry += cell if isinstance(cell, nodes.Node) else nodes.paragraph(text=str(cell))
        row += entry
    return row


def details(summary: str, content: nodes.Node, wrap: bool = True) -> list[nodes.Node]:
    """``content`` folded in a ``<details>`` whose summary is ``summary`` (HTML only).

    A table placed while the page is read is wrapped by the theme (furo) itself; one
    placed later (``doctree-resolved``) needs ``wrap``: the theme's ``table-wrapper``.
    Wrapped twice, the inner wrapper's padding overflows the outer one on a phone.
    """
    wrapper = nodes.container("", content, classes=["table-wrapper"]) if wrap else content
    return [
        nodes.raw(
            "",
            f'<details class="pg-lab-details"><summary>{html.escape(summary)}</summary>',
            format="html",
        ),
        wrapper,
        nodes.raw("", "</details>", format="html"),
    ]
