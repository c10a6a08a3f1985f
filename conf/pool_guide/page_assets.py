"""Each page loads the stylesheets and scripts it uses, and no others.

Extensions add their files to every page: sphinx-design's 55 kB stylesheet and its tabs
script, MyST-NB's 43 kB stylesheet, the copy button's. Most pages use none of them. On
``html-page-context`` this drops, from one page, the files listed in :data:`USED_BY`
whose classes that page's body does not contain. Files not listed (the theme's, Sphinx's
and the site's own small ones) load everywhere, so a new file of ours needs no entry.
"""

from __future__ import annotations

import re
from fnmatch import fnmatch
from pathlib import PurePosixPath
from typing import Any

from sphinx.application import Sphinx

#: File name pattern -> class name patterns in a page's body that show the page uses it.
USED_BY: dict[str, tuple[str, ...]] = {
    "sphinx-design.min.css": ("sd-*",),
    "design-tabs.js": ("sd-tab-*",),
    # MyST-NB styles notebook cells and their ANSI outputs only.
    "mystnb.*.css": (
        "cell",
        "cell_input",
        "cell_output",
        "highlight-myst-ansi",
        "highlight-ipythontb",
    ),
    # The copy button and Pygments' colours serve code blocks.
    "copybutton.css": ("highlight",),
    "copybutton.js": ("highlight",),
    "clipboard.min.js": ("highlight",),
    "pygments.css": ("highlight",),
    "graphviz.css": ("graphviz",),
    # The site's own: outputs and studies, annotated excerpts of pool.py.
    "outputs.css": (
        "pg-output*",
        "pg-study*",
        "pg-example",
        "pg-run-facts",
        "pg-version*",
    ),
    "excerpts.css": ("pg-ann",),
    "pitfalls.css": ("pg-pitfall*", "pg-error-*"),
    # The site's own: opens a chart or a diagram full size.
    "figures.js": ("pg-chart", "pg-diagram"),
}

_CLASS = re.compile(r'\bclass="([^"]*)"')


def classes_in(html: str) -> set[str]:
    return {name for value in _CLASS.findall(html) for name in value.split()}


def used(filename: str, classes: set[str]) -> bool:
    """Whether a page with these classes needs the file (unlisted files: always)."""
    name = PurePosixPath(filename).name
    for pattern, markers in USED_BY.items():
        if fnmatch(name, pattern):
            return any(fnmatch(c, m) for c in classes for m in markers)
    return True


def drop_unused_assets(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """On ``html-page-context``: keep the page's files whose features its body uses.

    New lists: the builder's own lists are shared by every page.
    """
    classes = classes_in(context.get("body") or "")
    for key in ("css_files", "script_files"):
        files = context.get(key)
        if files is None:
            continue
        # An inline script has no file name: it stays.
        context[key] = [f for f in files if not f.filename or used(str(f.filename), classes)]
