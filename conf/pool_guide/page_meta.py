"""A meta description for the pages Sphinx makes itself (index, 404, search).

Content pages set their own in their front matter; search engines and link
previews fall back to the site's description for the others.
"""

from __future__ import annotations

import html
from typing import Any

from sphinx.application import Sphinx


def add_default_description(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    metatags = context.get("metatags", "")
    if 'name="description"' in metatags or not app.config.pool_guide_description:
        return
    content = html.escape(app.config.pool_guide_description, quote=True)
    context["metatags"] = metatags + f'\n<meta name="description" content="{content}" />'
