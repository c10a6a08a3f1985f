"""The search page reads a pasted error message as the words it has in every run.

An error pasted from a terminal carries a PID, an address or a path that no page of the
site contains, and Sphinx's search requires every word to match, so it would find
nothing. ``search-errors.js`` defines the ``splitQuery`` that Sphinx's searchtools.js
uses when one exists: it drops those parts before splitting the query into words.

The Chinese edition's search page also gets ``search-stemmer.js``, the stemmer Sphinx 9.0's
Chinese search names but never defines (sphinx-doc/sphinx#14229).
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

SCRIPT = "search-errors.js"
#: Sphinx 9.0's Chinese search names a stemmer class it does not define (search-stemmer.js).
ZH_STEMMER = "search-stemmer.js"


def add_to_search_page(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """On ``html-page-context``: the search page only (added here, it loads before searchtools)."""
    if pagename == "search":
        app.add_js_file(SCRIPT)
        language = app.config.html_search_language or app.config.language or ""
        if language.startswith("zh"):
            app.add_js_file(ZH_STEMMER)


def setup(app: Sphinx) -> None:
    app.connect("html-page-context", add_to_search_page)
