"""Browser tests: the built site served on 127.0.0.1 and driven by Playwright.

The browser is Debian's Chromium (``apt-get install chromium``), never one that
Playwright downloads: ``playwright install`` cannot run where the site is built.
Set POOL_GUIDE_CHROMIUM to use another Chromium binary.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from page_weight import reader_pages
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from conftest import Build

CHROMIUM = os.environ.get("POOL_GUIDE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 800}


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "browser: drives the built site in Chromium with Playwright (slower)"
    )


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a browser closing a page mid-download is not an error of the site


@dataclass
class Served:
    """The built site, served over HTTP on 127.0.0.1."""

    outdir: Path
    base: str  # "http://127.0.0.1:PORT/"

    def url(self, page: str) -> str:
        return self.base + page

    def pages(self) -> list[str]:
        """Every HTML page a reader can open (not _static, _sources, _pool_guide)."""
        return reader_pages(self.outdir)

    def manifest(self) -> dict:
        return json.loads((self.outdir / "_pool_guide" / "manifest.json").read_text())

    def page_with_id(self, anchor: str) -> str | None:
        """The page whose HTML has an element with this id, if any."""
        needle = f'id="{anchor}"'
        found = [p for p in self.pages() if needle in (self.outdir / p).read_text()]
        assert len(found) <= 1, f"id {anchor!r} is on several pages: {found}"
        return found[0] if found else None


@pytest.fixture(scope="session")
def served(request: pytest.FixtureRequest) -> Iterator[Served]:
    """The site this session builds, or the folder POOL_GUIDE_BROWSER_SITE names (to try
    the browser tests on a build made already, e.g. by ``nox -s docs``)."""
    if os.environ.get("POOL_GUIDE_BROWSER_SITE"):
        outdir = Path(os.environ["POOL_GUIDE_BROWSER_SITE"]).resolve()
        assert (outdir / "index.html").exists(), f"no index.html in {outdir}"
    else:
        site: Build = request.getfixturevalue("site")
        assert (site.outdir / "index.html").exists(), site.output[-3000:]
        outdir = site.outdir
    handler = partial(_QuietHandler, directory=str(outdir))
    server = _QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Served(outdir, f"http://127.0.0.1:{server.server_address[1]}/")
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"no Chromium at {CHROMIUM}: apt-get install chromium (or set POOL_GUIDE_CHROMIUM)"
        )
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    """A fresh desktop-sized context (own storage) for one test."""
    ctx = browser.new_context(viewport=DESKTOP)
    ctx.set_default_timeout(15_000)
    try:
        yield ctx
    finally:
        ctx.close()


@dataclass
class Watch:
    """Everything a page asked the network for, and every error it reported."""

    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def attach(self, page: Page, where: str) -> None:
        page.on("request", lambda r: self.requests.append(r.url))
        page.on(
            "console",
            lambda m: (
                m.type == "error"
                and self.errors.append(f"{where}: console: {m.text} (at {m.location['url']})")
            ),
        )
        page.on("pageerror", lambda e: self.errors.append(f"{where}: page error: {e}"))
        page.on(
            "requestfailed",
            lambda r: self.errors.append(f"{where}: request failed: {r.url} {r.failure}"),
        )
        page.on(
            "response",
            lambda r: r.status >= 400 and self.errors.append(f"{where}: HTTP {r.status}: {r.url}"),
        )

    def foreign_requests(self, base: str) -> list[str]:
        """Requests to anything but the local server (data: and blob: stay in the page)."""
        local = urlsplit(base)
        return [
            u
            for u in self.requests
            if not (
                u.startswith(("data:", "blob:"))
                or (urlsplit(u).scheme == "http" and urlsplit(u).netloc == local.netloc)
            )
        ]


def luminance(colour: str) -> float:
    """Relative luminance (WCAG) of a computed colour such as 'rgb(1, 2, 3)'."""
    parts = colour[colour.index("(") + 1 : colour.index(")")]
    channels = [float(v) / 255 for v in parts.replace("/", " ").replace(",", " ").split()[:3]]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    """The WCAG contrast ratio of two computed colours."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)
