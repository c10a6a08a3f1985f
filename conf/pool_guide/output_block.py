"""How a page shows a run: its output block and caption (presentation only: editing
this module re-reads pages but re-runs no example)."""

from __future__ import annotations

from docutils import nodes

from .records import RunRecord
from .runner import CAPTURE_LABELS, MAX_OUTPUT_BYTES


def output_block(record: RunRecord, timeout: float, document: nodes.document) -> nodes.Node:
    """The run's output under a caption naming how it ran, anchored for links."""
    text = record.output.rstrip("\n") or "(no output)"
    block = nodes.literal_block(
        text, text, language="text", classes=["pg-output", f"pg-run-{record.run_id}"]
    )
    method = record.start_method + ("" if record.start_method_chosen else " (default)")
    if record.timed_out:
        status = f"killed after the {timeout:g} s timeout"
    else:
        status = f"exit status {record.returncode}"
    parts = [
        f"Output of {record.command}, run by this build",
        f"captured on a {CAPTURE_LABELS[record.capture]}",
        f"start method {method}",
        status,
        f"{record.duration:.2f} s",
    ]
    if record.truncated:
        parts.append(f"cut at {MAX_OUTPUT_BYTES // 1024} KiB")
    if record.paths_shortened:
        parts.append("paths shortened")
    caption = " · ".join(parts)
    return with_caption(block, caption, record.anchor, document)


def with_caption(
    block: nodes.literal_block, caption: str, anchor: str, document: nodes.document
) -> nodes.container:
    """The same structure Sphinx's code-block :caption: makes, so themes style it."""
    wrapper = nodes.container("", literal_block=True, classes=["literal-block-wrapper"])
    wrapper["ids"].append(anchor)
    document.ids[anchor] = wrapper  # so make_id gives the next block on the page another id
    wrapper += nodes.caption(caption, "", nodes.Text(caption))
    wrapper += block
    return wrapper
