"""Render an ordering study: its summary, the most frequent output, then each other output
as a difference from it (the lines that moved marked), with its count."""

from __future__ import annotations

import difflib
import html
from collections import Counter
from dataclasses import dataclass
from typing import Any

from docutils import nodes

from .i18n import _
from .study import MASK

#: Other outputs shown open; the rest sit behind a <details>.
SHOWN = 5
#: Lines missing from an output that are listed by name; past this, counted.
MISSING_LISTED = 4

#: How a run's worker lines came out (lazy: translated where they are used).
CLASS_LABELS = {
    # Translators: runs counted by their worker lines: "12 clean, 3 with spliced lines, …"
    "clean": _("clean"),
    "spliced": _("with spliced lines"),
    "lost": _("with lost lines"),
}

#: How a variant's line compares with the most frequent output: its CSS class, and the
#: marker a reader sees in the gutter (outputs.css draws it; it is not copied).
SAME, MOVED, NEW = "same", "moved", "new"


@dataclass(frozen=True)
class Difference:
    """A variant's lines, each marked against the most frequent output, and what it lacks."""

    lines: list[tuple[str, str]]  # (status, line)
    missing: list[str]

    def count(self, status: str) -> int:
        return sum(s == status for s, _line in self.lines)


def difference(reference: str, variant: str) -> Difference:
    """Mark each line of ``variant``: in the same place as in ``reference``, moved, or new.

    difflib matches the longest runs of lines in the same order; an unmatched line that
    the reference also has (and has not matched yet) moved, any other line is new.
    """
    ref, var = reference.splitlines(), variant.splitlines()
    status = [NEW] * len(var)
    unmatched_ref: Counter[str] = Counter()
    matcher = difflib.SequenceMatcher(None, ref, var, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            status[j1:j2] = [SAME] * (j2 - j1)
        else:
            unmatched_ref.update(ref[i1:i2])
    for j, line in enumerate(var):
        if status[j] == NEW and unmatched_ref[line] > 0:
            unmatched_ref[line] -= 1
            status[j] = MOVED
    missing = []
    for line in ref:  # what is left unmatched, in the reference's order
        if unmatched_ref[line] > 0:
            unmatched_ref[line] -= 1
            missing.append(line)
    return Difference(list(zip(status, var, strict=True)), missing)


def study_nodes(study: dict[str, Any], anchor: str) -> nodes.Node:
    """The study box: summary first, then the outputs, never wider than the column."""
    runs, ranked = study["runs"], study["ranked"]
    box = nodes.container(classes=["pg-study"], ids=[anchor])
    box += _summary(study)
    if len(ranked) == 1:
        return box
    top, top_count = ranked[0]
    tied = top_count == ranked[1][1]
    if tied:
        legend = _(
            "Output 1 is the first seen of the most frequent. The others are shown as "
            "differences from it: ↕ marks a line that moved, + a line output 1 does not have."
        )
    else:
        legend = _(
            "Output 1 is the most frequent. The others are shown as differences from it: "
            "↕ marks a line that moved, + a line output 1 does not have."
        )
    box += nodes.paragraph(classes=["pg-study-legend"], text=legend)
    others = [(n, text, count) for n, (text, count) in enumerate(ranked[1:], start=2)]
    listing = _variant_list(others[:SHOWN], top, runs)
    listing.insert(0, _top_item(top, top_count, runs, tied))
    box += listing
    rest = others[SHOWN:]
    if rest:
        seen = sum(count for _number, _text, count in rest)
        if seen == 1:
            more = _("{count} more outputs, seen in {seen} run")
        else:
            more = _("{count} more outputs, seen in {seen} runs")
        summary = html.escape(more.format(count=len(rest), seen=seen))
        box += nodes.raw(
            "", f'<details class="pg-study-more"><summary>{summary}</summary>', format="html"
        )
        box += _variant_list(rest, top, runs)
        box += nodes.raw("", "</details>", format="html")
    return box


def _summary(study: dict[str, Any]) -> nodes.paragraph:
    runs, ranked = study["runs"], study["ranked"]
    summary = nodes.paragraph(classes=["pg-study-summary"])
    summary += nodes.strong(text=_("Ordering study:"))
    # The summary is glued from pieces: each starts with a space, or with the punctuation
    # that ends the piece before it.
    if runs < study["planned"]:
        # Translators: after "Ordering study:"; the sentence goes on ". 3 distinct outputs"
        text = _(
            " {runs} runs of this script in this build, {seconds:.1f} s in all "
            "({planned} were planned; the time budget stopped it)"
        )
    else:
        # Translators: after "Ordering study:"; the sentence goes on ". 3 distinct outputs"
        text = _(" {runs} runs of this script in this build, {seconds:.1f} s in all")
    summary += nodes.Text(
        text.format(runs=runs, seconds=study["seconds"], planned=study["planned"])
    )
    if len(ranked) == 1:
        summary += nodes.Text(_(". Every run printed the same output"))
        summary += _mask_note(study)
        summary += nodes.Text(".")
    else:
        summary += nodes.Text(_(". {count} distinct outputs").format(count=len(ranked)))
        summary += _mask_note(study)
        summary += nodes.Text(
            _("; {most_frequent}.").format(most_frequent=_most_frequent(ranked, runs))
        )
    if study["classes"]:
        parts = [f"{study['classes'].get(key, 0)} {label}" for key, label in CLASS_LABELS.items()]
        summary += nodes.Text(
            _(" Runs by their worker lines: {counts}.").format(counts=", ".join(parts))
        )
    return summary


def _most_frequent(ranked: list[list[Any]], runs: int) -> str:
    """How often the most frequent output came up, saying so when others tie with it."""
    top = ranked[0][1]
    tied = sum(count == top for _text, count in ranked)
    if tied == 1:
        return _("the most frequent was printed by {share}").format(share=_share(top, runs))
    if top == 1:
        return str(_("each was printed by one run"))
    return _("the {count} most frequent were each printed by {share}").format(
        count=tied, share=_share(top, runs)
    )


def _variant_list(variants: list[tuple[int, str, int]], top: str, runs: int) -> nodes.bullet_list:
    listing = nodes.bullet_list(classes=["pg-study-outputs"])
    for number, text, count in variants:
        diff = difference(top, text)
        item = nodes.list_item(classes=["pg-study-variant"])
        changes = [
            (one if n == 1 else many).format(count=n)
            for n, one, many in (
                (diff.count(MOVED), _("{count} line moved"), _("{count} lines moved")),
                (diff.count(NEW), _("{count} line new"), _("{count} lines new")),
            )
            if n
        ]
        if diff.missing:
            changes.append(_("{count} missing").format(count=len(diff.missing)))
        shared = _("{number}, printed by {share}").format(number=number, share=_share(count, runs))
        item += _label(shared, changes)
        item += _marked_pre(diff)
        if diff.missing:
            item += _missing(diff.missing)
        listing += item
    return listing


def _missing(lines: list[str]) -> nodes.paragraph:
    """The lines of output 1 this output lacks, each as code (an empty one named); many
    are counted only: they are all in output 1."""
    para = nodes.paragraph(classes=["pg-study-missing"], text=_("Missing here: "))
    if len(lines) > MISSING_LISTED:
        para += nodes.Text(_("{count} lines of output 1.").format(count=len(lines)))
        return para
    for n, line in enumerate(lines):
        para += nodes.Text(", " if n else "")
        para += nodes.literal(text=line) if line else nodes.Text(_("an empty line"))
    return para


def _top_item(text: str, count: int, runs: int, tied: bool) -> nodes.list_item:
    item = nodes.list_item(classes=["pg-study-variant", "pg-study-top"])
    if tied:
        label = _("1, printed by {share}, the first seen of the most frequent")
    else:
        label = _("1, printed by {share}, the most frequent")
    item += _label(label.format(share=_share(count, runs)), [])
    item += _plain_pre(text)
    return item


def _label(text: str, changes: list[str]) -> nodes.paragraph:
    """ "Output 2, printed by 1 of 20 runs (5 %): 3 lines moved"."""
    label = nodes.paragraph(classes=["pg-study-label"])
    # Translators: followed by the output's number: "Output 2, printed by …"
    label += nodes.strong(text=_("Output"))
    label += nodes.Text(f" {text}" + (": " + ", ".join(changes) if changes else ""))
    return label


def _plain_pre(text: str) -> nodes.literal_block:
    text = text.rstrip("\n")
    return nodes.literal_block(text, text, language="text", classes=["pg-study-text"])


def _marked_pre(diff: Difference) -> nodes.raw:
    """The variant as printed, each line in a span that CSS marks (markers are not copied).

    The same markup as a highlighted block (div.highlight pre), so the copy button and the
    theme treat it as one.
    """
    lines = "\n".join(
        f'<span class="pg-line pg-{status}">{html.escape(line)}</span>'
        for status, line in diff.lines
    )
    return nodes.raw(
        "",
        '<div class="highlight-text notranslate pg-study-text pg-study-diff">'
        f'<div class="highlight"><pre tabindex="0">{lines}\n</pre></div></div>',
        format="html",
    )


def _share(count: int, runs: int) -> str:
    if runs == 1:
        share = _("{count} of {runs} run ({percent:.0f} %)")
    else:
        share = _("{count} of {runs} runs ({percent:.0f} %)")
    return share.format(count=count, runs=runs, percent=100 * count / runs)


def _mask_note(study: dict[str, Any]) -> list[nodes.Node]:
    if not study["mask"]:
        return []
    return [
        nodes.Text(_(", comparing them with every match of the pattern ")),
        nodes.literal(text=study["mask"]),
        nodes.Text(_(" shown as ")),
        nodes.literal(text=MASK),
    ]
