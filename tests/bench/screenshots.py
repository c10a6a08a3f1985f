"""Full-page screenshots of every page at 375 and 1280 px, light and dark, for people to
look at (nothing is asserted). ``nox -s screenshots`` runs it on build/html.

The browser is Debian's Chromium, as in the browser tests (POOL_GUIDE_CHROMIUM names
another); pages are opened from file://, as a reader who opens the build would.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from page_weight import reader_pages  # tests/ is on the path now

CHROMIUM = os.environ.get("POOL_GUIDE_CHROMIUM", "/usr/bin/chromium")
WIDTHS = {375: 740, 1280: 800}  # width: height of the window
THEMES = ("light", "dark")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--html", type=Path, default=Path("build/html"))
    parser.add_argument("--out", type=Path, default=Path("build/screenshots"))
    parser.add_argument("pages", nargs="*", help="only these pages (e.g. index.html)")
    args = parser.parse_args()
    html = args.html.resolve()
    pages = args.pages or reader_pages(html)
    args.out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM, args=["--headless", "--no-sandbox"], headless=True
        )
        for width, height in WIDTHS.items():
            for theme in THEMES:
                context = browser.new_context(
                    viewport={"width": width, "height": height}, reduced_motion="reduce"
                )
                # furo reads the reader's choice from localStorage before it paints.
                context.add_init_script(f"localStorage.setItem('theme', '{theme}')")
                page = context.new_page()
                for name in pages:
                    page.goto((html / name).as_uri(), wait_until="load")
                    shot = args.out / f"{name.removesuffix('.html').replace('/', '__')}"
                    shot = shot.with_name(f"{shot.name}-{width}-{theme}.png")
                    page.screenshot(path=shot, full_page=True)
                context.close()
        browser.close()
    count = len(pages) * len(WIDTHS) * len(THEMES)
    print(f"{count} screenshots of {len(pages)} pages in {args.out}")


if __name__ == "__main__":
    main()
