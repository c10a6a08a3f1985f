"""Annotated excerpts as a reader sees them: notes beside their lines on a desktop and after
them on a phone, no line cut, every line reachable by its own link, marks visible in both
themes."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from .conftest import DESKTOP, Served, contrast

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 740}

SEGMENTS = """() => [...document.querySelectorAll('.pg-ann-segment.pg-ann-noted')].map(s => {
    const line = s.querySelector('.pg-line').getBoundingClientRect();
    const code = s.querySelector('.pg-ann-code').getBoundingClientRect();
    const notes = s.querySelector('.pg-ann-note').getBoundingClientRect();
    return {id: s.querySelector('.pg-line').id, lineTop: line.top, codeRight: code.right,
            codeBottom: code.bottom, notesTop: notes.top, notesLeft: notes.left};
})"""

# A line's code is cut if its box holds more than it shows.
CUT_LINES = """() => [...document.querySelectorAll('.pg-line > code')]
    .filter(c => c.scrollWidth > c.clientWidth + 1 || c.getBoundingClientRect().right >
                 c.closest('.pg-ann').getBoundingClientRect().right + 1)
    .map(c => c.parentElement.id)"""


def excerpt_pages(served: Served) -> list[str]:
    return [p for p in served.pages() if 'class="pg-ann ' in (served.outdir / p).read_text()]


@pytest.fixture(params=["light", "dark"])
def theme(request: pytest.FixtureRequest) -> str:
    return request.param


def open_page(browser: Browser, viewport: dict, theme: str = "light") -> Iterator[Page]:
    ctx = browser.new_context(viewport=viewport)
    ctx.add_init_script(f"localStorage.setItem('theme', '{theme}')")
    try:
        yield ctx.new_page()
    finally:
        ctx.close()


@pytest.fixture
def desktop(browser: Browser) -> Iterator[Page]:
    yield from open_page(browser, DESKTOP)


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    yield from open_page(browser, PHONE)


def test_on_a_desktop_each_note_sits_beside_its_line(desktop: Page, served: Served) -> None:
    checked = 0
    for name in excerpt_pages(served):
        desktop.goto(served.url(name))
        for s in desktop.evaluate(SEGMENTS):
            checked += 1
            assert s["notesLeft"] >= s["codeRight"], (name, s)
            assert abs(s["notesTop"] - s["lineTop"]) < 4, (name, s)
    assert checked > 50


def test_on_a_phone_each_note_follows_its_lines(phone: Page, served: Served) -> None:
    for name in excerpt_pages(served):
        phone.goto(served.url(name))
        for s in phone.evaluate(SEGMENTS):
            assert s["notesTop"] >= s["codeBottom"] - 1, (name, s)


@pytest.mark.parametrize("width", [375, 1280])
def test_no_excerpt_line_is_cut(browser: Browser, served: Served, width: int) -> None:
    for page in open_page(browser, {"width": width, "height": 800}):
        for name in excerpt_pages(served):
            page.goto(served.url(name))
            assert page.evaluate(CUT_LINES) == [], name


def test_a_link_to_one_line_opens_the_page_at_that_line(phone: Page, served: Served) -> None:
    phone.goto(served.url("imap.html"))
    line_id = phone.evaluate("document.querySelectorAll('.pg-line-marked')[2].id")
    phone.goto(served.url("index.html"))
    phone.goto(served.url(f"imap.html#{line_id}"))
    # The theme scrolls smoothly: wait for the line to arrive (or give up, and fail below).
    arrived = f"document.getElementById({line_id!r}).getBoundingClientRect().top < 370"
    try:
        phone.wait_for_function(arrived, timeout=5000)
    except PlaywrightTimeout:
        pass
    where = phone.evaluate(
        f"""() => {{
        const line = document.getElementById({line_id!r});
        const header = document.querySelector('header.mobile-header');
        return {{target: line.matches(':target'), top: line.getBoundingClientRect().top,
                 below: header ? header.getBoundingClientRect().bottom : 0}};
    }}"""
    )
    assert where["target"]
    assert where["below"] - 1 <= where["top"] < PHONE["height"] / 2, where


def test_noted_lines_are_marked_at_3_to_1_in_both_themes(
    browser: Browser, served: Served, theme: str
) -> None:
    """The gutter bar and the numbered marker: more than a tint, visible in both themes."""
    for page in open_page(browser, DESKTOP, theme):
        page.goto(served.url("imap.html"))
        colours = page.evaluate(
            """() => {
            const style = (sel) => getComputedStyle(document.querySelector(sel));
            return {code: style('.pg-ann-code').backgroundColor,
                    bar: style('.pg-line-marked').boxShadow,
                    marker: style('.pg-ann-marker').backgroundColor,
                    markerText: style('.pg-ann-marker').color};
        }"""
        )
    bar = re.match(r"rgba?\([^)]*\)", colours["bar"]).group(0)
    assert contrast(bar, colours["code"]) >= 3, colours
    assert contrast(colours["marker"], colours["code"]) >= 3, colours
    assert contrast(colours["markerText"], colours["marker"]) >= 4.5, colours
