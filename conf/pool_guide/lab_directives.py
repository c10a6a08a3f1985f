"""The lab's directives and role: measure, lab-chart, lab-table, claim and {measured}.

``measure`` runs a lab script (alone) like ``example`` runs a script, and keeps its
measurements as a named dataset. The others read datasets, possibly measured on
another page, so they place a pending node while the page is read; every node is
resolved once all pages are read (``doctree-resolved``), when all data is known.
A claim that the data does not support, or a lookup the data cannot answer, is a
build warning with the page and line of the claim.
"""

from __future__ import annotations

import ast
import html
from dataclasses import replace
from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.builders.gettext import MessageCatalogBuilder
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective, SphinxRole

from . import lab_charts, lab_claims, lab_data, records
from .example_directive import ExampleDirective, ExampleOptions
from .i18n import _
from .tables import details, table

logger = logging.getLogger(__name__)


class lab_pending(nodes.General, nodes.Element):
    """A chart, table or claim waiting for every page's data."""


class lab_pending_inline(nodes.Inline, nodes.TextElement):
    """A number in prose waiting for every page's data."""


# -- measure ---------------------------------------------------------------------


class MeasureDirective(ExampleDirective):
    """Run a lab script alone and keep its measurements as the dataset ``:name:``."""

    option_spec = {
        "name": directives.unchanged_required,  # the dataset's name, unique in the site
        "timeout": directives.positive_int,
        "args": directives.unchanged_required,
        "class": directives.class_option,
    }

    def run(self) -> list[nodes.Node]:
        self.dataset_name = self.options.pop("name", "").strip()
        if not self.dataset_name:
            raise self.error("measure needs :name: (the dataset's name, used by charts)")
        other = lab_data.duplicate_names(self.env, self.env.docname, self.dataset_name)
        if other:
            raise self.error(f"dataset {self.dataset_name!r} is already measured on {other!r}")
        built = super().run()
        if built and isinstance(built[0], nodes.container):
            built[0]["classes"].append("pg-measure")
            built[0].children = _collapsed(built[0].children, self.arguments[0])
        return built

    def parse_options(self) -> ExampleOptions:
        o = self.options
        return ExampleOptions(
            lines=None,
            emphasize_lines=None,
            emphasize=(),
            capture="pty",
            start_method=None,
            timeout=float(o.get("timeout", self.config.pool_guide_lab_timeout)),
            expect_exit=0,
            args=tuple(o.get("args", "").split()),
            hide_source=False,
            caption=None,
            runs=1,
            study_mask=None,
            line_check=None,
            exclusive=True,  # a measurement never shares the machine
            lab=True,
        )

    def keep_measurements(self, record: records.RunRecord) -> None:
        data = dict(record.lab or {})
        data.update(ran_at=record.ran_at, script_path=record.script, docname=self.env.docname)
        lab_data.add_dataset(self.env, self.env.docname, self.dataset_name, data)


def _collapsed(children: list[nodes.Node], script: str) -> list[nodes.Node]:
    """The script and its printed output, each behind a summary line: the charts come first."""
    shown: list[nodes.Node] = []
    labels = [
        _("The script: examples/{script}").format(script=script),
        _("What it printed in this build"),
    ]
    for label, child in zip(labels, children, strict=False):
        shown += details(label, child, wrap=False)
    return shown + children[len(labels) :]


# -- charts, tables, claims: placed now, filled when all data is known -------------------


def _where(text: str) -> dict[str, str]:
    """``"workload=skewed, method=map"`` -> {"workload": "skewed", "method": "map"}."""
    where = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        key, sep, value = part.partition("=")
        if not sep:
            raise ValueError(f"{part!r} is not key=value")
        where[key.strip()] = value.strip()
    return where


def _hline(text: str) -> tuple[float, str]:
    value, _sep, label = text.partition("=")
    return float(value), label.strip()


class _LabDirective(SphinxDirective):
    kind = ""

    def pending(self, datasets: list[str], **attributes: Any) -> lab_pending:
        node = lab_pending(kind=self.kind, **attributes)
        node.source, node.line = self.get_source_info()
        if "anchor" in attributes:
            node["ids"].append(attributes["anchor"])
            self.state.document.ids[attributes["anchor"]] = node  # the next make_id differs
        for name in datasets:
            lab_data.note_use(self.env, self.env.docname, name)
        return node

    def anchor(self, prefix: str) -> str:
        name = self.options.get("name")
        if name:
            return nodes.make_id(name)
        # Named for the dataset, numbered on: "chart-overhead", "chart-overhead-2".
        base = nodes.make_id(f"{prefix}-{'-'.join(self.arguments)}")
        anchor, number = base, 1
        while anchor in self.state.document.ids:
            number += 1
            anchor = f"{base}-{number}"
        return anchor


class LabChartDirective(_LabDirective):
    """A chart of datasets: ``:x:`` against the median of ``:y:``, one line per ``:series:``.

    Several dataset names join their rows, e.g. one library's script and another's.
    """

    kind = "chart"
    required_arguments = 1
    optional_arguments = 8
    has_content = True
    option_spec = {
        "kind": lambda a: directives.choice(a, ("line", "bar")),
        "x": directives.unchanged_required,
        "y": directives.unchanged_required,
        "series": directives.unchanged_required,
        "where": directives.unchanged,
        "logx": directives.flag,
        "logy": directives.flag,
        "xlabel": directives.unchanged_required,
        "ylabel": directives.unchanged_required,
        "hline": directives.unchanged_required,
        "marks": directives.unchanged_required,  # "none", or labels separated by " | "
        "alt": directives.unchanged_required,
        "name": directives.unchanged_required,
    }

    def run(self) -> list[nodes.Node]:
        o = self.options
        for required in ("x", "y", "alt"):
            if required not in o:
                raise self.error(f"lab-chart needs :{required}:")
        try:
            where = _where(o.get("where", ""))
            hline = _hline(o["hline"]) if "hline" in o else None
        except ValueError as exc:
            raise self.error(f"lab-chart {self.arguments[0]}: {exc}") from None
        anchor = self.anchor("chart")
        spec = lab_charts.ChartSpec(
            kind=o.get("kind", "line"),
            x=o["x"],
            y=o["y"],
            series=o.get("series"),
            logx="logx" in o,
            logy="logy" in o,
            xlabel=o.get("xlabel", o["x"]),
            ylabel=o.get("ylabel", o["y"]),
            hline=hline,
            salt=f"{self.env.docname}-{anchor}",
        )
        caption = nodes.container()
        self.state.nested_parse(self.content, self.content_offset, caption)
        node = self.pending(
            self.arguments,
            dataset=self.arguments,
            spec=spec,
            where=where,
            marks=o.get("marks", ""),
            alt=o["alt"],
            anchor=anchor,
        )
        node += caption.children
        # The option texts as paragraphs gettext extracts, so a translated edition draws
        # its own words; resolve() reads them back (after the Locale transform) and drops them.
        for key in ("alt", "xlabel", "ylabel"):
            if key in o:
                words = nodes.paragraph(o[key], o[key], pg_chart_text=key)
                self.set_source_info(words)
                node += words
        return [node]


class LabTableDirective(_LabDirective):
    """A table of datasets: ``:rows:`` x ``:columns:``, cells the median of ``:metric:``."""

    kind = "table"
    required_arguments = 1
    optional_arguments = 8
    has_content = True
    option_spec = {
        "rows": directives.unchanged_required,
        "columns": directives.unchanged_required,
        "metric": directives.unchanged_required,
        "value": directives.unchanged_required,  # a dimension shown as text, e.g. an outcome
        "where": directives.unchanged,
        "name": directives.unchanged_required,
    }

    def run(self) -> list[nodes.Node]:
        o = self.options
        if "rows" not in o or ("metric" in o) == ("value" in o):
            raise self.error("lab-table needs :rows: and one of :metric: or :value:")
        try:
            where = _where(o.get("where", ""))
        except ValueError as exc:
            raise self.error(f"lab-table {self.arguments[0]}: {exc}") from None
        intro = nodes.container()
        self.state.nested_parse(self.content, self.content_offset, intro)
        node = self.pending(
            self.arguments,
            dataset=self.arguments,
            rows=o["rows"],
            columns=o.get("columns"),
            metric=o.get("metric"),
            value=o.get("value"),
            where=where,
            anchor=self.anchor("table"),
        )
        node += intro.children
        return [node]


class ClaimDirective(_LabDirective):
    """A sentence that compares numbers, with the expression that must hold in this build."""

    kind = "claim"
    required_arguments = 1
    final_argument_whitespace = True
    has_content = True

    def run(self) -> list[nodes.Node]:
        expression = self.arguments[0]
        try:
            names = datasets_read_by(expression)
        except SyntaxError as exc:
            raise self.error(f"claim {expression!r} is not an expression: {exc.msg}") from None
        if not self.content:
            raise self.error("a claim needs its sentence as content")
        sentence = nodes.container()
        self.state.nested_parse(self.content, self.content_offset, sentence)
        node = self.pending(names, expression=expression)
        node += sentence.children
        return [node]


class MeasuredRole(SphinxRole):
    """``{measured}`median("overhead", "per_task_us", method="map") | .1f``: a measured number."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        expression, _sep, spec = self.text.rpartition(" | ")
        if not expression:
            expression, spec = self.text, ""
        try:
            names = datasets_read_by(expression)
        except SyntaxError as exc:
            message = self.inliner.reporter.error(
                f"measured {self.text!r} is not an expression: {exc.msg}", line=self.lineno
            )
            return [], [message]
        node = lab_pending_inline(
            self.rawtext, "", expression=expression.strip(), spec=spec.strip()
        )
        node.source, node.line = self.get_source_info()
        for name in names:
            lab_data.note_use(self.env, self.env.docname, name)
        return [node], []


#: The functions whose first argument names a dataset.
DATA_FUNCTIONS = ("median", "low", "high", "value", "mark", "machine", "repeats")


def datasets_read_by(expression: str) -> list[str]:
    """The dataset names an expression reads: the first argument of each data function."""
    names = []
    for call in ast.walk(ast.parse(expression.strip(), mode="eval")):
        if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Name)):
            continue
        if call.func.id in DATA_FUNCTIONS and call.args and isinstance(call.args[0], ast.Constant):
            if isinstance(call.args[0].value, str) and call.args[0].value not in names:
                names.append(call.args[0].value)
    return names


# -- resolving -------------------------------------------------------------------


def _chart_words(node: nodes.Element) -> dict[str, str]:
    """The chart's alt text and axis labels, as this edition reads them; taken off the node."""
    words = {}
    for child in list(node.children):
        if isinstance(child, nodes.paragraph) and child.get("pg_chart_text"):
            words[child["pg_chart_text"]] = child.astext()
            node.remove(child)
    return words


def resolve(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """On ``doctree-resolved``: every page's data is known; fill the pending nodes."""
    if isinstance(app.builder, MessageCatalogBuilder):
        return  # gettext extracts the charts' words from the pending nodes as they are
    env = app.env

    def load(name: str) -> lab_data.Dataset:
        return lab_data.dataset(env, name)

    settings = {
        name: app.config[name]
        for name in ("pool_guide_lab_build_seconds", "pool_guide_lab_min_repeats")
    }

    for node in list(doctree.findall(lab_pending_inline)):
        try:
            found = lab_claims.evaluate(node["expression"], load, settings)
            text = lab_claims.format_value(found.value, node["spec"])
        except lab_claims.ClaimError as exc:
            _warn(f"number {node['expression']!r} cannot be read from the data: {exc}", node)
            text = str(_("(not measured)"))
        node.replace_self(nodes.inline(text, text, classes=["pg-measured"]))

    for node in list(doctree.findall(lab_pending)):
        node["words"] = _chart_words(node)  # off the node, whatever becomes of it
        try:
            if not app.config.pool_guide_execute:
                node.replace_self(_not_measured(node))
            elif node["kind"] == "chart":
                node.replace_self(_chart(node, lab_data.joined(env, node["dataset"])))
            elif node["kind"] == "table":
                node.replace_self(_table(node, lab_data.joined(env, node["dataset"])))
            else:
                node.replace_self(_claim(node, load, settings))
        except (lab_data.LabDataError, lab_claims.ClaimError) as exc:
            what = {"chart": "lab-chart", "table": "lab-table"}.get(node["kind"], "claim")
            subject = " ".join(node.get("dataset") or []) or node.get("expression")
            _warn(f"{what} {subject!r}: {exc}", node)
            node.replace_self(_not_measured(node))


def _warn(message: str, node: nodes.Node) -> None:
    logger.warning(message, location=node, type="pool_guide", subtype="lab")


def _not_measured(node: lab_pending) -> nodes.Node:
    box = nodes.container(classes=["pg-not-run"])
    box += node.children
    box += nodes.paragraph(text=_("Not measured in this build."))
    return box


def machine_line(ds: lab_data.Dataset, repeated: bool = True) -> nodes.paragraph:
    """Where and when the numbers were measured, beside every chart and table."""
    m = ds.machine
    memory = (
        # Translators: follows the CPU count in "(8 logical CPUs, 16 GiB)".
        _(", {gibibytes:.0f} GiB").format(gibibytes=m["memory_bytes"] / 2**30)
        if m.get("memory_bytes")
        else ""
    )
    facts = {
        "ran_at": ds.data.get("ran_at", "?"),
        "cpu": m.get("cpu", "?"),
        "cpu_count": m.get("cpu_count", "?"),
        "memory": memory,
        "implementation": m.get("implementation", ""),
        "python": m.get("python", "?"),
        "system": m.get("system", "?"),
    }
    para = nodes.paragraph(classes=["pg-lab-machine"])
    para += nodes.Text(
        _(
            "Measured by this build at {ran_at} on {cpu} ({cpu_count} logical CPUs{memory}), "
            "{implementation} {python}, {system}; median of {repeats} repeats."
        ).format(repeats=ds.repeats, **facts)
        if repeated
        else _(
            "Measured by this build at {ran_at} on {cpu} ({cpu_count} logical CPUs{memory}), "
            "{implementation} {python}, {system}."
        ).format(**facts)
    )
    return para


def _chart(node: lab_pending, ds: lab_data.Dataset) -> list[nodes.Node]:
    spec: lab_charts.ChartSpec = node["spec"]
    words = node["words"]
    spec = replace(
        spec, xlabel=words.get("xlabel", spec.xlabel), ylabel=words.get("ylabel", spec.ylabel)
    )
    # Rows without the metric (a behaviour's outcome, say) are not points of this chart.
    rows = [r for r in ds.select(node["where"]) if lab_data.is_metric(r.get(spec.y))]
    if not rows:
        raise lab_data.LabDataError(
            f"no rows of {ds.name!r} match {node['where']} and have the metric {spec.y!r}"
        )
    for key in filter(None, (spec.x, spec.series)):
        if any(key not in row for row in rows):
            raise lab_data.LabDataError(f"dataset {ds.name!r} has no {key!r} in every row")
    marks = _marks(ds, node["marks"])
    svg = lab_charts.draw_svg(rows, spec, marks)
    alt = _("{alt} The data is in the table below.").format(alt=words.get("alt", node["alt"]))
    svg = svg.replace(
        "<svg", f'<svg role="img" aria-label="{html.escape(alt)}" class="pg-chart-svg"', 1
    )
    figure = nodes.figure(classes=["pg-chart"], ids=[node["anchor"]])
    figure += nodes.raw("", svg, format="html")
    texts = [c for c in node.children if isinstance(c, nodes.paragraph)]
    if texts:
        figure += nodes.caption("", "", *texts[0].children)
    legend = nodes.legend()
    legend += [c for c in node.children if c is not (texts[0] if texts else None)]
    legend += machine_line(ds)
    # Translators: a line drawn across a chart, e.g. "one core at 1.5".
    line_at = _("{label} at {value}")
    drawn = [
        line_at.format(label=m["label"], value=lab_data.format_number(float(m["value"])))
        for m in marks
    ]
    if spec.hline:
        # Translators: the name of a chart's reference line that has no label of its own.
        label = spec.hline[1] or _("reference")
        drawn.insert(0, line_at.format(label=label, value=_cell_text(spec.hline[0])))
    if drawn:
        legend += nodes.paragraph(
            classes=["pg-lab-marks"],
            text=_("Lines drawn: {lines}.").format(lines="; ".join(drawn)),
        )
    figure += legend
    summary = _("The data behind this chart ({dataset})").format(dataset=ds.name)
    return [figure, *details(summary, _chart_table(rows, spec))]


def _marks(ds: lab_data.Dataset, chosen: str) -> list[dict[str, Any]]:
    marks = ds.data.get("marks", [])
    if chosen.strip() == "none":
        return []
    if chosen.strip():
        labels = [label.strip() for label in chosen.split(" | ")]
        for label in labels:
            ds.mark(label)  # raises, naming the dataset, when there is no such mark
        return [m for m in marks if m["label"] in labels]
    return marks


def _chart_table(rows: list[dict[str, Any]], spec: lab_charts.ChartSpec) -> nodes.Node:
    groups = lab_charts.series_of(rows, spec)
    xs: list[Any] = []
    for row in rows:
        if row[spec.x] not in xs:
            xs.append(row[spec.x])
    if spec.kind == "line":
        xs.sort(key=float)
    header = [spec.xlabel, *(groups if spec.series else [spec.ylabel])]
    body = []
    for x in xs:
        cells: list[object] = [_cell_text(x)]
        for members in groups.values():
            hit = [r for r in members if r[spec.x] == x]
            cells.append(_summary(hit[0][spec.y]) if hit else "")
        body.append(cells)
    built = table(header, body, widths=[1] * len(header))
    built["classes"].append("pg-lab-numbers")
    return built


def _table(node: lab_pending, ds: lab_data.Dataset) -> list[nodes.Node]:
    rows = ds.select(node["where"])
    if not rows:
        raise lab_data.LabDataError(f"no rows of {ds.name!r} match {node['where']}")
    row_key, column_key = node["rows"], node["columns"]
    metric, value = node["metric"], node["value"]
    row_values = _ordered(rows, row_key)
    column_values = _ordered(rows, column_key) if column_key else [metric or value]
    body = []
    for r in row_values:
        cells: list[object] = [_cell_text(r)]
        for c in column_values:
            hit = [
                x
                for x in rows
                if x.get(row_key) == r and (not column_key or x.get(column_key) == c)
            ]
            if len(hit) > 1:
                raise lab_data.LabDataError(
                    f"{len(hit)} rows of {ds.name!r} have {row_key}={r!r}"
                    + (f", {column_key}={c!r}" if column_key else "")
                    + "; add :where: to choose one"
                )
            if not hit:
                cells.append("")
            elif metric:
                if not lab_data.is_metric(hit[0].get(metric)):
                    raise lab_data.LabDataError(f"dataset {ds.name!r} has no metric {metric!r}")
                cells.append(_summary(hit[0][metric]))
            else:
                cells.append(_cell_text(hit[0].get(value, "")))
        body.append(cells)
    # Joined datasets may lack a column (a library with no behaviour rows): leave it out.
    kept = [0] + [i + 1 for i in range(len(column_values)) if any(row[i + 1] for row in body)]
    body = [[row[i] for i in kept] for row in body if any(row[1:])]
    header = [row_key, *(_cell_text(c) for c in column_values)]
    header = [header[i] for i in kept]
    built = table(header, body, widths=[1] * len(header))
    if metric:
        built["classes"].append("pg-lab-numbers")
    box = nodes.container(classes=["pg-lab-table"], ids=[node["anchor"]])
    box += node.children
    box += nodes.container("", built, classes=["table-wrapper"])
    note = machine_line(ds, repeated=bool(metric))  # an outcome is seen, not repeated
    if metric:
        note += nodes.Text(
            _(" Cells: median of {metric} (min–max over the repeats).").format(metric=metric)
        )
    box += note
    return [box]


def _claim(node: lab_pending, load: Any, settings: dict[str, Any]) -> nodes.Node:
    found = lab_claims.evaluate(node["expression"], load, settings)
    if not isinstance(found.value, bool):
        raise lab_claims.ClaimError(
            f"a claim must be a comparison (true or false); this is {found.value!r}"
        )
    box = nodes.container(
        classes=["pg-claim", "pg-claim-holds" if found.value else "pg-claim-fails"]
    )
    box += node.children
    if found.value:
        text = _("Checked against this build's data: {evidence}.").format(evidence=found.evidence)
    else:
        sentence = node.astext().strip().replace("\n", " ")
        _warn(
            f"claim does not hold in this build's data: {node['expression']} "
            f"evaluated as {found.evidence}; the claim: {sentence[:160]!r}",
            node,
        )
        text = _("Does NOT hold in this build's data: {evidence}.").format(evidence=found.evidence)
    box += nodes.paragraph(classes=["pg-claim-evidence"], text=text)
    return box


def _ordered(rows: list[dict[str, Any]], key: str) -> list[Any]:
    seen: list[Any] = []
    for row in rows:
        if key in row and row[key] not in seen:
            seen.append(row[key])
    return seen


def _summary(values: list[float]) -> nodes.paragraph:
    """The median, and under it the spread of the repeats (or that there was one run)."""
    median, low, high = lab_data.summary([float(v) for v in values])
    spread = (
        # Translators: under a table cell's median: it was measured once.
        str(_(" (1 run)"))
        if len(values) == 1
        else f" ({lab_data.format_number(low)}–{lab_data.format_number(high)})"
    )
    cell = nodes.paragraph()
    cell += nodes.Text(lab_data.format_number(median))
    cell += nodes.inline(spread, spread, classes=["pg-spread"])
    return cell


def _cell_text(value: Any) -> str:
    return lab_data.format_number(value) if isinstance(value, float) else str(value)
