"""Small accessibility repairs to the HTML that Sphinx and its extensions produce.

Each repair answers one axe-core rule that the browser tests run:

* aria-required-attr: Sphinx renders toctree captions as
  ``<p class="caption" role="heading">`` without the ``aria-level`` the heading
  role requires. The captions head navigation lists, so level 2 fits.
* scrollable-region-focusable: a code block wider than the column scrolls, and a
  keyboard user can only scroll it if it can take focus.

Graphviz diagrams need no repair here: figures.py inlines them as labelled SVG.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

_CAPTION = 'class="caption" role="heading"'
_CAPTION_FIXED = 'class="caption" role="heading" aria-level="2"'
_CODE = '<div class="highlight"><pre>'
_CODE_FIXED = '<div class="highlight"><pre tabindex="0">'


def repair(text: str) -> str:
    return text.replace(_CAPTION, _CAPTION_FIXED).replace(_CODE, _CODE_FIXED)


def repair_page(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """On ``html-page-context``, after the theme has built its navigation."""
    for key in ("body", "toc", "furo_navigation_tree"):
        value = context.get(key)
        if isinstance(value, str):
            context[key] = repair(value)
