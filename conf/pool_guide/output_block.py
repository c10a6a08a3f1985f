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

from .i18n import _
from .records import RunRecord
from .runner import CAPTURE_LABELS, MAX_OUTPUT_BYTES

#: The capture an example gets without ``:capture:`` (ExampleDirective.parse_options).
DEFAULT_CAPTURE = "pty"
#: An output longer than this many lines is folded...
FOLD_PAST_LINES = 25
#: ...to its first lines (the CSS in outputs.css shows this many: keep them equal).
FOLDED_LINES = 20

#: CAPTURE_LABELS' words, for the catalogue: they live in runner.py, whose edits re-run
#: every example. capture_label() translates them.
_CAPTURE_WORDS = (
    # Translators: how an output was captured, in "through a …" and "on a …"
    _("terminal (line-buffered)"),
    _("pipe (block-buffered)"),
    _("pipe, with PYTHONUNBUFFERED=1"),
)


def capture_label(capture: str) -> str:
    """``CAPTURE_LABELS[capture]`` in the edition's language."""
    return str(_(CAPTURE_LABELS[capture]))


def start_method_part(method: str) -> str:
    """The caption's part for a start method the page chose (start_method_directive drops it)."""
    return _("start method {method}").format(method=method)


def output_block(record: RunRecord, timeout: float, document: nodes.document) -> nodes.Node:
    """The run's output under a caption naming what is unusual about it, anchored for links."""
    text = record.output.rstrip("\n") or str(_("(no output)"))
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
        parts.append(_("through a {capture}").format(capture=capture_label(record.capture)))
    if record.start_method_chosen:
        parts.append(start_method_part(record.start_method))
    if record.timed_out:
        parts.append(_("killed after the {timeout:g} s timeout").format(timeout=timeout))
    elif record.returncode != 0:
        parts.append(_("exit status {status}").format(status=record.returncode))
    if record.truncated:
        parts.append(_("cut at {kib} KiB").format(kib=MAX_OUTPUT_BYTES // 1024))
    if record.paths_shortened:
        parts.append(str(_("paths shortened")))
    if record.study:
        parts.append(_("the first of {runs} runs, studied below").format(runs=record.study["runs"]))
    return parts


def caption_text(record: RunRecord, timeout: float) -> str:
    return " · ".join([str(_("Output")), *caption_parts(record, timeout)])


def _caption(record: RunRecord, timeout: float) -> nodes.caption:
    caption = nodes.caption(caption_text(record, timeout), "")
    # Translators: the caption of an example's output block
    caption += nodes.strong(text=_("Output"))
    for part in caption_parts(record, timeout):
        caption += nodes.Text(" · ")
        caption += nodes.literal(text=part) if part == record.command else nodes.Text(part)
    return caption


def run_facts(record: RunRecord, timeout: float) -> nodes.Node:
    """Every fact of the run, folded under "How this ran" (a disclosure: keyboard-usable)."""
    rows = "".join(
        f"<dt>{html.escape(name)}</dt><dd>{value}</dd>" for name, value in _facts(record, timeout)
    )
    # Translators: the disclosure under an output that shows its command, duration and date
    summary = html.escape(_("How this ran"))
    return nodes.raw(
        "",
        f'<details class="pg-run-facts"><summary>{summary}</summary><dl>{rows}</dl></details>',
        format="html",
    )


def _facts(record: RunRecord, timeout: float) -> list[tuple[str, str]]:
    """(name, HTML value) pairs; the values are escaped here."""
    capture = capture_label(record.capture)
    if record.timed_out:
        exit_status = _("killed after the {timeout:g} s timeout").format(timeout=timeout)
    elif record.returncode == record.expected_exit != 0:
        exit_status = _("status {status}, as the example expects").format(status=record.returncode)
    else:
        exit_status = _("status {status}").format(status=record.returncode)
    if record.study:
        duration = _(
            "{seconds:.2f} s (the ordering study's {runs} runs: {total:.1f} s in all)"
        ).format(seconds=record.duration, runs=record.study["runs"], total=record.study["seconds"])
    else:
        duration = _("{seconds:.2f} s").format(seconds=record.duration)
    if record.capture == DEFAULT_CAPTURE:
        captured = _("on a {capture}, the default").format(capture=capture)
    else:
        captured = _("on a {capture}").format(capture=capture)
    if record.start_method_chosen:
        method = _("{method}, chosen by the page").format(method=record.start_method)
    else:
        method = _("{method}, the default").format(method=record.start_method)
    facts = [
        # Translators: the names of the facts under an output, in "How this ran"
        (_("Command"), f"<code>{html.escape(record.command)}</code>"),
        (_("Captured"), html.escape(captured)),
        (_("Start method"), html.escape(method)),
        # Translators: the fact "Exit": the script's exit status
        (_("Exit"), html.escape(exit_status)),
        (_("Duration"), html.escape(duration)),
        (_("Ran"), html.escape(_("{date}, by this build").format(date=record.ran_at))),
    ]
    notes = []
    if record.truncated:
        notes.append(_("cut at {kib} KiB").format(kib=MAX_OUTPUT_BYTES // 1024))
    if record.paths_shortened:
        # Translators: keep <stdlib> as it is: tracebacks print it so
        shortened = _(
            "paths shortened: relative to the site's checkout, <stdlib> for the standard library"
        )
        notes.append(str(shortened))
    if notes:
        facts.append((_("Output"), html.escape("; ".join(notes))))
    return facts


def _fold_toggle(lines: int) -> nodes.Node:
    hidden = lines - FOLDED_LINES
    closed = _("Show all {lines} lines ({hidden} more)").format(lines=lines, hidden=hidden)
    opened = _("Show the first {lines} lines only").format(lines=FOLDED_LINES)
    return nodes.raw(
        "",
        '<details class="pg-output-more"><summary>'
        f'<span class="pg-when-closed">{html.escape(closed)}</span>'
        f'<span class="pg-when-open">{html.escape(opened)}</span>'
        "</summary></details>",
        format="html",
    )


def defaults_sentence(start_method: str) -> str:
    """The defaults a caption leaves out, for the landing page (stated once, from the code)."""
    return _(
        "Unless its caption says otherwise, an output was captured on a {capture}, as yours "
        "would show it. The script used this build's default start method, {start_method}. "
        "It ended with exit status 0. Every output was run by this build. Under each output, "
        "“How this ran” gives its command, duration and date."
    ).format(capture=capture_label(DEFAULT_CAPTURE), start_method=start_method)


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
