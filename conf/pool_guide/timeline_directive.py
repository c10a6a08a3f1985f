"""The ``timeline-chart`` directive: a chart of the run an ``example`` block printed above it.

It draws no run of its own. It finds this page's record of the script (placed by the
``example`` directive earlier on the page) and draws from the output that block shows,
so the chart's PIDs and orders are the ones printed above it.
"""

from __future__ import annotations

import html

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from . import records, timeline_charts
from .i18n import _
from .tables import details

logger = logging.getLogger(__name__)

KINDS = ("gantt", "chunks", "chunk-formula")


class TimelineChartDirective(SphinxDirective):
    """Draw ``examples/<script>`` as shown by the ``example`` block above it on this page.

    ``:kind: gantt`` (one call: a chart, its orders, its data), ``chunks`` (the panels of
    timeline_chunking.py and their data) or ``chunk-formula`` (its table of the default
    chunksize against what each call did). The content is the caption.
    """

    required_arguments = 1
    has_content = True
    option_spec = {
        "kind": lambda a: directives.choice(a, KINDS),
        "alt": directives.unchanged_required,
        "name": directives.unchanged_required,
    }

    def run(self) -> list[nodes.Node]:
        kind = self.options.get("kind", "gantt")
        if kind != "chunk-formula" and "alt" not in self.options:
            raise self.error("timeline-chart needs :alt: (what the chart shows, in words)")
        script = f"examples/{self.arguments[0]}"
        if not self.config.pool_guide_execute:  # like example and lab-chart: a note, no warning
            return [self._not_drawn(_("Not drawn: example execution is off in this build."))]
        shown = [r for r in records.runs(self.env, self.env.docname) if r.script == script]
        if not shown:
            return self._fail(
                f"timeline-chart {script}: no example block of {script} above it on this page "
                "(the chart draws the run that block shows)",
                _(
                    "Not drawn: no example block of {script} above it on this page "
                    "(the chart draws the run that block shows)."
                ).format(script=script),
            )
        record = shown[-1]  # the nearest block above
        if not record.ok:
            return self._fail(
                f"timeline-chart {script}: its run failed, so it is not drawn",
                _("Not drawn: its run failed, so it is not drawn."),
            )
        try:
            if kind == "gantt":
                return self._gantt(record, timeline_charts.parse_timeline(record.output))
            calls = timeline_charts.parse_chunking(record.output)
            if kind == "chunks":
                return self._chunks(record, calls)
            built = timeline_charts.formula_table(calls)
            built["classes"].append(f"pg-from-run-{record.run_id}")
            return [built]  # the theme wraps it in its table-wrapper
        except (timeline_charts.TimelineError, KeyError, TypeError) as exc:
            return self._fail(
                f"timeline-chart {script}: cannot read its output: {exc}",
                # Translators: {error} is the reason, in English (a developer's message).
                _("Not drawn: cannot read its output: {error}.").format(error=exc),
            )

    # -- kinds ---------------------------------------------------------------------

    def _gantt(
        self, record: records.RunRecord, timeline: timeline_charts.Timeline
    ) -> list[nodes.Node]:
        svg = timeline_charts.gantt_svg(timeline, self._salt())
        figure = self._figure(record, svg)
        orders = timeline_charts.orders_list(timeline)
        orders["classes"].append(f"pg-from-run-{record.run_id}")
        data = timeline_charts.task_table(timeline)
        data["classes"].append(f"pg-from-run-{record.run_id}")
        summary = _("The chart's data as a table (times in seconds since the call)")
        return [figure, orders, *details(summary, data, wrap=False)]

    def _chunks(
        self, record: records.RunRecord, calls: list[timeline_charts.ChunkCall]
    ) -> list[nodes.Node]:
        svg = timeline_charts.chunks_svg(calls, self._salt())
        figure = self._figure(record, svg)
        data = timeline_charts.chunk_table(calls)
        data["classes"].append(f"pg-from-run-{record.run_id}")
        summary = _("The chart's data as a table (times in seconds since each call)")
        return [figure, *details(summary, data, wrap=False)]

    # -- parts ---------------------------------------------------------------------

    def _figure(self, record: records.RunRecord, svg: str) -> nodes.figure:
        alt = _("{alt} The data is in the table below.").format(alt=self.options["alt"])
        svg = svg.replace(
            "<svg",
            f'<svg role="img" aria-label="{html.escape(alt)}" class="pg-chart-svg" '
            f'data-run-id="{record.run_id}" data-script="{html.escape(record.script)}"',
            1,
        )
        figure = nodes.figure(classes=["pg-chart", "pg-timeline", f"pg-from-run-{record.run_id}"])
        figure += nodes.raw("", svg, format="html")
        if self.content:
            caption = nodes.container()
            self.state.nested_parse(self.content, self.content_offset, caption)
            texts = [c for c in caption.children if isinstance(c, nodes.paragraph)]
            if texts:
                # The paragraph's source kept, so gettext extracts the caption and a
                # translated edition shows its own.
                caption_node = nodes.caption(texts[0].rawsource, "", *texts[0].children)
                caption_node.source, caption_node.line = texts[0].source, texts[0].line
                figure += caption_node
        legend = nodes.legend()
        legend += self._provenance(record)
        figure += legend
        self.add_name(figure)  # :name: is a label, like a figure's
        return figure

    def _provenance(self, record: records.RunRecord) -> nodes.paragraph:
        method = (
            record.start_method
            if record.start_method_chosen
            # Translators: a start method the script did not choose, e.g. "fork (default)".
            else _("{method} (default)").format(method=record.start_method)
        )
        para = nodes.paragraph(classes=["pg-lab-machine", "pg-timeline-run"])
        # Translators: followed by a link, "output of <command>", then "), run by this build ...".
        para += nodes.Text(_("Drawn from the run printed above ("))
        para += nodes.reference(
            "",
            _("output of {command}").format(command=record.command),
            refid=record.anchor,
            internal=True,
        )
        para += nodes.Text(
            _("), run by this build at {ran_at}, start method {method}, {seconds:.2f} s.").format(
                ran_at=record.ran_at, method=method, seconds=record.duration
            )
        )
        return para

    def _salt(self) -> str:
        return f"{self.env.docname}-{self.options.get('name', self.arguments[0])}-{self.lineno}"

    def _not_drawn(self, note: str) -> nodes.Node:
        box = nodes.container(classes=["pg-not-run"])
        box += nodes.paragraph(text=note)
        return box

    def _fail(self, message: str, note: str) -> list[nodes.Node]:
        """Warn with ``message`` (English, for the author); the page shows ``note``."""
        logger.warning(message, location=self.get_location(), type="pool_guide", subtype="timeline")
        return [self._not_drawn(note)]
