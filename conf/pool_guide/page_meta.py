"""Page descriptions for search engines and for links pasted into reviews.

* Pages Sphinx makes itself (404, index, search) get the site's description.
* sphinxext-opengraph takes og:description from the page's first paragraphs; a
  page that wrote its own description (html_meta in its front matter) gets that
  one in og:description too, so a pasted link previews the same summary.
"""

from __future__ import annotations

import html
import re
from typing import Any

from sphinx.application import Sphinx

_DESCRIPTION = re.compile(r'<meta (?=[^>]*name="description")[^>]*content="([^"]*)"[^>]*>')
_OG_DESCRIPTION = re.compile(r'<meta property="og:description" content="[^"]*" />')


def set_descriptions(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """On ``html-page-context``, after sphinxext-opengraph has added its tags."""
    metatags = context.get("metatags", "")
    own = _DESCRIPTION.search(metatags)
    if own is None:
        if app.config.pool_guide_description:
            content = html.escape(app.config.pool_guide_description, quote=True)
            metatags += f'\n<meta name="description" content="{content}" />'
    else:
        og = f'<meta property="og:description" content="{own[1]}" />'
        metatags = _OG_DESCRIPTION.sub(lambda _: og, metatags)
    context["metatags"] = metatags
