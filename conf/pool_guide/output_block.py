"""How a page shows a run: its output block, its caption and its run facts (presentation
only: editing this module re-reads pages but re-runs no example).

A caption says "Output" and only what differs from the defaults, which the landing page
states once (``defaults_sentence``); every fact of the run is one click away, in a
``<details>`` under the block.
"""

from __future__ import annotations

import html
from pathlib import PurePosixPath

from docutils import nodes

from .records import RunRecord
from .runner import CAPTURE_LABELS, MAX_OUTPUT_BYTES

#: The capture an example gets without ``:capture:`` (ExampleDirective.parse_options).
DEFAULT_CAPTURE = "pty"
#: An output longer than this many lines is folded...
FOLD_PAST_LINES = 25
#: ...to its first lines (the CSS in outputs.css shows this many: keep them equal).
FOLDED_LINES = 20


def output_block(record: RunRecord, timeout: float, document: nodes.document) -> nodes.Node:
    """The run's output under a caption naming what is unusual about it, anchored for links."""
    text = record.output.rstrip("\n") or "(no output)"
    block = nodes.literal_block(
        text, text, language="text", classes=["pg-output", f"pg-run-{record.run_id}"]
    )
    wrapper = with_caption(block, _caption(record, timeout), record.anchor, document)
    wrapper["classes"].append("pg-output-wrapper")
    controls = nodes.container(classes=["pg-output-controls"])
    lines = text.count("\n") + 1
    if lines > FOLD_PAST_LINES:
        # One <pre> keeps the whole text, so the copy button copies all of it; the CSS
        # shows its first lines until the reader opens this.
        wrapper["classes"].append("pg-long")
        controls += _fold_toggle(lines)
    controls += run_facts(record, timeout)
    wrapper += controls
    return wrapper


def caption_parts(record: RunRecord, timeout: float) -> list[str]:
    """What differs from the defaults (terminal capture, default start method, exit 0)."""
    parts = []
    if record.command != f"python {PurePosixPath(record.script).name}":
        parts.append(record.command)  # run with arguments: the reader needs them
    if record.capture != DEFAULT_CAPTURE:
        parts.append(f"through a {CAPTURE_LABELS[record.capture]}")
    if record.start_method_chosen:
        parts.append(f"start method {record.start_method}")
    if record.timed_out:
        parts.append(f"killed after the {timeout:g} s timeout")
    elif record.returncode != 0:
        parts.append(f"exit status {record.returncode}")
    if record.truncated:
        parts.append(f"cut at {MAX_OUTPUT_BYTES // 1024} KiB")
    if record.paths_shortened:
        parts.append("paths shortened")
    if record.study:
        parts.append(f"the first of {record.study['runs']} runs, studied below")
    return parts


def caption_text(record: RunRecord, timeout: float) -> str:
    return " · ".join(["Output", *caption_parts(record, timeout)])


def _caption(record: RunRecord, timeout: float) -> nodes.caption:
    caption = nodes.caption(caption_text(record, timeout), "")
    caption += nodes.strong(text="Output")
    for part in caption_parts(record, timeout):
        caption += nodes.Text(" · ")
        caption += nodes.literal(text=part) if part == record.command else nodes.Text(part)
    return caption


def run_facts(record: RunRecord, timeout: float) -> nodes.Node:
    """Every fact of the run, folded under "How this ran" (a disclosure: keyboard-usable)."""
    rows = "".join(
        f"<dt>{html.escape(name)}</dt><dd>{value}</dd>" for name, value in _facts(record, timeout)
    )
    return nodes.raw(
        "",
        f'<details class="pg-run-facts"><summary>How this ran</summary><dl>{rows}</dl></details>',
        format="html",
    )


def _facts(record: RunRecord, timeout: float) -> list[tuple[str, str]]:
    """(name, HTML value) pairs; the values are escaped here."""
    capture = CAPTURE_LABELS[record.capture]
    exit_status = (
        f"killed after the {timeout:g} s timeout"
        if record.timed_out
        else f"status {record.returncode}"
        + (", as the example expects" if record.returncode == record.expected_exit != 0 else "")
    )
    duration = f"{record.duration:.2f} s"
    if record.study:
        duration += (
            f" (the ordering study's {record.study['runs']} runs: "
            f"{record.study['seconds']:.1f} s in all)"
        )
    facts = [
        ("Command", f"<code>{html.escape(record.command)}</code>"),
        (
            "Captured",
            html.escape(
                f"on a {capture}" + (", the default" if record.capture == DEFAULT_CAPTURE else "")
            ),
        ),
        (
            "Start method",
            html.escape(
                record.start_method
                + (", chosen by the page" if record.start_method_chosen else ", the default")
            ),
        ),
        ("Exit", html.escape(exit_status)),
        ("Duration", html.escape(duration)),
        ("Ran", html.escape(f"{record.ran_at}, by this build")),
    ]
    notes = []
    if record.truncated:
        notes.append(f"cut at {MAX_OUTPUT_BYTES // 1024} KiB")
    if record.paths_shortened:
        notes.append(
            "paths shortened: relative to the site's checkout, <stdlib> for the standard library"
        )
    if notes:
        facts.append(("Output", html.escape("; ".join(notes))))
    return facts


def _fold_toggle(lines: int) -> nodes.Node:
    hidden = lines - FOLDED_LINES
    return nodes.raw(
        "",
        '<details class="pg-output-more"><summary>'
        f'<span class="pg-when-closed">Show all {lines} lines ({hidden} more)</span>'
        f'<span class="pg-when-open">Show the first {FOLDED_LINES} lines only</span>'
        "</summary></details>",
        format="html",
    )


def defaults_sentence(start_method: str) -> str:
    """The defaults a caption leaves out, for the landing page (stated once, from the code)."""
    return (
        "Unless its caption says otherwise, an output was captured on a "
        f"{CAPTURE_LABELS[DEFAULT_CAPTURE]}, as yours would show it. The script used this "
        f"build's default start method, {start_method}. It ended with exit status 0. Every "
        "output was run by this build. Under each output, “How this ran” gives its command, "
        "duration and date."
    )


def with_caption(
    block: nodes.literal_block,
    caption: str | nodes.caption,
    anchor: str,
    document: nodes.document,
) -> nodes.container:
    """The same structure Sphinx's code-block :caption: makes, so themes style it."""
    wrapper = nodes.container("", literal_block=True, classes=["literal-block-wrapper"])
    wrapper["ids"].append(anchor)
    document.ids[anchor] = wrapper  # so make_id gives the next block on the page another id
    if isinstance(caption, str):
        caption = nodes.caption(caption, "", nodes.Text(caption))
    wrapper += caption
    wrapper += block
    return wrapper
