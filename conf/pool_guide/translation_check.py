"""A translated edition fails its build while one of its messages has no translation.

Sphinx shows the English text of a message its catalogue lacks (or has only as fuzzy),
silently. Its Locale transform marks each translatable node ``translated``; on
``doctree-read`` of a translated edition each node marked False is a warning (an error
under -W), naming the page, the line and the catalogue to complete.
"""

from __future__ import annotations

from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from docutils import nodes
from sphinx import addnodes
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
        if isinstance(node, addnodes.translatable):
            continue  # a toctree: Sphinx translates its caption but leaves it marked False
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


def check_extension_catalogue(app: Sphinx) -> None:
    """On ``builder-inited`` of a translated edition: the extension's own words are all there.

    Its strings are wrapped in ``_()`` in conf/pool_guide; one missing from (or fuzzy in)
    pool_guide.po would show in English, so each is a warning naming the code that uses it.
    """
    first = app.config.pool_guide_editions[0][0]
    if app.config.language == first or isinstance(app.builder, MessageCatalogBuilder):
        return
    catalogue = Path(app.config.locale_dirs[0], app.config.language, "LC_MESSAGES", "pool_guide.po")
    if not catalogue.is_file():
        return  # a site that does not translate the extension's words (the tests' sites)
    with catalogue.open("rb") as f:
        translated = {m.id for m in read_po(f) if m.id and m.string and not m.fuzzy}
    code = Path(__file__).parent
    for filename, lineno, message, _comments, _context in extract_from_dir(
        code, method_map=[("**.py", "python")], keywords={"_": None}
    ):
        if message not in translated:
            logger.warning(
                "no %s translation for the extension's %r (%s:%d): run `nox -s translations`, "
                "then translate it in %s",
                app.config.language,
                message,
                Path(code.name, filename),
                lineno,
                catalogue,
                type="pool_guide",
                subtype="translation",
            )
