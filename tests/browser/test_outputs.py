"""Outputs as a reader sees them: unlike source in both themes, studies never clipped,
long dumps folded until asked, the run's facts opened from the keyboard."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page

from .conftest import Served

pytestmark = pytest.mark.browser

STUDY_PAGE = "output-capture.html"
# A study's <pre> must show all its text in its box: no part hidden or behind a scrollbar
# (the lines wrap instead; a horizontal scrollbar once covered each variant's last line).
CLIPPED_VARIANTS = """() => {
    for (const d of document.querySelectorAll(".pg-study details")) d.open = true;
    return [...document.querySelectorAll(".pg-study pre")].flatMap((pre) => {
        if (pre.scrollWidth <= pre.clientWidth + 1 && pre.scrollHeight <= pre.clientHeight + 1) {
            return [];
        }
        const item = pre.closest("li, .pg-study");
        return [{
            study: pre.closest(".pg-study").id,
            label: (item.querySelector(".pg-study-label") || item).textContent.slice(0, 60),
            scrollWidth: pre.scrollWidth, clientWidth: pre.clientWidth,
            scrollHeight: pre.scrollHeight, clientHeight: pre.clientHeight,
        }];
    });
}"""
BACKGROUND = "(el) => getComputedStyle(el).backgroundColor"


def open_page(browser: Browser, served: Served, name: str, width: int, theme: str) -> Page:
    ctx = browser.new_context(viewport={"width": width, "height": 800})
    # The theme reads localStorage before it paints, as for a returning reader.
    ctx.add_init_script(f"localStorage.setItem('theme', '{theme}')")
    page = ctx.new_page()
    page.goto(served.url(name))
    assert page.evaluate("document.body.dataset.theme") == theme
    return page


@pytest.fixture(params=["light", "dark"])
def theme(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def study_page(browser: Browser, served: Served, request: pytest.FixtureRequest) -> Iterator:
    def make(width: int, theme: str = "light") -> Page:
        page = open_page(browser, served, STUDY_PAGE, width, theme)
        request.addfinalizer(page.context.close)
        return page

    yield make


@pytest.mark.parametrize("width", [375, 1280])
def test_no_study_output_is_clipped(study_page, width: int) -> None:
    page = study_page(width)
    assert page.locator(".pg-study pre").count() > 1
    assert page.evaluate(CLIPPED_VARIANTS) == []


def test_a_clipped_study_output_is_caught(study_page) -> None:
    """The check above is live: squeeze a variant's box and it reports it."""
    page = study_page(1280)
    page.evaluate("""() => {
        const pre = document.querySelector(".pg-study li pre");
        pre.style.whiteSpace = "pre";
        pre.style.overflow = "hidden";
        pre.style.width = "60px";
    }""")
    assert len(page.evaluate(CLIPPED_VARIANTS)) == 1


def test_output_blocks_are_unlike_source_blocks(browser: Browser, served: Served, theme: str):
    page = open_page(browser, served, STUDY_PAGE, 1280, theme)
    try:
        source = page.locator("div.pg-source div.highlight").first.evaluate(BACKGROUND)
        output = page.locator("div.pg-output div.highlight").first.evaluate(BACKGROUND)
        study = page.locator("div.pg-study").first.evaluate(BACKGROUND)
        page_bg = page.evaluate("getComputedStyle(document.body).backgroundColor")
        assert output != source, (theme, output)
        assert study != source and study != page_bg, (theme, study)
        # Every output block shows its "Output" label.
        for label in page.locator(".pg-output-wrapper .code-block-caption strong").all():
            assert label.is_visible() and label.inner_text() == "Output"
        # The variants inside a study are labelled too.
        for label in page.locator("li.pg-study-variant .pg-study-label strong").all()[:3]:
            assert label.is_visible() and label.inner_text() == "Output"
    finally:
        page.context.close()


def test_a_long_output_shows_its_first_lines_until_opened(browser: Browser, served: Served):
    page = open_page(browser, served, "start-methods.html", 1280, "light")
    try:
        wrapper = page.locator(".pg-output-wrapper.pg-long").first
        pre = wrapper.locator("div.pg-output pre")
        sizes = "(pre) => [pre.clientHeight, pre.scrollHeight]"
        shown, whole = pre.evaluate(sizes)
        assert shown < whole / 2, (shown, whole)
        lines = pre.evaluate("(pre) => pre.innerText.split('\\n').length")
        assert lines > 25  # the text is all there, for the copy button
        more = wrapper.locator("details.pg-output-more > summary")
        more.focus()
        page.keyboard.press("Enter")
        shown, whole = pre.evaluate(sizes)
        assert shown >= whole - 1, (shown, whole)
    finally:
        page.context.close()


def test_how_this_ran_opens_from_the_keyboard(browser: Browser, served: Served) -> None:
    page = open_page(browser, served, "apply.html", 375, "dark")
    try:
        facts = page.locator(".pg-output-wrapper details.pg-run-facts").first
        assert not facts.locator("dl").is_visible()
        facts.locator("summary").focus()
        page.keyboard.press("Enter")
        assert facts.locator("dl").is_visible()
        assert "Command" in facts.locator("dl").inner_text()
    finally:
        page.context.close()
