"""A reader pastes an error message into the search and lands on the error-message index.

Every message the index lists is pasted as a terminal would print it, with the parts the
index masks filled in with values that differ from any run (a PID, an address, a path, a
thread number), and for a warning with the "path:line: " that Python prints before it.
"""

from __future__ import annotations

import html
import re
from urllib.parse import quote

import pytest
from playwright.sync_api import BrowserContext

from .conftest import Served

pytestmark = pytest.mark.browser

_FILL = [
    (re.compile(r"pid=…"), "pid=48213"),
    (re.compile(r"0x…"), "0x7f3e5c2a91d0"),
    (re.compile(r"…/"), "/home/reader/project/"),
    (re.compile(r"-…"), "-17"),
]
WARNING = re.compile(r"^\w*Warning: ")


def as_pasted(masked: str) -> str:
    text = masked
    for pattern, value in _FILL:
        text = pattern.sub(value, text)
    if WARNING.match(text):
        text = "/home/reader/project/app.py:42: " + text
    return text


def index_messages(served: Served) -> list[str]:
    text = (served.outdir / "pitfalls" / "messages.html").read_text()
    found = re.findall(
        r'<li class="pg-error-entry" id="[^"]+"><p><code[^>]*>(.*?)</code>', text, re.S
    )
    assert len(found) >= 20, "the index lists fewer messages than the site prints"
    return [html.unescape(re.sub(r"<[^>]+>", "", m)) for m in found]


def test_every_message_pasted_into_the_search_finds_the_index(
    context: BrowserContext, served: Served
) -> None:
    page = context.new_page()
    missed = []
    for masked in index_messages(served):
        pasted = as_pasted(masked)
        page.goto(served.url(f"search.html?q={quote(pasted)}"))
        page.wait_for_function(
            "(document.querySelector('#search-results .search-summary') || {}).innerText"
            " && !document.querySelector('#search-results .search-summary').innerText"
            ".startsWith('Preparing')"
        )
        page.wait_for_timeout(100)
        hrefs = page.locator("#search-results ul.search li > a").evaluate_all(
            "links => links.map(a => a.getAttribute('href'))"
        )
        if not any(h.split("#")[0].endswith("pitfalls/messages.html") for h in hrefs):
            missed.append((pasted, hrefs[:3]))
    assert missed == []


def test_without_the_cleaner_a_pasted_path_hides_the_index(
    context: BrowserContext, served: Served
) -> None:
    """The test above would pass if Sphinx's own search were enough. It is not: it ignores a
    word no page has, but a path's words ("project", "app", "py") are on other pages, so
    the index, which lacks them, drops out. search-errors.js removes the path first."""
    page = context.new_page()
    page.route(re.compile(r"search-errors\.js"), lambda route: route.fulfill(body="", status=200))
    query = (
        "/home/reader/project/app.py:42: ResourceWarning: unclosed running multiprocessing "
        "pool <multiprocessing.pool.Pool state=RUN pool_size=2>"
    )
    page.goto(served.url(f"search.html?q={quote(query)}"))
    page.wait_for_function(
        "(document.querySelector('#search-results .search-summary') || {}).innerText"
        " && !document.querySelector('#search-results .search-summary').innerText"
        ".startsWith('Preparing')"
    )
    page.wait_for_timeout(100)
    hrefs = page.locator("#search-results ul.search li > a").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    )
    assert not any(h.split("#")[0].endswith("pitfalls/messages.html") for h in hrefs), hrefs
