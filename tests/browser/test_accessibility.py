"""axe-core on every page, in the light and the dark theme.

A serious or critical violation fails a test; the others are printed (run pytest
with -s to see them). axe-core comes from the axe-playwright-python package, which
ships axe.min.js: nothing is fetched at test time.
"""

from __future__ import annotations

from pathlib import Path

import axe_playwright_python
import pytest
from playwright.sync_api import Browser, Page

from .conftest import DESKTOP, Served

pytestmark = pytest.mark.browser

AXE_JS = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")
BLOCKING = {"serious", "critical"}
# The dark theme changes colours only, not the markup: the other rules ran in light.
COLOUR_RULES = ["color-contrast", "link-in-text-block"]


# Code blocks hold most of a page's elements (one per token), and checking the colour
# contrast of each made axe take minutes. A token's colours follow from its classes and
# its ancestors' classes, so the contrast rules check every element outside code blocks
# and, inside them, one element of each such chain of classes (across all pages): the
# first one met. The other rules check every element.
MARK_CODE_SAMPLES = """(seen) => {
    const known = new Set(seen);
    const added = [];
    const chain = (el) => {
        const parts = [];
        for (let p = el; p && p !== document.body; p = p.parentElement) {
            const classes = [...p.classList].filter((c) => !c.startsWith("pg-run-")).sort();
            parts.push(p.tagName + classes.map((c) => "." + c).join(""));
        }
        return parts.join(" < ");
    };
    for (const pre of document.querySelectorAll("div.highlight pre")) {
        for (const el of [pre, ...pre.querySelectorAll("*")]) {
            const hasText = [...el.childNodes].some(
                (n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
            const key = chain(el);
            if (!hasText || known.has(key)) continue;
            known.add(key);
            added.push(key);
            el.dataset.pgAxeSample = "";
        }
    }
    return added;
}"""
AXE_RUN = """async ({colourOnly, colourRules}) => {
    const options = {resultTypes: ["violations"]};
    const violations = [];
    if (!colourOnly) {
        const rules = Object.fromEntries(colourRules.map((r) => [r, {enabled: false}]));
        violations.push(...(await axe.run(document, {...options, rules})).violations);
    }
    const context = {
        include: [["html"], ["[data-pg-axe-sample]"]], exclude: [["div.highlight pre"]],
    };
    const runOnly = {type: "rule", values: colourRules};
    violations.push(...(await axe.run(context, {...options, runOnly})).violations);
    return violations.map((v) => ({
        id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.map((n) => ({
            target: n.target.join(" ").replaceAll('[data-pg-axe-sample=""]', ""),
            impact: n.impact,
            html: n.html.replace(' data-pg-axe-sample=""', "").slice(0, 160),
            summary: (n.failureSummary || "").split("\\n").slice(1, 2).join("").trim(),
        })),
    }));
}"""


def start_axe(page: Page, seen: list[str], colour_only: bool = False) -> None:
    """Start axe on the page as it is now; seen: the code samples checked already."""
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(AXE_JS)
    seen += page.evaluate(MARK_CODE_SAMPLES, seen)
    args = {"colourOnly": colour_only, "colourRules": COLOUR_RULES}
    # Not awaited here, so that pages in other tabs run axe at the same time.
    page.evaluate(f"(args) => {{ window.pgAxe = ({AXE_RUN})(args); }}", args)


def axe_results(page: Page) -> list[dict]:
    return page.evaluate("() => window.pgAxe")


def run_axe(page: Page, seen: list[str], colour_only: bool = False) -> list[dict]:
    """axe's violations on the page as it is now."""
    start_axe(page, seen, colour_only)
    return axe_results(page)


# One finding: (page, rule id, impact, help, node).
Finding = tuple[str, str, str, str, dict]


def describe(findings: list[Finding], limit: int = 5) -> str:
    lines, shown = [], {}
    for page, rule, impact, help_, node in findings:
        key = (page, rule)
        shown[key] = shown.get(key, 0) + 1
        if shown[key] == 1:
            count = sum(1 for f in findings if (f[0], f[1]) == key)
            lines.append(f"{page}: {impact} {rule} ({help_}), {count} elements")
        if shown[key] <= limit:
            lines.append(f"    {node['target']}: {node['summary']}")
    return "\n".join(lines)


@pytest.fixture(scope="module")
def all_findings(browser: Browser, served: Served) -> dict[str, list[Finding]]:
    """axe's violations on every page in each theme, each element on its own.

    The two themes run side by side, one tab each: Chromium gives each its own process.
    """
    themes = ["light", "dark"]
    found: dict[str, list[Finding]] = {t: [] for t in themes}
    contexts, pages = [], {}
    seen: dict[str, list[str]] = {t: [] for t in themes}
    try:
        for theme in themes:
            ctx = browser.new_context(viewport=DESKTOP)
            contexts.append(ctx)
            # The theme reads localStorage before it paints, as for a returning reader.
            ctx.add_init_script(f"localStorage.setItem('theme', '{theme}')")
            pages[theme] = ctx.new_page()
        for name in [*served.pages(), "search.html?q=map"]:
            for theme, page in pages.items():
                # The search page lists its results after "load".
                page.goto(served.url(name), wait_until="networkidle" if "?q=" in name else "load")
                assert page.evaluate("document.body.dataset.theme") == theme, name
                start_axe(page, seen[theme], colour_only=theme == "dark")
            for theme, page in pages.items():
                for v in axe_results(page):
                    found[theme] += [
                        (name, v["id"], n["impact"] or v["impact"], v["help"], n)
                        for n in v["nodes"]
                    ]
    finally:
        for ctx in contexts:
            ctx.close()
    for theme, items in found.items():
        minor = [f for f in items if f[2] not in BLOCKING]
        print(f"\naxe ({theme}): {len(minor)} minor violations\n{describe(minor, limit=2)}")
    return found


@pytest.fixture(params=["light", "dark"])
def findings(request: pytest.FixtureRequest, all_findings: dict) -> list[Finding]:
    return all_findings[request.param]


def test_no_serious_accessibility_violations(findings: list[Finding]) -> None:
    """Serious or critical violations, on every page; the minor ones are printed."""
    blocking = [f for f in findings if f[2] in BLOCKING]
    assert not blocking, "\n" + describe(blocking)


def test_axe_finds_a_serious_violation_when_there_is_one(browser: Browser, served: Served) -> None:
    """The checks above are live: a faint paragraph, and a faint code token of a kind not
    met on the pages before, are caught."""
    ctx = browser.new_context(viewport=DESKTOP)
    page = ctx.new_page()
    seen: list[str] = []
    try:
        page.goto(served.url("apply.html"))
        assert run_axe(page, seen, colour_only=True) is not None and seen
        page.goto(served.url("apply.html"))
        page.evaluate(
            """() => {
                const p = document.createElement("p");
                p.id = "pg-probe";
                p.textContent = "faint text";
                p.style.color = "#eeeeee";
                document.querySelector("article").prepend(p);
                const token = document.querySelector("div.highlight pre span.n");
                token.classList.add("pg-probe-token");
                token.style.color = "#eeeeee";
            }"""
        )
        found = [
            (v["id"], n["target"])
            for v in run_axe(page, seen, colour_only=True)
            if v["impact"] in BLOCKING
            for n in v["nodes"]
        ]
    finally:
        ctx.close()
    assert ("color-contrast", "#pg-probe") in found
    assert any(rule == "color-contrast" and "pg-probe-token" in t for rule, t in found), found


# A first visit stores no theme: the page follows the system's colour scheme ("auto").
# Every colour of the site's own must follow it too, not only the explicit themes above.
AUTO_THEME_PAGES = [
    "apply.html",  # outputs, excerpts
    "output-capture.html",  # ordering studies
    "inside-pool.html",  # the diagram
    "timelines.html",  # timeline charts
    "start-methods.html",  # outputs side by side
    "performance/overhead.html",  # lab charts and claims
]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_first_visit_follows_the_system_colours_without_a_contrast_failure(
    browser: Browser, served: Served, scheme: str
) -> None:
    ctx = browser.new_context(viewport=DESKTOP, color_scheme=scheme)
    page = ctx.new_page()
    found: list[Finding] = []
    try:
        for name in AUTO_THEME_PAGES:
            page.goto(served.url(name))
            assert page.evaluate("document.body.dataset.theme") == "auto", name
            for v in run_axe(page, [], colour_only=True):
                found += [
                    (name, v["id"], n["impact"] or v["impact"], v["help"], n) for n in v["nodes"]
                ]
    finally:
        ctx.close()
    assert not [f for f in found if f[2] in BLOCKING], "\n" + describe(found)
