"""Small accessibility repairs to the HTML that Sphinx and the theme produce.

Sphinx renders toctree captions as ``<p class="caption" role="heading">``
without the ``aria-level`` that the ARIA heading role requires (axe rule
aria-required-attr). The captions head navigation lists, so level 2 fits.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

_CAPTION = 'class="caption" role="heading"'
_FIXED = 'class="caption" role="heading" aria-level="2"'


def add_caption_aria_level(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """On ``html-page-context``, after the theme has built its navigation."""
    for key in ("body", "toc", "furo_navigation_tree"):
        value = context.get(key)
        if isinstance(value, str) and _CAPTION in value:
            context[key] = value.replace(_CAPTION, _FIXED)
