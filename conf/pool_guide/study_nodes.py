"""Render an ordering study: a summary sentence and the distinct outputs with their counts."""

from __future__ import annotations

from typing import Any

from docutils import nodes

from .study import MASK

#: Distinct outputs shown in full; the rest are counted in one line.
SHOWN = 6

CLASS_LABELS = {"clean": "clean", "spliced": "with spliced lines", "lost": "with lost lines"}


def study_nodes(study: dict[str, Any], anchor: str) -> nodes.Node:
    runs, ranked = study["runs"], study["ranked"]
    box = nodes.container(classes=["pg-study"], ids=[anchor])
    summary = nodes.paragraph(classes=["pg-study-summary"])
    summary += nodes.strong(text=f"Ordering study: {runs} runs of this script in this build")
    took = f" ({study['seconds']:.1f} s in all"
    if runs < study["planned"]:
        took += f"; {study['planned']} were planned, the time budget stopped it"
    summary += nodes.Text(took + "). ")
    if len(ranked) == 1:
        summary += nodes.Text(f"Every run printed the same output{_mask_note(study)}.")
    else:
        summary += nodes.Text(
            f"They printed {len(ranked)} different outputs{_mask_note(study)}, most frequent first."
        )
    if study["classes"]:
        parts = [
            f"{study['classes'].get(key, 0)} of {runs} {label}"
            for key, label in CLASS_LABELS.items()
        ]
        summary += nodes.Text(" Runs by their worker lines: " + ", ".join(parts) + ".")
    box += summary

    if len(ranked) > 1:
        listing = nodes.bullet_list(classes=["pg-study-outputs"])
        for text, count in ranked[:SHOWN]:
            item = nodes.list_item()
            item += nodes.paragraph(text=f"{count} of {runs} runs ({100 * count / runs:.0f} %):")
            block = nodes.literal_block(text.rstrip("\n"), text.rstrip("\n"), language="text")
            item += block
            listing += item
        box += listing
        rest = ranked[SHOWN:]
        if rest:
            box += nodes.paragraph(
                text=f"And {len(rest)} other outputs, seen in {sum(c for _, c in rest)} runs."
            )
    return box


def _mask_note(study: dict[str, Any]) -> str:
    if not study["mask"]:
        return ""
    return f", comparing them with every match of the pattern {study['mask']} shown as {MASK}"
