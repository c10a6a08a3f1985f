"""The fonts matplotlib measures a chart's text with.

The SVG keeps its text as text (``svg.fonttype: none``) and the browser draws it in the
page's font, but matplotlib still lays the chart out with its own metrics. DejaVu Sans has
no Chinese glyphs: without a fallback, every Chinese label is measured as missing glyphs,
warned about once per character, and the layout leaves too little room for it.
"""

from __future__ import annotations

import contextlib
import functools
import re
import warnings
from collections.abc import Iterator
from pathlib import Path

from matplotlib import font_manager
from sphinx.util import logging

logger = logging.getLogger(__name__)

# File-name fragments of the CJK fonts Linux distributions and macOS ship.
_CJK_FILES = (
    "wqy-microhei",
    "wqy-zenhei",
    "notosanscjk",
    "sourcehansans",
    "droidsansfallback",
    "pingfang",
    "hiragino sans gb",
    "msyh",
)
# matplotlib's warning for a character the font has no glyph for.
_MISSING_GLYPH = re.compile(r"Glyph \d+ .* missing from font")


@functools.cache
def cjk_fallbacks() -> tuple[str, ...]:
    """Names of the installed CJK fonts, registered with matplotlib; () when there is none.

    Looks at the files themselves, so a font installed after matplotlib cached its font
    list is found too.
    """
    names: list[str] = []
    for path in sorted(font_manager.findSystemFonts()):
        if not any(part in Path(path).name.lower() for part in _CJK_FILES):
            continue
        try:
            font_manager.fontManager.addfont(path)
        except (OSError, RuntimeError):  # unreadable or a format FreeType refuses
            continue
        name = font_manager.fontManager.ttflist[-1].name
        if name not in names:
            names.append(name)
    return tuple(names)


def font_family() -> list[str]:
    """DejaVu Sans for Latin text; per glyph, the CJK fonts for what it lacks."""
    return ["DejaVu Sans", *cjk_fallbacks()]


@contextlib.contextmanager
def measuring() -> Iterator[None]:
    """Lay a chart out; without a CJK font, one note instead of a warning per Chinese glyph."""
    if cjk_fallbacks():
        yield
        return
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        yield
    for warning in caught:
        if _MISSING_GLYPH.match(str(warning.message)):
            _note_no_cjk_font()
        else:  # not ours to hide
            warnings.warn_explicit(
                warning.message, warning.category, warning.filename, warning.lineno
            )


@functools.cache
def _note_no_cjk_font() -> None:
    logger.info(
        "charts: no CJK font is installed, so Chinese labels are laid out with DejaVu Sans's "
        "metrics and may be cramped; install one (Debian: fonts-wqy-microhei)"
    )
