"""The Chinese edition in a browser: its landing page, the language switcher keeping the
reader's place, and search finding Chinese words."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, BrowserContext

from sphinx_command import ZH_CN

from .conftest import Served, Watch
from .test_browser import phone_layout

pytestmark = pytest.mark.browser


def test_the_chinese_landing_page_switches_to_english_and_back(
    context: BrowserContext, served: Served
) -> None:
    page = context.new_page()
    watch = Watch()
    watch.attach(page, "zh_CN/index.html")
    page.goto(served.url(f"{ZH_CN}/index.html"))
    assert page.locator("html").get_attribute("lang") == "zh-CN"
    assert "进程池" in page.locator("article").inner_text()
    page.locator("nav.pg-editions a", has_text="English").click()
    page.wait_for_url(served.url("index.html"))
    assert page.locator("html").get_attribute("lang") == "en"
    page.locator("nav.pg-editions a", has_text="简体中文").click()
    page.wait_for_url(served.url(f"{ZH_CN}/index.html"))
    assert watch.errors == []


def test_switching_keeps_the_page_and_the_anchor(context: BrowserContext, served: Served) -> None:
    """A reviewer's link to a section: switching language lands on the same section."""
    page = context.new_page()
    page.goto(served.url("pitfalls/ctrl-c.html#ctrl-c-map"))
    page.locator("nav.pg-editions a", has_text="简体中文").click()
    page.wait_for_url(served.url(f"{ZH_CN}/pitfalls/ctrl-c.html#ctrl-c-map"))
    section = page.locator("#ctrl-c-map")
    assert section.count() == 1
    section.locator("h2, h3").first.wait_for()
    assert any("\u4e00" <= ch <= "\u9fff" for ch in section.locator("h2, h3").first.inner_text())


def test_chinese_search_finds_chinese_words(context: BrowserContext, served: Served) -> None:
    page = context.new_page()
    page.goto(served.url(f"{ZH_CN}/search.html?q=进程池"))
    results = page.locator("#search-results ul.search li")
    results.first.wait_for(timeout=20_000)
    assert results.count() >= 5


def test_no_chinese_page_is_wider_than_a_phone(browser: Browser, served: Served) -> None:
    """Chinese wraps differently from English: every page of the edition fits 375 pixels."""
    names = [
        f"{ZH_CN}/{name}" for name in served.pages() if (served.outdir / ZH_CN / name).is_file()
    ]
    assert len(names) > 40
    found = phone_layout(browser, served, names)
    assert {name: width for name, (width, _) in found.items() if width > 375} == {}
    unmarked = {name: [s for s in sc if not s["cue"]] for name, (_, sc) in found.items()}
    assert {name: s for name, s in unmarked.items() if s} == {}
