"""What each built page makes a browser download, gzip-compressed as a server sends it.

``python tests/page_weight.py build/html`` prints a table; the tests import
:func:`page_weights`. Counted for a page: its HTML, the stylesheets, scripts, images,
objects and icon it names, ``url()`` files those stylesheets name, and the search
index the search page loads. Files are counted once per page, as a cache would.
"""

from __future__ import annotations

import gzip
import re
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

_CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)""")
# The search page fetches its index from an inline script: Search.loadIndex("searchindex.js").
_LOAD_INDEX = re.compile(r"""loadIndex\(\s*["']([^"']+)["']""")


class _Links(HTMLParser):
    """Collect the addresses a page loads (not the ones it only links to)."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        rel = a.get("rel", "").split()
        if tag == "link" and ({"stylesheet", "icon", "preload"} & set(rel)):
            self.urls.append(a.get("href", ""))
        elif tag in ("script", "img", "source", "iframe", "embed") and a.get("src"):
            self.urls.append(a["src"])
        elif tag == "object" and a.get("data"):
            self.urls.append(a["data"])

    def handle_data(self, data: str) -> None:
        self.urls.extend(_LOAD_INDEX.findall(data))


@dataclass
class PageWeight:
    page: str
    files: dict[str, int] = field(default_factory=dict)  # site path -> gzip bytes

    @property
    def total(self) -> int:
        return sum(self.files.values())


def gzip_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=9, mtime=0))


def _local(outdir: Path, base: str, url: str) -> Path | None:
    """The built file an address of the page at ``base`` names, or None (data:, foreign)."""
    if not url or url.startswith(("data:", "#", "blob:")):
        return None
    joined = urlsplit(urljoin("http://site/" + base, url))
    if joined.netloc != "site":
        return None
    return outdir / unquote(joined.path).lstrip("/")


def weigh(outdir: Path, page: str) -> PageWeight:
    """The files ``page`` (relative to ``outdir``) loads, with their compressed sizes."""
    weight = PageWeight(page)
    todo = [_local(outdir, "", page)]
    while todo:
        path = todo.pop()
        if path is None:
            continue
        name = path.relative_to(outdir).as_posix()
        if name in weight.files:
            continue
        assert path.is_file(), f"{page} loads {name}, which the build did not write"
        weight.files[name] = gzip_size(path)
        if path.suffix == ".html":
            parser = _Links()
            parser.feed(path.read_text(encoding="utf-8"))
            todo += [_local(outdir, name, u) for u in parser.urls]
        elif path.suffix == ".css":
            text = path.read_text(encoding="utf-8")
            todo += [_local(outdir, name, u) for u in _CSS_URL.findall(text)]
    return weight


def reader_pages(outdir: Path) -> list[str]:
    """Every page a reader can open (not the files under _static, _sources, _images...)."""
    return sorted(
        p.relative_to(outdir).as_posix()
        for p in outdir.rglob("*.html")
        # The translated editions (zh_CN/) mirror these pages: weighed once, in English.
        if not any(part.startswith("_") or part == "zh_CN" for part in p.relative_to(outdir).parts)
    )


def page_weights(outdir: Path) -> list[PageWeight]:
    return [weigh(outdir, page) for page in reader_pages(outdir)]


def _kb(n: int) -> str:
    return f"{n / 1000:.1f}"


if __name__ == "__main__":
    weights = page_weights(Path(sys.argv[1] if len(sys.argv) > 1 else "build/html"))
    print(f"{'page':36} {'html':>6} {'css':>6} {'js':>6} {'other':>6} {'total':>6}  (kB, gzip)")
    for w in weights:
        by = {"html": 0, "css": 0, "js": 0, "other": 0}
        for name, size in w.files.items():
            suffix = Path(name).suffix.lstrip(".")
            by[suffix if suffix in by else "other"] += size
        print(
            f"{w.page:36} " + " ".join(f"{_kb(v):>6}" for v in by.values()) + f" {_kb(w.total):>6}"
        )
