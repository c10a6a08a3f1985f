"""Provenance on every page with outputs, and the "About this build" report.

* Every page whose examples ran gets one provenance note under its title.
* ``build-provenance`` shows the full facts of this build.
* ``output-defaults`` states once what an output caption leaves out (the landing page).
* ``execution-report`` lists every example run of the site. It is filled in after
  all pages are read, and its page is re-read on every build.
"""

from __future__ import annotations

import html
from pathlib import Path

from docutils import nodes
from sphinx.addnodes import pending_xref
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from . import records
from .i18n import _
from .output_block import defaults_sentence
from .provenance import Provenance, collect, default_start_method
from .tables import table


class execution_report(nodes.General, nodes.Element):
    """Placeholder for the table of every run, filled after every page is read."""


def page_provenance(app: Sphinx) -> Provenance:
    """Facts for pages read in this build (read once per build, not per page)."""
    cached = getattr(app, "_pool_guide_provenance", None)
    if cached is None:
        cached = collect(Path(app.config.pool_guide_repo))
        app._pool_guide_provenance = cached  # type: ignore[attr-defined]
    return cached


def add_page_provenance(app: Sphinx, doctree: nodes.document) -> None:
    """On ``doctree-read``: put one provenance note under the title of a page with outputs."""
    docname = app.env.docname
    if not records.runs(app.env, docname) and not _has_notebook_outputs(doctree):
        return
    facts = page_provenance(app)
    has_runs = bool(records.runs(app.env, docname))
    has_cells = _has_notebook_outputs(doctree)
    shown = (
        # Translators: what produced a page's outputs: "running the {shown} shown with it".
        _("script or notebook cell")
        if has_runs and has_cells
        # Translators: an example script, in "running the script shown with it".
        else _("script")
        if has_runs
        else _("notebook cell")
    )
    # One line that opens to the whole sentence: the note is read once, the page many times.
    line = _(
        "Outputs run by this build: {implementation} {python_version}, "
        "{cpu_count} CPUs, start method {start_method}"
    ).format(
        implementation=facts.implementation,
        python_version=facts.python_version,
        cpu_count=facts.cpu_count,
        start_method=facts.default_start_method,
    )
    note = nodes.container(classes=["pg-provenance"])
    note += nodes.raw("", f"<details><summary>{html.escape(line)}</summary>", format="html")
    para = nodes.paragraph()
    para += nodes.Text(
        # Translators: {facts} is a sentence: interpreter, machine, start method, date, commit.
        _(
            "Every output on this page was produced by this site's build, running the {shown} "
            "shown with it: {facts} "
            "Orders, PIDs, addresses and timings are this run's; yours may differ. "
            "In tracebacks, paths inside the site's checkout are relative to it and "
            "<stdlib> is the interpreter's standard library."
        ).format(shown=shown, facts=facts.summary())
    )
    about = app.config.pool_guide_about_label
    if about:
        # Translators: followed by a link, "About this build", and a full stop.
        para += nodes.Text(_(" Full details: "))
        ref = nodes.inline("", _("About this build"), classes=["xref", "std", "std-ref"])
        para += pending_xref(
            "", ref, refdomain="std", reftype="ref", reftarget=about, refexplicit=True, refwarn=True
        )
        # Translators: the full stop after a link that ends a sentence.
        para += nodes.Text(_("."))
    note += para
    note += nodes.raw("", "</details>", format="html")
    sections = list(doctree.findall(nodes.section))
    if sections:
        title = sections[0].next_node(nodes.title)
        title.parent.insert(title.parent.index(title) + 1, note)
    else:
        doctree.insert(0, note)


def _has_notebook_outputs(doctree: nodes.document) -> bool:
    """A MyST-NB page executed in this build: its cells' outputs are in the doctree."""
    return any(
        "cell_output" in node.get("classes", []) for node in doctree.findall(nodes.container)
    )


class BuildProvenanceDirective(SphinxDirective):
    """A table of this build's facts."""

    def run(self) -> list[nodes.Node]:
        records.note_report_page(self.env, self.env.docname)
        facts = page_provenance(self.env.app)
        return [table([_("Fact"), _("This build")], facts.as_rows(), widths=[1, 2])]


class OutputDefaultsDirective(SphinxDirective):
    """The defaults every output caption leaves out, from the code, never typed by hand."""

    def run(self) -> list[nodes.Node]:
        # Written by the extension, in each edition's words: not a message of the page.
        para = nodes.paragraph(classes=["pg-output-defaults"], translatable=False)
        para += nodes.strong(text=_("Captions leave out the defaults."))
        para += nodes.Text(" " + defaults_sentence(default_start_method()))
        return [para]


class ExecutionReportDirective(SphinxDirective):
    """Every example run of the site: page, script, capture, start method, exit, time."""

    def run(self) -> list[nodes.Node]:
        records.note_report_page(self.env, self.env.docname)
        return [execution_report()]


def fill_execution_report(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """On ``doctree-resolved``: replace the placeholder with the table of all runs."""
    for placeholder in list(doctree.findall(execution_report)):
        all_runs = records.runs(app.env)
        # The date once, above the table: a cell says only the time of day.
        dates = sorted({r.ran_at[:10] for r in all_runs})
        rows = [
            (
                _script_link(app, docname, r),
                f"{r.capture}, {r.start_method}",
                _exit_text(r),
                f"{r.duration:.2f}",
                r.ran_at[11:19] if len(dates) == 1 else f"{r.ran_at[5:10]} {r.ran_at[11:19]}",
            )
            for r in all_runs
        ]
        total = sum(r.study["seconds"] if r.study else r.duration for r in all_runs)
        studies = [r for r in all_runs if r.study]
        study_runs = sum(r.study["runs"] for r in studies)
        study_seconds = sum(r.study["seconds"] for r in studies)
        lab = [r for r in all_runs if r.lab is not None]
        lab_seconds = sum(r.duration for r in lab)
        summary = nodes.paragraph(
            text=_(
                "{blocks} example blocks on {pages} pages, "
                "{total:.1f} s of example run time in all, of which {studies} ordering "
                "studies made {study_runs} runs in {study_seconds:.1f} s (budget: "
                "{study_budget} s), and {measurements} measurements "
                "of the performance lab ran {lab_seconds:.1f} s (budget: "
                "{lab_budget} s). A page that did not change "
                "since the previous build keeps its runs, with their own date."
            ).format(
                blocks=len(all_runs),
                pages=len({r.docname for r in all_runs}),
                total=total,
                studies=len(studies),
                study_runs=study_runs,
                study_seconds=study_seconds,
                study_budget=app.config.pool_guide_study_build_seconds,
                measurements=len(lab),
                lab_seconds=lab_seconds,
                lab_budget=app.config.pool_guide_lab_build_seconds,
            )
        )
        run_table = table(
            [
                _("Script"),
                _("Capture, start method"),
                _("Exit"),
                # Translators: column header: seconds of run time.
                _("s"),
                # Translators: column header: the time of day (UTC) a run started.
                _("UTC"),
            ],
            rows,
            widths=[4, 2, 1, 1, 1],
        )
        run_table["classes"].append("pg-run-report")
        _group_by_page(app, docname, run_table, all_runs)
        when = nodes.paragraph(
            text=(
                _("No example ran in this build.")
                if not dates
                else _("Runs of {date}, times in UTC; seconds (s) of run time each.").format(
                    date=dates[0]
                )
                if len(dates) == 1
                else _(
                    "Runs of {first} to {last}, dates and times in UTC; "
                    "seconds (s) of run time each."
                ).format(first=dates[0], last=dates[-1])
            )
        )
        # Filled after furo has wrapped the page's tables, so wrap this one the same way.
        wrapper = nodes.container("", run_table, classes=["table-wrapper"])
        parts = [summary, _exclusive_runs(app, docname, all_runs), when, wrapper]
        borrowed = getattr(app.env, "pool_guide_borrowed", None)
        if borrowed:  # a translated edition: the runs are the English build's (shared_runs)
            parts.insert(0, _borrowed_runs(borrowed["runs"]))
        placeholder.replace_self(parts)


def _borrowed_runs(runs: int) -> nodes.Node:
    return nodes.paragraph(
        text=_(
            "This edition ran no example. It shows the runs of the English edition, made by "
            "the same build just before it: {runs} runs, read from that build's records. "
            "The outputs, dates and measurements below are the English edition's."
        ).format(runs=runs),
        classes=["pg-borrowed-runs"],
    )


def _script_link(app: Sphinx, fromdoc: str, r: records.RunRecord) -> nodes.Node:
    """The script, linked to its output; it may wrap after a folder, never inside a name."""
    para = nodes.paragraph()
    uri = app.builder.get_relative_uri(fromdoc, r.docname) + f"#{r.anchor}"
    ref = nodes.reference("", "", refuri=uri, internal=True)
    parts = r.script.removeprefix("examples/").split("/")
    for i, part in enumerate(parts):
        if i:
            ref += nodes.raw("", "<wbr>", format="html")
        ref += nodes.Text(part + ("/" if i < len(parts) - 1 else ""))
    para += ref
    return para


def _group_by_page(
    app: Sphinx, fromdoc: str, run_table: nodes.table, all_runs: list[records.RunRecord]
) -> None:
    """Before each page's first run, a row across the table naming the page, once."""
    tbody = next(run_table.findall(nodes.tbody))
    cols = sum(1 for _colspec in run_table.findall(nodes.colspec))
    rows = list(tbody.children)
    tbody.clear()
    previous = None
    for r, row in zip(all_runs, rows, strict=True):
        if r.docname != previous:
            entry = nodes.entry(morecols=cols - 1)
            entry += _page_link(app, fromdoc, r.docname, "")
            tbody += nodes.row("", entry, classes=["pg-run-page"])
            previous = r.docname
        tbody += row


def _exit_text(r: records.RunRecord) -> str:
    """Exit status, the expected one if it differs from 0, and FAILED for a failed run."""
    # Translators: the exit status of a run that was stopped for taking too long.
    text = str(_("timeout")) if r.timed_out else str(r.returncode)
    if r.expected_exit:
        text = (
            _("{status} (expected)").format(status=text)
            if r.returncode == r.expected_exit
            else _("{status} (expected {expected})").format(status=text, expected=r.expected_exit)
        )
    return text if r.ok else _("{status} FAILED").format(status=text)


def _exclusive_runs(app: Sphinx, docname: str, all_runs: list[records.RunRecord]) -> nodes.Node:
    """Which runs had the machine to themselves, page by page."""
    alone = [r for r in all_runs if r.exclusive]
    para = nodes.paragraph(classes=["pg-exclusive-runs"])
    para += nodes.Text(
        # Translators: followed by the list of pages that had such runs, then the next sentence.
        _(
            "Pages are read in parallel, so most examples ran beside others. "
            "{runs} runs needed the machine to themselves, because their output depends on "
            "timing (ordering studies, timelines): each started once the runs in progress ended, "
            "and no other example ran until it ended"
        ).format(runs=len(alone))
    )
    pages = sorted({r.docname for r in alone})
    for i, page in enumerate(pages):
        # Translators: before the first page of a list of linked pages, and between pages.
        para += nodes.Text(_(": ") if i == 0 else _(", "))
        first = next(r for r in alone if r.docname == page)
        para += _page_link(app, docname, page, first.anchor).children[0]
        # Translators: after a linked page: how many of its runs had the machine alone.
        para += nodes.Text(_(" ({runs})").format(runs=sum(r.docname == page for r in alone)))
    para += nodes.Text(
        # Translators: ends the sentence that lists the pages, then one more sentence.
        _(
            ". Their waits for a turn are not counted in their seconds. The timeline charts' own "
            "runs are alone too; the other notebook cells (the Jupyter page) run in their kernel "
            "outside this rule."
        )
    )
    return para


def _page_link(app: Sphinx, fromdoc: str, todoc: str, anchor: str) -> nodes.Node:
    para = nodes.paragraph()
    uri = app.builder.get_relative_uri(fromdoc, todoc) + (f"#{anchor}" if anchor else "")
    title = app.env.titles.get(todoc)
    para += nodes.reference("", title.astext() if title else todoc, refuri=uri, internal=True)
    return para
