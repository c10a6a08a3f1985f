"""``start-methods``: the outputs of one script under several start methods, side by side.

The content is ``example`` blocks, one per start method. They are shown in the order
fork, spawn, forkserver, whatever their order in the page's source: the text can always
say "the first column is fork". The source order only decides which block gets which
anchor (``output-<script>``, then ``output-N``), so links of earlier builds keep
pointing at the same run. The columns stand side by side where they fit (layout.css).
"""

from __future__ import annotations

from docutils import nodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from . import records
from .output_block import start_method_part

logger = logging.getLogger(__name__)

ORDER = ("fork", "spawn", "forkserver")


class StartMethodsDirective(SphinxDirective):
    has_content = True

    def run(self) -> list[nodes.Node]:
        parsed = nodes.container()
        self.state.nested_parse(self.content, self.content_offset, parsed)
        if not self.config.pool_guide_execute:  # nothing ran: no method to sort by
            return parsed.children
        runs = {r.run_id: r for r in records.runs(self.env, self.env.docname)}
        columns: list[tuple[int, nodes.Node]] = []
        for child in parsed.children:
            method = _start_method(child, runs)
            if method not in ORDER:
                logger.warning(
                    "start-methods holds only example blocks run under fork, spawn or "
                    f"forkserver; found {child.tagname} ({method or 'no run'})",
                    location=self.get_location(),
                    type="pool_guide",
                    subtype="start_methods",
                )
                return parsed.children
            column = nodes.container(classes=["pg-method", f"pg-method-{method}"])
            column += nodes.paragraph("", method, classes=["pg-method-name"])
            _drop_method_from_captions(child, method)
            column += child
            columns.append((ORDER.index(method), column))
        grid = nodes.container(classes=["pg-methods"])
        grid.extend(column for _order, column in sorted(columns, key=lambda pair: pair[0]))
        return [grid]


def _start_method(node: nodes.Node, runs: dict[str, records.RunRecord]) -> str | None:
    """The start method of the run an example block shows (from its output's class)."""
    if not isinstance(node, nodes.container) or "pg-example" not in node["classes"]:
        return None
    for block in node.findall(nodes.literal_block):
        for name in block["classes"]:
            if name.startswith("pg-run-") and name.removeprefix("pg-run-") in runs:
                return runs[name.removeprefix("pg-run-")].start_method
    return None


def _drop_method_from_captions(example: nodes.Node, method: str) -> None:
    """The column's heading names the method: its output caption need not say it again."""
    said = start_method_part(method)  # as the caption says it, in the edition's language
    for caption in example.findall(nodes.caption):
        parts = list(caption.children)
        for i, part in enumerate(parts):
            if isinstance(part, nodes.Text) and str(part) == said and i > 0:
                caption.remove(parts[i - 1])  # the " · " before it
                caption.remove(part)
                break
