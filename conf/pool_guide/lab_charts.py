"""Draw a lab chart as SVG with matplotlib, coloured by the page's theme.

Matplotlib writes fixed colours. The chart is drawn with placeholder colours,
which are then replaced by CSS custom properties (``var(--pg-chart-...)``,
set for light and dark in pool-guide.css), so one inline SVG follows the
reader's theme. Series differ by marker and line style as well as by colour.
"""

from __future__ import annotations

import contextlib
import io
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import matplotlib
from matplotlib.figure import Figure  # no pyplot: no global state, no display backend
from matplotlib.ticker import FuncFormatter

from . import chart_fonts
from .lab_data import format_number, summary

#: Placeholder colour -> the CSS custom property that replaces it. Other charts
#: (timeline_charts) draw with the same placeholders and call ``themed``.
INK = _INK = "#010203"
GRID = _GRID = "#040506"
MUTED = _MUTED = "#070809"
PAGE = "#0d0e0f"  # the page's background: gaps between touching bars
ON_SERIES = "#101112"  # text drawn on a bar of a series colour
SERIES = _SERIES = [f"#0a0b{i:02x}" for i in range(8)]
_CSS = {
    _INK: "var(--pg-chart-ink)",
    _GRID: "var(--pg-chart-grid)",
    _MUTED: "var(--pg-chart-muted)",
    PAGE: "var(--pg-chart-page)",
    ON_SERIES: "var(--pg-chart-on-series)",
    **{c: f"var(--pg-chart-{i})" for i, c in enumerate(_SERIES)},
}
_MARKERS = ["o", "s", "^", "D", "v", "P", "X", "*"]
_LINES = ["-", "--", "-.", ":", "-", "--", "-.", ":"]


@dataclass(frozen=True)
class ChartSpec:
    """What to draw: the directive's options, parsed."""

    kind: str  # "line" or "bar"
    x: str
    y: str
    series: str | None
    logx: bool
    logy: bool
    xlabel: str
    ylabel: str
    hline: tuple[float, str] | None
    salt: str  # makes the SVG's internal ids unique on the page


def series_of(rows: list[dict[str, Any]], spec: ChartSpec) -> dict[str, list[dict[str, Any]]]:
    """Rows grouped by series, in the order the script measured them."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        key = str(row.get(spec.series, "")) if spec.series else spec.y
        groups.setdefault(key, []).append(row)
    return groups


@contextlib.contextmanager
def chart_style(salt: str, font_size: float = 12) -> Iterator[None]:
    """Draw with ``theme_style``, measuring text with a CJK fallback font where there is one."""
    with matplotlib.rc_context(theme_style(salt, font_size)), chart_fonts.measuring():
        yield


def theme_style(salt: str, font_size: float = 12) -> dict[str, Any]:
    """Matplotlib settings that draw in placeholder colours, for ``themed``."""
    return {
        "svg.fonttype": "none",  # text stays text: selectable, searchable, the page's font
        "font.family": chart_fonts.font_family(),  # the metrics the layout is made with
        "svg.hashsalt": salt,  # the SVG's internal ids differ from another chart's
        "font.size": font_size,
        "text.color": _INK,
        "axes.labelcolor": _INK,
        "axes.edgecolor": _INK,
        "xtick.color": _INK,
        "ytick.color": _INK,
        "axes.facecolor": "none",
        "figure.facecolor": "none",
        "savefig.facecolor": "none",
        "legend.frameon": False,
    }


def draw_svg(rows: list[dict[str, Any]], spec: ChartSpec, marks: list[dict[str, Any]]) -> str:
    """The chart as an SVG document whose colours are CSS custom properties."""
    with chart_style(spec.salt):
        # Narrow enough that its text stays legible when a phone shrinks it to fit.
        height = 4.0
        if spec.kind == "bar":  # a bar's thickness stays the same however many there are
            bars = len({str(r[spec.x]) for r in rows}) * max(1, len(series_of(rows, spec)))
            height = min(8.0, max(2.4, 1.3 + 0.32 * bars))
        fig = Figure(figsize=(6.0, height))
        ax = fig.subplots()
        groups = series_of(rows, spec)
        if spec.kind == "bar":
            _bars(ax, groups, spec)
        else:
            _lines(ax, groups, spec)
        _decorate(ax, spec, marks)
        if spec.series and len(groups) > 1:
            ax.legend(loc="best", fontsize=10)
        fig.tight_layout()
        buffer = io.StringIO()
        fig.savefig(buffer, format="svg", metadata={"Date": None})
    return themed(buffer.getvalue())


def _lines(ax: Any, groups: dict[str, list[dict[str, Any]]], spec: ChartSpec) -> None:
    for i, (name, rows) in enumerate(groups.items()):
        points = sorted((float(r[spec.x]), *summary(r[spec.y])) for r in rows)
        xs = [p[0] for p in points]
        med = [p[1] for p in points]
        low = [p[1] - p[2] for p in points]
        high = [p[3] - p[1] for p in points]
        colour = _SERIES[i % len(_SERIES)]
        ax.errorbar(
            xs,
            med,
            yerr=[low, high],
            label=name,
            color=colour,
            marker=_MARKERS[i % len(_MARKERS)],
            linestyle=_LINES[i % len(_LINES)],
            markersize=5,
            linewidth=1.6,
            capsize=3,
        )


def _bars(ax: Any, groups: dict[str, list[dict[str, Any]]], spec: ChartSpec) -> None:
    """Horizontal bars: category names (libraries, ways) read level, even on a phone."""
    categories: list[str] = []
    for rows in groups.values():
        categories += [str(r[spec.x]) for r in rows if str(r[spec.x]) not in categories]
    height = 0.8 / max(len(groups), 1)
    hatches = ["", "//", "..", "xx", "\\\\", "oo", "++", "--"]
    for i, (name, rows) in enumerate(groups.items()):
        by_x = {str(r[spec.x]): summary(r[spec.y]) for r in rows}
        ys, med, low, high = [], [], [], []
        for j, category in enumerate(categories):
            if category in by_x:
                m, lo, hi = by_x[category]
                ys.append(j + (i - (len(groups) - 1) / 2) * height)
                med.append(m)
                low.append(m - lo)
                high.append(hi - m)
        colour = _SERIES[i % len(_SERIES)]
        ax.barh(
            ys,
            med,
            height * 0.92,
            xerr=[low, high],
            label=name,
            color=colour,
            edgecolor=_INK,
            linewidth=0.6,
            hatch=hatches[i % len(hatches)],
            ecolor=_INK,
            capsize=3,
        )
    ax.set_yticks(range(len(categories)), categories)
    ax.invert_yaxis()  # the first category on top, as in the data table


def _decorate(ax: Any, spec: ChartSpec, marks: list[dict[str, Any]]) -> None:
    # Log axes still read as plain numbers (0.1, 1, 10, 1,000), not powers of ten.
    plain = FuncFormatter(lambda value, _: format_number(value) if value > 0 else "0")
    # Bars lie down: their values run along x, their categories down y.
    values_axis = ax.xaxis if spec.kind == "bar" else ax.yaxis
    if spec.logx and spec.kind == "line":
        ax.set_xscale("log")
        ax.xaxis.set_major_formatter(plain)
    if spec.logy:
        (ax.set_xscale if spec.kind == "bar" else ax.set_yscale)("log")
        values_axis.set_major_formatter(plain)
    if spec.kind == "bar":
        ax.set_xlabel(spec.ylabel)
        ax.set_ylabel(spec.xlabel)
    else:
        ax.set_xlabel(spec.xlabel)
        ax.set_ylabel(spec.ylabel)
    ax.grid(
        True, which="major", axis="x" if spec.kind == "bar" else "both", color=_GRID, linewidth=0.7
    )
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    if spec.hline is not None:
        value, label = spec.hline
        if spec.kind == "bar":
            ax.axvline(value, color=_MUTED, linewidth=1.2, linestyle=(0, (4, 3)))
        else:
            ax.axhline(value, color=_MUTED, linewidth=1.2, linestyle=(0, (4, 3)))
        if label:
            ax.annotate(
                label,
                xy=(value, 1.0) if spec.kind == "bar" else (0.01, value),
                xycoords=("data", "axes fraction")
                if spec.kind == "bar"
                else ("axes fraction", "data"),
                xytext=(3, -12) if spec.kind == "bar" else (0, 3),
                textcoords="offset points",
                color=_MUTED,
                fontsize=9,
            )
    for mark in marks:
        value = float(mark["value"])
        if not math.isfinite(value):
            continue
        if mark["axis"] == "x" and spec.kind == "line":
            ax.axvline(value, color=_MUTED, linewidth=1.2, linestyle=(0, (1, 2)))
            ax.annotate(
                mark["label"],
                xy=(value, 0.98),
                xycoords=("data", "axes fraction"),
                xytext=(4, 0),
                textcoords="offset points",
                rotation=90,
                va="top",
                color=_MUTED,
                fontsize=9,
            )
        elif mark["axis"] == "y":  # a value: across the values axis
            line = ax.axvline if spec.kind == "bar" else ax.axhline
            line(value, color=_MUTED, linewidth=1.2, linestyle=(0, (1, 2)))


def themed(svg: str) -> str:
    """Placeholder colours -> CSS variables; the page sizes the drawing, not the file."""
    svg = svg[svg.index("<svg") :]  # drop the XML prolog and doctype: it goes inline
    for colour, var in _CSS.items():
        svg = svg.replace(colour, var)
    # Sized by CSS (width 100 %, height from the viewBox), so it fits a phone.
    svg = re.sub(r'<svg([^>]*?) width="[^"]*" height="[^"]*"', r"<svg\1", svg, count=1)
    svg = re.sub(r"font-family:\s*'[^']*'(, [^;\"]*)?", "font-family: var(--pg-chart-font)", svg)
    return svg
