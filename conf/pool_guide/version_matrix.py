"""The versions page's matrix: every example block against every CPython the build found.

Filled when the page is written, from the runs of every page (records), so it always
covers the whole site; the page is re-read on every build, like the execution report.
"""

from __future__ import annotations

from collections import Counter
from pathlib import PurePosixPath

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from . import records
from .i18n import _
from .interpreters import Interpreter
from .output_block import DEFAULT_CAPTURE, capture_label
from .output_compare import MASKED
from .report_directives import _group_by_page, _script_link
from .tables import table
from .version_nodes import versions_anchor

#: What a cell says for each status (lazy: turned into text where it is shown).
CELL = {
    # Translators: this and the next four: an example's output on another CPython.
    "same": _("same"),
    "reordered": _("reordered"),
    "differs": _("differs"),
    "fails": _("fails"),
    "not run": _("not run"),
}


class version_matrix(nodes.General, nodes.Element):
    """Placeholder, filled once every page is read."""


class VersionMatrixDirective(SphinxDirective):
    def run(self) -> list[nodes.Node]:
        records.note_report_page(self.env, self.env.docname)
        return [version_matrix()]


def compared_runs(all_runs: list[records.RunRecord]) -> list[records.RunRecord]:
    """The runs that were compared: those that succeeded (a failed one fails the build)."""
    return [r for r in all_runs if r.ok]


def counts(runs: list[records.RunRecord]) -> dict[str, Counter[str]]:
    """Per version: how many example blocks had each status."""
    per_version: dict[str, Counter[str]] = {}
    for r in runs:
        for v in r.versions:
            per_version.setdefault(v["version"], Counter())[v["status"]] += 1
    return per_version


def _cell(app: Sphinx, fromdoc: str, r: records.RunRecord, run: dict | None) -> nodes.Node:
    """The status; where it is not "same", a link to the block, which says why and shows it."""
    para = nodes.paragraph()
    if run is None:
        para += nodes.Text("–")
        return para
    text = str(CELL[run["status"]])
    status = nodes.inline(text=text, classes=[f"pg-version-{run['status'].replace(' ', '-')}"])
    if run["status"] == "same":
        para += status
        return para
    uri = app.builder.get_relative_uri(fromdoc, r.docname) + f"#{versions_anchor(r)}"
    ref = nodes.reference("", "", refuri=uri, internal=True)
    if run["reason"]:
        ref["reftitle"] = run["reason"]
    ref += status
    para += ref
    return para


def _example_cell(app: Sphinx, fromdoc: str, r: records.RunRecord) -> nodes.Node:
    """The script, and what tells its blocks apart: arguments, capture, start method."""
    para = _script_link(app, fromdoc, r)
    parts = []
    if r.command != f"python {PurePosixPath(r.script).name}":
        parts.append(r.command.split(" ", 2)[-1])  # the arguments
    if r.capture != DEFAULT_CAPTURE:
        parts.append(capture_label(r.capture))
    if r.start_method_chosen:
        parts.append(r.start_method)
    if parts:
        para += nodes.inline(text=" · " + ", ".join(parts), classes=["pg-version-variant"])
    return para


def _bullets(items: list[str]) -> nodes.bullet_list:
    listing = nodes.bullet_list()
    for item in items:
        listing += nodes.list_item("", nodes.paragraph(text=item))
    return listing


def fill(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """On ``doctree-resolved``: the summary, the masks, and the matrix."""
    for placeholder in list(doctree.findall(version_matrix)):
        runs = compared_runs(records.runs(app.env))
        found = [Interpreter.from_data(d) for d in app.config.pool_guide_cpythons]
        main = next((i for i in found if i.builds_the_site), None)
        others = [i for i in found if not i.builds_the_site]
        main_name = main.version if main else app.config.pool_guide_python_version.split()[0]
        if not others:
            placeholder.replace_self(
                nodes.paragraph(
                    text=_(
                        "This build found no CPython but {main}, so its "
                        "{blocks} example blocks ran on {main} only: there is "
                        "nothing to compare."
                    ).format(main=main_name, blocks=len(runs))
                )
            )
            continue
        per_version = counts(runs)
        blocks = Counter()
        for r in runs:
            statuses = {v["status"] for v in r.versions}
            for status in ("differs", "fails", "not run"):
                if status in statuses:
                    blocks[status] += 1
            if statuses <= {"same", "reordered"}:
                blocks["same"] += 1
        summary = [
            nodes.paragraph(
                text=_(
                    "{blocks} example blocks ran on CPython {main}, which built the "
                    "site, and on {others}. Of these blocks:"
                ).format(
                    blocks=len(runs), main=main_name, others=", ".join(i.version for i in others)
                )
            ),
            _bullets(
                [
                    _(
                        "the same output on every version: {blocks} (some with their "
                        "lines in another order);"
                    ).format(blocks=blocks["same"]),
                    _("a different output on at least one version: {blocks};").format(
                        blocks=blocks["differs"]
                    ),
                    _("a failure on at least one version: {blocks};").format(
                        blocks=blocks["fails"]
                    ),
                    _("not run on at least one version: {blocks}.").format(
                        blocks=blocks["not run"]
                    ),
                ]
            ),
        ]
        masks = [
            nodes.paragraph(text=_("Before comparing, every output is masked:")),
            _bullets(MASKED),
        ]
        header = [_("Example"), main_name, *(i.version for i in others)]
        rows = []
        for r in runs:
            by_version = {v["version"]: v for v in r.versions}
            # Translators: the cell of the CPython that built the site: its output is the one shown.
            main_cell = nodes.paragraph(text=_("shown"))
            rows.append(
                [
                    _example_cell(app, docname, r),
                    main_cell,
                    *(_cell(app, docname, r, by_version.get(i.version)) for i in others),
                ]
            )
        matrix = table(header, rows, widths=[4, *([1] * (len(others) + 1))])
        matrix["classes"].append("pg-version-matrix")
        _group_by_page(app, docname, matrix, runs)
        totals = table(
            [_("Version"), *CELL.values()],
            [
                [i.version, *(str(per_version.get(i.version, Counter())[s]) for s in CELL)]
                for i in others
            ],
            widths=[2, *([1] * len(CELL))],
        )
        totals["classes"].append("pg-version-totals")
        placeholder.replace_self(
            [
                *summary,
                *masks,
                nodes.container("", totals, classes=["table-wrapper"]),
                nodes.container("", matrix, classes=["table-wrapper"]),
            ]
        )
