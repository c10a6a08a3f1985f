"""Graphviz diagrams inline in the page, so they follow the light and dark themes.

sphinx.ext.graphviz embeds a diagram as ``<object data="_images/graphviz-....svg">``: a
separate document the page's CSS cannot reach, so in dark mode it stays a white slab.
On ``html-page-context`` each one is replaced by the SVG itself, marked ``pg-diagram``:

* text without a colour of its own takes the theme's text colour (layout.css);
* every fill and stroke carries its dark-theme variant as a CSS property
  (``--pg-dark-fill``, ``--pg-dark-stroke``): the same hue with its lightness inverted,
  so light boxes with dark text become dark boxes with light text, and black lines white;
* ids are dropped (Graphviz numbers them from 1 in every diagram: two diagrams on one
  page would repeat them; see drop_unreferenced_ids); classes (node, edge, cluster)
  stay. The size comes from CSS, which fits the diagram to the column.

The background is transparent (``graphviz_dot_args`` in conf.py). figures.js opens a
diagram full size, like the charts.

Inline charts (matplotlib's SVG) name every element (``figure_1``, ``axes_1``...), so
two charts on a page repeat ids; the ids nothing in the drawing refers to are dropped.
"""

from __future__ import annotations

import colorsys
import html
import re
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)

_OBJECT = re.compile(
    r'<div class="graphviz"><object data="(?P<src>[^"]+)" type="image/svg\+xml" '
    r'class="graphviz[^"]*"[^>]*>\s*<p class="warning">(?P<alt>.*?)</p>\s*</object></div>',
    re.S,
)
_NAMED = {"black": "#000000", "white": "#ffffff"}
_SHAPE = re.compile(r"<(path|polygon|polyline|ellipse|rect|circle|line|text)\b([^>]*?)(/?)>")
_PAINT = re.compile(r'\b(fill|stroke)="([^"]+)"')


def dark_variant(colour: str) -> str | None:
    """The colour with its lightness inverted (hue and saturation kept), or None."""
    value = _NAMED.get(colour.lower(), colour)
    if not re.fullmatch(r"#[0-9a-fA-F]{6}", value):
        return None  # none, transparent, or a name Graphviz rarely writes
    r, g, b = (int(value[i : i + 2], 16) / 255 for i in (1, 3, 5))
    h, lightness, s = colorsys.rgb_to_hls(r, g, b)
    r, g, b = colorsys.hls_to_rgb(h, 1 - lightness, s)
    return "#" + "".join(f"{round(c * 255):02x}" for c in (r, g, b))


def _with_dark_variants(match: re.Match[str]) -> str:
    tag, attrs, close = match.groups()
    props = [
        f"--pg-dark-{name}:{dark}"
        for name, colour in _PAINT.findall(attrs)
        if (dark := dark_variant(colour))
    ]
    if props:
        attrs += f' style="{";".join(props)}"'
    return f"<{tag}{attrs}{close}>"


def themed_svg(svg: str, label: str) -> str:
    """A Graphviz SVG file's text, ready to go inline and follow the theme."""
    svg = svg[svg.index("<svg") :]
    svg = re.sub(r"<!--.*?-->\s*", "", svg, flags=re.S)
    # Sized by CSS from the viewBox: it fits the column, and figures.js knows its full size.
    svg = re.sub(r'<svg\s+width="[^"]*"\s+height="[^"]*"', "<svg", svg, count=1)
    svg = svg.replace(
        "<svg", f'<svg role="img" aria-label="{html.escape(label)}" class="pg-diagram-svg"', 1
    )
    return _SHAPE.sub(_with_dark_variants, svg)


#: A diagram's node links to a section by its label: ``URL="pg://ref/default-chunksize"``.
#: sphinx.ext.graphviz leaves a link with a host alone; this resolves it for the page.
_LABEL_LINK = re.compile(r'xlink:href="pg://ref/([\w-]+)"')


def resolve_label_links(app: Sphinx, pagename: str, svg: str) -> str:
    """Each ``pg://ref/<label>`` link of a diagram, as a link from this page to the label."""
    labels = app.env.domaindata["std"]["anonlabels"]

    def link(match: re.Match[str]) -> str:
        label = match[1]
        if label not in labels:
            logger.warning(
                "diagram on %s links to the label %r, which does not exist",
                pagename,
                label,
                type="pool_guide",
                subtype="figures",
            )
            return 'xlink:href="#"'
        todoc, anchor = labels[label]
        uri = app.builder.get_relative_uri(pagename, todoc) + f"#{anchor}"
        return f'xlink:href="{html.escape(uri)}"'

    return _LABEL_LINK.sub(link, svg)


_INLINE_SVG = re.compile(r"<svg\b.*?</svg>", re.S)
_ID = re.compile(r'\sid="([^"]*)"')
_REFERENCE = re.compile(r"""url\(#([^)]+)\)|href=["']#([^"']+)["']""")


def drop_unreferenced_ids(svg: str) -> str:
    """The SVG without the ids that nothing inside it refers to (clip paths, markers stay)."""
    referenced = {a or b for a, b in _REFERENCE.findall(svg)}
    return _ID.sub(lambda m: m[0] if m[1] in referenced else "", svg)


def prepare_figures(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """On ``html-page-context``: diagrams inline, and no id repeated by inline drawings."""
    body = context.get("body")
    if not isinstance(body, str) or ("<svg" not in body and 'class="graphviz"' not in body):
        return
    body = inline_diagrams(app, pagename, body)
    context["body"] = _INLINE_SVG.sub(lambda m: drop_unreferenced_ids(m[0]), body)


def inline_diagrams(app: Sphinx, pagename: str, body: str) -> str:
    """Each graphviz ``<object>`` of the page's body becomes its SVG."""
    if 'class="graphviz"' not in body:
        return body
    page_dir = (Path(app.builder.outdir) / pagename).parent

    def inline(match: re.Match[str]) -> str:
        svg = (page_dir / html.unescape(match["src"])).read_text(encoding="utf-8")
        label = html.unescape(match["alt"]).strip()
        svg = resolve_label_links(app, pagename, svg)
        return f'<div class="graphviz pg-diagram">{themed_svg(svg, label)}</div>'

    return _OBJECT.sub(inline, body)
