"""Timelines (docs/timelines.md): parse a timeline script's output, draw it, tabulate it.

A timeline script prints JSON lines. ``timeline_map.py`` and its siblings print a setup
line, one line per task (it has an ``"index"``), then one line per order, such as
``{"returned": [0, 1, ...]}``. ``timeline_chunking.py`` prints several calls, each a setup
line (it has ``"workers"``) followed by one line per chunk.

The charts are drawn with ``lab_charts``' placeholder colours and ``themed``, so the inline
SVG follows the page's light or dark theme like the lab's charts.
"""

from __future__ import annotations

import io
import json
import math
from collections import Counter
from dataclasses import dataclass
from typing import Any

from docutils import nodes
from matplotlib.figure import Figure  # no pyplot: no global state, no display backend
from matplotlib.patches import Rectangle

from .i18n import _
from .lab_charts import GRID, INK, ON_SERIES, PAGE, SERIES, chart_style, themed
from .tables import table

BAR, OTHER_BAR = SERIES[0], SERIES[2]  # neighbouring chunks differ in colour
CHAR_PT = 6.2  # about the width of one label character at the charts' font size


class TimelineError(ValueError):
    """The output is not what a timeline script prints."""


@dataclass(frozen=True)
class Timeline:
    """One call: its setup, one record per task (in printed order), and its orders."""

    setup: dict[str, Any]
    tasks: list[dict[str, Any]]
    orders: dict[str, list[int]]


@dataclass(frozen=True)
class ChunkCall:
    """One call of timeline_chunking.py: its setup and one record per chunk."""

    setup: dict[str, Any]
    chunks: list[dict[str, Any]]


def _objects(output: str) -> list[dict[str, Any]]:
    objects = []
    for number, line in enumerate(output.splitlines(), 1):
        if not line.strip():
            continue
        try:
            found = json.loads(line)
        except json.JSONDecodeError:
            raise TimelineError(f"line {number} is not JSON: {line[:80]!r}") from None
        if not isinstance(found, dict):
            raise TimelineError(f"line {number} is not a JSON object: {line[:80]!r}")
        objects.append(found)
    if not objects:
        raise TimelineError("the output is empty")
    return objects


_TASK_KEYS = {"index", "pid", "start", "end", "returned"}
_CHUNK_KEYS = {"chunk", "first", "last", "pid", "start", "end"}


def parse_timeline(output: str) -> Timeline:
    """A setup line, one line per task (with ``"index"``), then one line per order."""
    objects = _objects(output)
    setup, rest = objects[0], objects[1:]
    if "index" in setup:
        raise TimelineError("the first line is a task, not the setup")
    tasks = [o for o in rest if "index" in o]
    if not tasks:
        raise TimelineError("no task lines (objects with an 'index')")
    if rest[: len(tasks)] != tasks:
        raise TimelineError("an order line comes before the last task line")
    for task in tasks:
        if missing := _TASK_KEYS - task.keys():
            raise TimelineError(f"task {task.get('index')} has no {', '.join(sorted(missing))}")
    orders: dict[str, list[int]] = {}
    for line in rest[len(tasks) :]:
        if len(line) != 1:
            raise TimelineError(f"an order line must hold one order: {line}")
        orders.update(line)
    return Timeline(setup, tasks, orders)


def parse_chunking(output: str) -> list[ChunkCall]:
    """Several calls: each a setup line (with ``"workers"``), then one line per chunk."""
    calls: list[ChunkCall] = []
    for found in _objects(output):
        if "workers" in found:
            calls.append(ChunkCall(found, []))
        elif not calls:
            raise TimelineError("a chunk line comes before the first setup line")
        elif missing := _CHUNK_KEYS - found.keys():
            raise TimelineError(f"a chunk line has no {', '.join(sorted(missing))}: {found}")
        else:
            calls[-1].chunks.append(found)
    if any(not call.chunks for call in calls):
        raise TimelineError("a call has no chunk lines")
    return calls


def worker_rows(records: list[dict[str, Any]]) -> list[int]:
    """Worker PIDs, in the order each first started something."""
    pids: list[int] = []
    for record in sorted(records, key=lambda r: r["start"]):
        if record["pid"] not in pids:
            pids.append(record["pid"])
    return pids


# -- drawing ---------------------------------------------------------------------------


def _bars(ax: Any, rows: list[int], bars: list[tuple[int, float, float, str, str]], end: float):
    """Gantt bars: ``bars`` are (pid, start, end, label, colour); labels come later."""
    for pid, start, stop, _label, colour in bars:
        ax.barh(rows.index(pid), stop - start, left=start, height=0.6, color=colour, edgecolor=PAGE)
    ax.set_xlim(0, end * 1.02)
    # Translators: a timeline chart's x axis.
    ax.set_xlabel(str(_("seconds since the call")))
    ax.grid(axis="x", color=GRID, linewidth=0.7)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


def _labels(fig: Any, ax: Any, rows: list[int], bars: list[tuple], end: float) -> None:
    """Label the bars wide enough to hold their label, once the layout is known."""
    width_pt = ax.get_position().width * fig.get_figwidth() * 72
    for pid, start, stop, label, _colour in bars:
        if (stop - start) / (end * 1.02) * width_pt >= CHAR_PT * len(label) + 4:
            ax.text(
                (start + stop) / 2,
                rows.index(pid),
                label,
                ha="center",
                va="center",
                color=ON_SERIES,
            )


def _svg(fig: Any) -> str:
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None})
    return themed(buffer.getvalue())


def gantt_svg(timeline: Timeline, salt: str) -> str:
    """One row per worker, one bar per task labelled by its input; a row for the caller.

    With chunks of more than one input, a frame surrounds each chunk.
    """
    tasks = timeline.tasks
    rows = worker_rows(tasks)
    end = max(max(t["returned"], t["end"]) for t in tasks)
    chunked = timeline.setup.get("chunksize", 1) > 1 and all("chunk" in t for t in tasks)
    with chart_style(salt, font_size=10):
        fig = Figure(figsize=(7.0, 0.55 * (len(rows) + 1) + 1.0))
        ax = fig.subplots()
        bars = [(t["pid"], t["start"], t["end"], str(t["index"]), BAR) for t in tasks]
        _bars(ax, rows, bars, end)
        if chunked:  # frame each chunk: the inputs a worker received in one task
            for chunk in sorted({t["chunk"] for t in tasks}):
                members = [t for t in tasks if t["chunk"] == chunk]
                start = min(t["start"] for t in members)
                stop = max(t["end"] for t in members)
                y = rows.index(members[0]["pid"]) - 0.38
                ax.add_patch(
                    Rectangle((start, y), stop - start, 0.76, fill=False, edgecolor=INK, lw=1.2)
                )
        caller = len(rows)
        returned = Counter(t["returned"] for t in tasks)
        ax.plot(list(returned), [caller] * len(returned), "|", color=INK, markersize=14, mew=1.5)
        for moment, count in returned.items():
            if count > 1:  # several results received in the same millisecond
                ax.annotate(
                    str(count),
                    (moment, caller),
                    xytext=(-5, 0),
                    textcoords="offset points",
                    ha="right",
                    va="center",
                    fontsize=9,
                )
        # Translators: a row of a timeline chart, on two lines: a worker process and its PID.
        worker = _("worker {number}\npid {pid}")
        labels = [worker.format(number=n + 1, pid=pid) for n, pid in enumerate(rows)]
        # Translators: the last row of a timeline chart, on two lines: when results arrived.
        ax.set_yticks(range(caller + 1), [*labels, str(_("caller:\nresults"))])
        ax.set_ylim(caller + 0.6, -0.6)
        fig.tight_layout()
        _labels(fig, ax, rows, bars, end)
        return _svg(fig)


def chunks_svg(calls: list[ChunkCall], salt: str) -> str:
    """One panel per call, fewest inputs first; each bar is a chunk, first-last input."""
    ordered = sorted(calls, key=lambda c: (c.setup["items"], c.setup["workers"]))
    columns = 2
    panel_rows = math.ceil(len(ordered) / columns)
    with chart_style(salt, font_size=10):
        fig = Figure(figsize=(8.0, 2.5 * panel_rows + 0.3))
        axes = fig.subplots(panel_rows, columns, squeeze=False)
        drawn = []
        for call, ax in zip(ordered, axes.flat, strict=False):
            rows = worker_rows(call.chunks)
            bars = []
            for c in call.chunks:
                label = str(c["first"]) if c["first"] == c["last"] else f"{c['first']}–{c['last']}"
                bars.append(
                    (c["pid"], c["start"], c["end"], label, OTHER_BAR if c["chunk"] % 2 else BAR)
                )
            end = max(c["end"] for c in call.chunks)
            _bars(ax, rows, bars, end)
            # Translators: a row of a chart: a worker process, by its PID.
            pid_label = _("pid {pid}")
            ax.set_yticks(range(len(rows)), [pid_label.format(pid=pid) for pid in rows])
            ax.set_ylim(len(rows) - 0.4, -0.6)
            s = call.setup
            ax.set_title(
                _("{inputs} inputs, {workers} workers: chunksize {chunksize}").format(
                    inputs=s["items"], workers=s["workers"], chunksize=s["chunksize"]
                ),
                loc="left",
                fontsize=10,
            )
            drawn.append((ax, rows, bars, end))
        for ax in list(axes.flat)[len(ordered) :]:
            ax.set_visible(False)
        fig.tight_layout()
        for ax, rows, bars, end in drawn:
            _labels(fig, ax, rows, bars, end)
        return _svg(fig)


# -- docutils nodes -------------------------------------------------------------------


def orders_list(timeline: Timeline) -> nodes.bullet_list:
    """The orders of the run, one item each: **returned**: ``0, 1, 2, ...``."""
    listing = nodes.bullet_list(classes=["pg-timeline-orders"])
    for name, order in timeline.orders.items():
        text = ", ".join(map(str, order))
        item = nodes.list_item()
        para = nodes.paragraph()
        para += nodes.strong(name, name)
        para += nodes.Text(": ")
        para += nodes.literal(text, text)
        item += para
        listing += item
    return listing


def _seconds(value: float) -> str:
    return f"{value:.3f}"


def task_table(timeline: Timeline) -> nodes.table:
    """The chart's data: one row per input, in input order."""
    chunk = all("chunk" in t for t in timeline.tasks)
    # Translators: this header and the next ones: a timeline's data, one row per input.
    header = [_("input"), *([_("chunk")] if chunk else []), _("worker PID")]
    header += [
        _("started"),
        _("finished"),
        # Translators: when the caller received a task's result (seconds since the call).
        _("returned"),
    ]
    rows = [
        [
            t["index"],
            *([t["chunk"]] if chunk else []),
            t["pid"],
            _seconds(t["start"]),
            _seconds(t["end"]),
            _seconds(t["returned"]),
        ]
        for t in sorted(timeline.tasks, key=lambda t: t["index"])
    ]
    built = table(header, rows, [1] * len(header))
    built["classes"].append("pg-timeline-data")
    return built


def chunk_table(calls: list[ChunkCall]) -> nodes.table:
    """The chunking chart's data: one row per chunk, in the order of the output."""
    header = [
        # Translators: how many inputs a call of the chunking timeline was given.
        _("inputs"),
        _("workers"),
        _("chunk"),
        _("inputs in it"),
        _("worker PID"),
        _("started"),
        _("finished"),
    ]
    rows = [
        [
            call.setup["items"],
            call.setup["workers"],
            c["chunk"],
            # Translators: the inputs a chunk held, e.g. "0 to 7".
            _("{first} to {last}").format(first=c["first"], last=c["last"]),
            c["pid"],
            _seconds(c["start"]),
            _seconds(c["end"]),
        ]
        for call in calls
        for c in call.chunks
    ]
    built = table(header, rows, [1] * len(header))
    built["classes"].append("pg-timeline-data")
    return built


def formula_table(calls: list[ChunkCall]) -> nodes.table:
    """The default chunksize's formula beside what each call of the run did."""
    formula = nodes.paragraph()
    formula += nodes.literal("ceil(inputs / (4 * workers))", "ceil(inputs / (4 * workers))")
    header = [
        _("inputs"),
        _("workers"),
        formula,
        _("chunksize used"),
        _("chunks"),
        _("workers that got a chunk"),
    ]
    rows = []
    for call in calls:
        n, w = call.setup["items"], call.setup["workers"]
        rows.append(
            [
                n,
                w,
                math.ceil(n / (4 * w)),
                call.setup["chunksize"],
                len(call.chunks),
                len({c["pid"] for c in call.chunks}),
            ]
        )
    built = table(header, rows, [1] * len(header))
    built["classes"].append("pg-timeline-formula")
    return built
