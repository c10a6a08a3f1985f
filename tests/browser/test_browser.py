"""What a reader does in a browser: copy code, switch theme, search, follow links."""

from __future__ import annotations

import hashlib
import re
from urllib.parse import urljoin

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from conftest import REPO

from .conftest import Served, Watch

pytestmark = pytest.mark.browser

# Sections every method must have, and those that pages still to come may add.
REQUIRED_LABELS = [
    "pool-apply",
    "pool-apply-async",
    "pool-map",
    "pool-starmap",
    "map-async-engine",
    "default-chunksize",
]
OPTIONAL_LABELS = ["pool-imap", "pool-imap-unordered", "pool-map-async", "pool-starmap-async"]


REVEAL = """(el) => {
    // Open the <details> and select the tab (sphinx-design) that hold the block.
    for (let p = el; p; p = p.parentElement) {
        if (p.tagName === "DETAILS") p.open = true;
        if (p.classList.contains("sd-tab-content")) {
            document.querySelector(`label[aria-controls="${p.id}"]`).click();
        }
    }
}"""


def copy_with_button(page: Page, block) -> str:
    """Click the copy button of a code block and read what landed on the clipboard."""
    page.evaluate("navigator.clipboard.writeText('(nothing copied)')")
    if not block.is_visible():
        block.evaluate(REVEAL)
    block.locator("button.copybtn").click()  # scrolls to it and hovers first
    block.locator("button.copybtn.success").wait_for()
    return page.evaluate("navigator.clipboard.readText()")


@pytest.fixture
def clipboard_context(browser: Browser, served: Served) -> BrowserContext:
    ctx = browser.new_context(viewport={"width": 1280, "height": 800})
    ctx.grant_permissions(["clipboard-read", "clipboard-write"], origin=served.base.rstrip("/"))
    yield ctx
    ctx.close()


def test_copy_buttons_copy_the_script_and_the_output_only(
    clipboard_context: BrowserContext, served: Served
) -> None:
    runs = {r["run_id"]: r for r in served.manifest()["runs"]}
    pages = sorted({r["docname"] + ".html" for r in runs.values()})
    assert pages
    sources_checked = whole_scripts = outputs_checked = 0
    page = clipboard_context.new_page()
    for name in pages:
        page.goto(served.url(name))
        for example in page.locator("div.pg-example").all():
            outputs = example.locator("div.pg-output").all()
            run_ids = [
                c.removeprefix("pg-run-")
                for o in outputs
                for c in o.get_attribute("class").split()
                if c.startswith("pg-run-")
            ]
            assert run_ids, f"{name}: an example without an output block"
            for block, run_id in zip(outputs, run_ids, strict=True):
                # copybutton drops one trailing newline; the block never has one.
                expected = runs[run_id]["output"].rstrip("\n") or "(no output)"
                assert copy_with_button(page, block) == expected, f"{name}: output {run_id}"
                outputs_checked += 1
            source = example.locator("div.pg-source")
            if source.count() == 0:  # :hide-source:
                continue
            script = REPO / runs[run_ids[0]]["script"]
            digest = hashlib.sha256(script.read_bytes()).hexdigest()
            assert digest == runs[run_ids[0]]["script_sha256"], f"{script} changed since the build"
            lines = script.read_text(encoding="utf-8").splitlines()
            # Text content, not inner text: a lab script's source sits in a closed <details>.
            numbers = [int(n) for n in source.locator("span.linenos").all_text_contents()]
            assert numbers == list(range(numbers[0], numbers[0] + len(numbers)))
            copied = copy_with_button(page, source)
            assert copied == "\n".join(lines[numbers[0] - 1 : numbers[-1]]), f"{name}: {script}"
            sources_checked += 1
            if len(numbers) == len(lines):
                # The whole script: the copy is the file (less its final newline).
                assert copied == script.read_text(encoding="utf-8").removesuffix("\n")
                whole_scripts += 1
    assert sources_checked > 0 and whole_scripts > 0 and outputs_checked == len(runs)


def test_a_copied_source_has_no_line_numbers(
    clipboard_context: BrowserContext, served: Served
) -> None:
    """The line numbers are on the page, and not in the copy (a direct check)."""
    page = clipboard_context.new_page()
    page.goto(served.url("apply.html"))
    source = page.locator("div.pg-source").first
    first_line = source.inner_text().splitlines()[0]
    assert first_line.lstrip().startswith("1"), first_line
    copied = copy_with_button(page, source)
    assert copied.splitlines()[0] == first_line.lstrip().removeprefix("1").lstrip()
    assert copied.startswith('"""')


def body_background(page: Page) -> str:
    return page.evaluate("getComputedStyle(document.body).backgroundColor")


def cycle_theme_to(page: Page, wanted: str) -> None:
    for _ in range(3):
        if page.evaluate("document.body.dataset.theme") == wanted:
            return
        page.locator("button.theme-toggle:visible").first.click()
    assert page.evaluate("document.body.dataset.theme") == wanted


def test_the_theme_toggle_switches_and_the_choice_survives_a_reload(
    context: BrowserContext, served: Served
) -> None:
    page = context.new_page()
    page.goto(served.url("map.html"))
    assert page.evaluate("localStorage.getItem('theme')") in (None, "auto")
    cycle_theme_to(page, "light")
    light = body_background(page)
    cycle_theme_to(page, "dark")
    dark = body_background(page)
    assert light != dark
    assert page.evaluate("localStorage.getItem('theme')") == "dark"
    page.reload()
    assert page.evaluate("document.body.dataset.theme") == "dark"
    assert body_background(page) == dark
    # The choice holds on another page too, and switching back is stored as well.
    page.goto(served.url("apply.html"))
    assert page.evaluate("document.body.dataset.theme") == "dark"
    cycle_theme_to(page, "light")
    page.reload()
    assert page.evaluate("document.body.dataset.theme") == "light"
    assert body_background(page) == light


def search(page: Page, served: Served, query: str) -> list[tuple[str, str]]:
    """Results of the site's search page: (link, title) for each hit."""
    page.goto(served.url(f"search.html?q={query}"))
    page.wait_for_function(
        "(document.querySelector('#search-results .search-summary') || {}).innerText"
        " && !document.querySelector('#search-results .search-summary').innerText"
        ".startsWith('Preparing')"
    )
    page.wait_for_timeout(200)  # results are appended one by one
    links = page.locator("#search-results ul.search li > a")
    return [(a.get_attribute("href"), a.inner_text()) for a in links.all()]


def test_search_finds_the_engine_page_for_starmapstar(
    context: BrowserContext, served: Served
) -> None:
    results = search(context.new_page(), served, "starmapstar")
    assert any(href.split("#")[0].startswith("map-engine") for href, _ in results), results


def test_search_finds_imap_unordered(context: BrowserContext, served: Served) -> None:
    results = search(context.new_page(), served, "imap_unordered")
    assert results, "no result for imap_unordered (the decision table on index mentions it)"


def test_search_for_nonsense_finds_nothing(context: BrowserContext, served: Served) -> None:
    """The two tests above would pass on a search page that lists every page."""
    assert search(context.new_page(), served, "xyzzyplughnothing") == []


WHERE = """(id) => {
    const d = document.documentElement;
    return {top: document.getElementById(id).getBoundingClientRect().top, y: scrollY,
            height: innerHeight, atBottom: scrollY + innerHeight >= d.scrollHeight - 2};
}"""


def where_it_settles(page: Page, anchor: str) -> dict:
    """The theme scrolls smoothly to an anchor: where the element is once the window stops."""
    last, still = None, 0
    for _ in range(100):
        page.wait_for_timeout(50)
        now = page.evaluate(WHERE, anchor)
        still = still + 1 if now == last else 0
        last = now
        if still >= 4 and (0 <= now["top"] <= 80 or now["atBottom"]):
            break
    return last


@pytest.mark.parametrize("label", REQUIRED_LABELS + OPTIONAL_LABELS)
def test_a_method_link_opens_at_its_section(
    context: BrowserContext, served: Served, label: str
) -> None:
    name = served.page_with_id(label)
    if name is None:
        if label in OPTIONAL_LABELS:
            pytest.skip(f"no page of this build has the label {label}")
        pytest.fail(f"no page has the label {label}")
    page = context.new_page()
    page.goto(served.url(f"{name}#{label}"))
    where = where_it_settles(page, label)
    # The section starts at the top of the window, unless the page ends first.
    if where["atBottom"]:
        assert 0 <= where["top"] < where["height"] - 100, where
    else:
        assert 0 <= where["top"] <= 80, where


def test_no_console_errors_and_no_request_leaves_the_machine(
    context: BrowserContext, served: Served
) -> None:
    watch = Watch()
    pages = [*served.pages(), "search.html?q=pool"]
    assert len(pages) > 3
    page = context.new_page()
    watch.attach(page, "site")
    for name in pages:
        # Wait until nothing is loading (the search page fetches the pages it summarises
        # after "load"; the favicon may come late on a busy machine): leaving a page with
        # a request in flight aborts it, and that is not an error of the site.
        page.goto(served.url(name), wait_until="networkidle")
    assert any(u.endswith(".css") or ".css?" in u for u in watch.requests)
    assert watch.errors == []
    assert watch.foreign_requests(served.base) == []


def test_every_page_names_an_icon_that_loads(context: BrowserContext, served: Served) -> None:
    """Without one, Chromium asks for /favicon.ico and logs its 404 as a console error."""
    icons = {}
    for name in served.pages():
        found = re.search(
            r'<link rel="(?:shortcut )?icon" href="([^"]+)"', (served.outdir / name).read_text()
        )
        assert found, f"{name} names no icon"
        icons[urljoin(served.url(name), found.group(1))] = name
    for href, name in icons.items():
        assert href.startswith(served.base), (name, href)
        assert context.request.get(href).status == 200, (name, href)


# Every element that scrolls sideways, code blocks aside (they scroll by design), with
# the children that stick out of it, and whether it shows that it scrolls: a table's
# wrapper with the cue (a shadow painted by a background that scrolls with the content,
# background-attachment local) and a first column that stays in view (sticky).
SCROLLERS = """() => {
    const code = "pre, .highlight";
    const name = (el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
        + (el.classList.length ? "." + [...el.classList].join(".") : "");
    const out = [];
    for (const el of document.querySelectorAll("body *")) {
        if (el.scrollWidth <= el.clientWidth + 1 || el.closest(code)) continue;
        const style = getComputedStyle(el);
        const overflow = style.overflowX;
        if (overflow === "visible") continue;
        const edge = el.getBoundingClientRect().left + el.clientWidth;
        const culprits = [...el.querySelectorAll("*")].filter((c) =>
            c.getBoundingClientRect().right > edge + 1
            && c.parentElement.getBoundingClientRect().right <= edge + 1);
        const table = el.querySelector(":scope > table");
        const cue = Boolean(table) && el.classList.contains("table-wrapper")
            && style.backgroundAttachment.includes("local")
            && style.backgroundImage.includes("gradient")
            && [...table.rows].every((r) => getComputedStyle(r.cells[0]).position === "sticky");
        out.push({
            scroller: name(el), overflow, width: el.scrollWidth, visible: el.clientWidth, cue,
            culprits: culprits.slice(0, 3).map(
                (c) => `${name(c)} "${c.textContent.trim().slice(0, 40).replace(/\\s+/g, " ")}"`),
        });
    }
    return out;
}"""


# Known layout issues on a phone, each waiting for a fix (as KNOWN in test_accessibility):
# test_known_phone_layout_issue_is_fixed[issue] xfails while it is on the site; once it
# is fixed, that test XPASSes (a failure): remove the entry here.
def phone_layout(browser: Browser, served: Served, names: list[str], probe: str = "") -> dict:
    """For each page at 375 pixels: the page's width, and what scrolls sideways in it."""
    ctx = browser.new_context(viewport={"width": 375, "height": 740})
    page = ctx.new_page()
    found = {}
    try:
        for name in names:
            page.goto(served.url(name))
            if probe:
                page.evaluate(probe)
            width = page.evaluate("document.documentElement.scrollWidth")
            found[name] = (width, page.evaluate(SCROLLERS))
    finally:
        ctx.close()
    return found


@pytest.fixture(scope="module")
def phone(browser: Browser, served: Served) -> dict:
    found = phone_layout(browser, served, served.pages())
    for name, (_, scrollers) in found.items():
        for s in scrollers:
            print(f"375 px: {name}: {s['scroller']} is {s['width']}px in {s['visible']}px")
    return found


def test_no_page_is_wider_than_a_phone(phone: dict) -> None:
    assert {name: width for name, (width, _) in phone.items() if width > 375} == {}


def test_nothing_but_code_scrolls_sideways_on_a_phone(phone: dict) -> None:
    """Except a wide table, in its wrapper, with the cue that it scrolls (layout.css)."""
    found = {name: [s for s in scrollers if not s["cue"]] for name, (_, scrollers) in phone.items()}
    assert {name: s for name, s in found.items() if s} == {}


def test_a_table_that_scrolls_without_the_cue_is_caught(browser: Browser, served: Served) -> None:
    """The check above accepts a scrolling table only with its cue."""
    no_cue = """() => {
        const style = document.createElement("style");
        style.textContent = ".table-wrapper { background: none !important; }";
        document.head.append(style);
    }"""
    [(_, scrollers)] = phone_layout(browser, served, ["index.html"], no_cue).values()
    assert scrollers and not any(s["cue"] for s in scrollers), scrollers


def test_a_wide_element_outside_a_code_block_is_caught(browser: Browser, served: Served) -> None:
    probe = """() => {
        const p = document.createElement("p");
        p.id = "pg-probe";
        p.style.width = "600px";
        p.textContent = "a paragraph too wide for a phone";
        document.querySelector("article").append(p);
    }"""
    [(_, scrollers)] = phone_layout(browser, served, ["index.html"], probe).values()
    probes = [s for s in scrollers if any(c.startswith("p#pg-probe") for c in s["culprits"])]
    assert probes, scrollers


def test_the_watch_sees_a_foreign_request(context: BrowserContext, served: Served) -> None:
    """The request check would catch a font or script loaded from elsewhere."""
    watch = Watch()
    page = context.new_page()
    watch.attach(page, "probe")
    page.route("http://example.invalid/**", lambda route: route.abort())
    page.goto(served.url("index.html"))
    page.evaluate("fetch('http://example.invalid/font.woff2').catch(() => null)")
    page.wait_for_timeout(100)
    assert watch.foreign_requests(served.base) == ["http://example.invalid/font.woff2"]


def test_a_pitfall_s_copy_button_copies_its_review_comment_with_the_link(
    clipboard_context: BrowserContext, served: Served
) -> None:
    """One line, ready to paste: the comment, the explaining section's address, the ID."""
    page = clipboard_context.new_page()
    page.goto(served.url("pitfalls/index.html"))
    entries = page.locator("div.pg-pitfall").all()
    assert len(entries) >= 20
    for entry in entries:
        pitfall_id = entry.get_attribute("id").upper()
        copied = copy_with_button(page, entry.locator("div.pg-review-comment"))
        assert "\n" not in copied
        assert copied.endswith(f"(Pool Guide {pitfall_id})"), copied
        address = re.search(r" See (\S+) \(Pool Guide", copied)[1]
        relative = address.removeprefix(re.match(r"https?://[^/]+/", address)[0])
        target, anchor = relative.split("#")
        assert f'id="{anchor}"' in (served.outdir / target).read_text(), copied
