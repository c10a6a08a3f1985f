"""A translated edition fails its build while one of its page's messages has no translation.

Sphinx shows the English text of a message its catalogue lacks (or has only as fuzzy),
silently. Its Locale transform marks each translatable node ``translated``; on
``doctree-read`` of a translated edition each node marked False is a warning (an error
under -W), naming the page, the line and the catalogue to complete.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders.gettext import MessageCatalogBuilder
from sphinx.util import logging
from sphinx.util.nodes import NodeMatcher

logger = logging.getLogger(__name__)


def check_translated(app: Sphinx, doctree: nodes.document) -> None:
    """On ``doctree-read``: every message of a translated page has its translation."""
    first = app.config.pool_guide_editions[0][0]
    if app.config.language == first or isinstance(app.builder, MessageCatalogBuilder):
        return
    docname = app.env.docname
    catalogue = f"{app.config.locale_dirs[0]}/{app.config.language}/LC_MESSAGES/{docname}.po"
    for node in NodeMatcher(nodes.Element, translated=False).findall(doctree):
        text = " ".join(node.astext().split())
        logger.warning(
            "no %s translation for %r: run `nox -s translations`, then translate it in %s",
            app.config.language,
            text[:100] + ("…" if len(text) > 100 else ""),
            catalogue,
            location=node,
            type="pool_guide",
            subtype="translation",
        )
