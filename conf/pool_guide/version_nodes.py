"""Under an example's output: which CPythons it ran on, and where their outputs differ."""

from __future__ import annotations

import html

from docutils import nodes
from sphinx import addnodes

from .i18n import _
from .records import RunRecord
from .version_runs import STATUS_WORDS

#: Statuses whose output is shown, folded, under the main one.
SHOWN = ("differs", "reordered", "fails")

#: STATUS_WORDS, for the catalogue: they live in version_runs.py, whose edits re-run every
#: example. status_words() translates them.
_STATUS_WORDS = (
    # Translators: how an example's output on another CPython compares with the main one
    _("same output"),
    _("same lines, in another order"),
    _("output differs"),
    _("fails"),
    _("not run"),
)


def status_words(status: str) -> str:
    """``STATUS_WORDS[status]`` in the edition's language."""
    return str(_(STATUS_WORDS[status]))


def versions_anchor(record: RunRecord) -> str:
    return record.anchor.replace("output-", "versions-", 1)


def version_nodes(record: RunRecord, python_version: str, versions_page: str | None) -> nodes.Node:
    """ "Ran on 3.11.7 and on: same output 3.8.18, …; differs 3.13.0", then what differed."""
    main = python_version.split()[0]
    box = nodes.container(classes=["pg-versions"], ids=[versions_anchor(record)])
    head = nodes.paragraph()
    if not record.versions:
        head += nodes.Text(
            _("Ran on CPython {version} only: this build found no other CPython.").format(
                version=main
            )
        )
        box += head
        return box
    head += nodes.Text(
        _("Ran on CPython {version} (above), and on every other CPython found").format(version=main)
    )
    if versions_page:
        head += nodes.Text(_(" ("))
        # Translators: a link, in parentheses after "… and on every other CPython found"
        head += _page_link(versions_page, _("how they compare"))
        head += nodes.Text(_(")"))
    head += nodes.Text(_(":"))
    box += head
    groups = nodes.bullet_list(classes=["pg-versions-list"])
    for status in STATUS_WORDS:
        runs = [r for r in record.versions if r["status"] == status]
        if not runs:
            continue
        item = nodes.paragraph()
        classes = ["pg-version-status", f"pg-version-{_slug(status)}"]
        item += nodes.inline(text=status_words(status), classes=classes)
        item += nodes.Text(_(": ") + _names(runs, with_reasons=status in ("not run", "fails")))
        groups += nodes.list_item("", item)
    box += groups
    varies, lines = record.compared.get("varies"), record.compared.get("lines")
    if varies or lines:
        note = nodes.paragraph(classes=["pg-versions-varies"])
        # Translators: the first of the pieces of one sentence, with code between them
        note += nodes.Text(_("This example's output varies from run to run on any version, so "))
        if lines:
            note += nodes.Text(_("only its lines that match "))
            note += nodes.literal(text=lines)
            note += nodes.Text(_(" are compared, and ") if varies else _(" are compared."))
        if varies:
            note += nodes.Text(_("the text that matches "))
            note += nodes.literal(text=varies)
            note += nodes.Text(_(" is hidden before comparing, like a PID."))
        box += note
    for run in record.versions:
        if run["status"] in SHOWN:
            box += _folded_output(run, main)
    return box


def _slug(status: str) -> str:
    return status.replace(" ", "-")


def _names(runs: list[dict], with_reasons: bool) -> str:
    if not with_reasons:
        return ", ".join(r["version"] for r in runs)
    return "; ".join(f"{r['version']} ({r['reason']})" for r in runs)


def _page_link(docname: str, text: str) -> nodes.Node:
    ref = addnodes.pending_xref(
        "", refdomain="std", reftype="doc", reftarget=f"/{docname}", refexplicit=True
    )
    ref += nodes.inline(text=text)
    return ref


def _folded_output(run: dict, main: str) -> nodes.Node:
    """The other version's output, and the masked diff, behind a disclosure."""
    summary_text = _("Output on {version} ({status})").format(
        version=run["version"], status=status_words(run["status"])
    )
    details = nodes.container(classes=["pg-version-output"])
    details += nodes.raw(
        "", f"<details><summary>{html.escape(summary_text)}</summary>", format="html"
    )
    text = run["output"].rstrip("\n") or str(_("(no output)"))
    # Not "pg-output": that class marks the runs of the build's interpreter, one per block.
    details += nodes.literal_block(text, text, language="text", classes=["pg-version-text"])
    if run["diff"]:
        what = _("What differs from {version}, once PIDs, addresses and timings are masked:")
        details += nodes.paragraph(text=what.format(version=main))
        details += nodes.literal_block(
            run["diff"], run["diff"], language="diff", classes=["pg-version-diff"]
        )
    details += nodes.raw("", "</details>", format="html")
    return details
