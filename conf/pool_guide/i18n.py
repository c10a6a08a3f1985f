"""The extension's own words (output captions, version notes, reports) in each edition.

Every reader-visible string the extension writes is wrapped in ``_()``. Its translations
live beside the pages' catalogues, in ``<locale_dir>/<language>/LC_MESSAGES/pool_guide.po``
(extracted and updated by ``nox -s translations``); this module compiles that catalogue
when it is newer than its ``.mo`` and registers it with Sphinx.

``_()`` returns a lazy string, translated when it is turned into text: use it for a
whole sentence, with named placeholders filled after translation,
``_("Ran on CPython {version} (above)").format(version=v)``, never around a fragment
that a sentence is glued from.
"""

from __future__ import annotations

from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from sphinx.application import Sphinx
from sphinx.locale import get_translation

from .interpreters import Interpreter
from .interpreters import versions_phrase as phrase

#: The extension's gettext domain: its catalogue is pool_guide.po.
CATALOGUE = "pool_guide"

_ = get_translation(CATALOGUE)


def register_catalogue(app: Sphinx) -> None:
    """In ``setup``: compile and register the extension's catalogue for this language."""
    for folder in app.config.locale_dirs:
        base = Path(app.confdir, folder)
        po = base / str(app.config.language) / "LC_MESSAGES" / f"{CATALOGUE}.po"
        if not po.is_file():
            continue
        mo = po.with_suffix(".mo")
        if not mo.is_file() or mo.stat().st_mtime < po.stat().st_mtime:
            with po.open("rb") as source:
                catalog = read_po(source, locale=str(app.config.language))
            with mo.open("wb") as target:
                write_mo(target, catalog)  # fuzzy entries left out: they show in English
        app.add_message_catalog(CATALOGUE, str(base))


def versions_phrase(interpreters: list[Interpreter]) -> str:
    """ "3.8.18, 3.9.18 and 3.13.0", joined in the edition's words."""
    # Translators: between two CPython versions of a list, and before its last one.
    return phrase(interpreters, comma=str(_(", ")), last=str(_(" and ")))
