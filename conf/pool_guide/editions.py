"""The site's editions (English at the root, Chinese under zh_CN/): where each page is in each.

Labels and anchors are the same in every edition, so a link keeps its page and its
``#anchor`` when only the edition folder changes. On ``html-page-context`` each page gets

* ``pg_editions``: the same page in every edition, for the language switcher
  (``_templates/page.html``), relative, so it works from file:// and on any host;
* ``<link rel="alternate" hreflang=...>`` in its head, absolute, from ``html_baseurl``.

A translated edition's own addresses (its canonical URLs, sitemap, OpenGraph tags and 404
page links) get its folder on ``config-inited``.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config

from .i18n import _


def _edition(config: Config) -> tuple[str, str, str] | None:
    for edition in config.pool_guide_editions:
        if edition[0] == config.language:
            return tuple(edition)  # type: ignore[return-value]
    return None


def hreflang(code: str) -> str:
    """The BCP 47 tag of a Sphinx language code: zh_CN -> zh-CN."""
    return code.replace("_", "-")


def place_edition(app: Sphinx, config: Config) -> None:
    """On ``config-inited``: a translated edition's addresses are under its folder."""
    edition = _edition(config)
    if edition is None or not edition[2]:
        return
    folder = edition[2]
    config.html_baseurl = config.html_baseurl + folder
    if getattr(config, "ogp_site_url", None):
        config.ogp_site_url = config.html_baseurl
    if getattr(config, "notfound_urls_prefix", None):
        config.notfound_urls_prefix = config.notfound_urls_prefix.rstrip("/") + "/" + folder
    if hasattr(config, "notfound_context"):  # sphinx-notfound-page writes English by default
        title = str(_("Page not found"))
        body = _("Unfortunately we couldn't find the content you were looking for.")
        config.notfound_context = {"title": title, "body": f"<h1>{title}</h1>\n\n{body}"}
    if "baseurl" in config.myst_substitutions:
        config.myst_substitutions = {**config.myst_substitutions, "baseurl": config.html_baseurl}


def add_editions(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: object
) -> None:
    """On ``html-page-context``: this page in every edition (switcher, hreflang links)."""
    current = _edition(app.config)
    if current is None or pagename == "404":
        return  # the 404 page is served at any depth: no relative link holds there
    base = app.config.html_baseurl.removesuffix(current[2])
    up = "../" * (pagename.count("/") + current[2].count("/"))
    page = pagename + app.builder.out_suffix
    editions, links = [], []
    for code, name, folder in app.config.pool_guide_editions:
        editions.append(
            {
                "code": code,
                "lang": hreflang(code),
                "name": name,
                "href": up + folder + page,
                "current": code == current[0],
            }
        )
        links.append(
            f'<link rel="alternate" hreflang="{hreflang(code)}" href="{base}{folder}{page}" />'
        )
    default = app.config.pool_guide_editions[0][2]
    links.append(f'<link rel="alternate" hreflang="x-default" href="{base}{default}{page}" />')
    context["pg_editions"] = editions
    context["metatags"] = context.get("metatags", "") + "\n" + "\n".join(links)
