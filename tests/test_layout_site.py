"""The built site's layout contracts, read from its files: unique ids, the start methods'
order, diagrams inline, and what each page makes a reader download."""

from __future__ import annotations

import json
from collections import Counter

import pytest
from bs4 import BeautifulSoup
from page_weight import page_weights, reader_pages

from conftest import Build
from pool_guide.page_assets import classes_in, used

pytestmark = pytest.mark.site

START_METHODS = ["fork", "spawn", "forkserver"]
#: Each page's transfer, gzip-compressed (HTML, CSS, JS, images): the issue's budget.
MAX_PAGE_BYTES = 100_000


@pytest.fixture(scope="module")
def html(site: Build) -> dict[str, BeautifulSoup]:
    assert site.returncode == 0, site.output[-3000:]
    return {
        name: BeautifulSoup((site.outdir / name).read_text(encoding="utf-8"), "html.parser")
        for name in reader_pages(site.outdir)
    }


@pytest.fixture(scope="module")
def runs(site: Build) -> dict[str, dict]:
    manifest = json.loads((site.outdir / "_pool_guide" / "manifest.json").read_text())
    return {r["run_id"]: r for r in manifest["runs"]}


def test_no_page_repeats_an_id(html: dict[str, BeautifulSoup]) -> None:
    repeated = {}
    for name, soup in html.items():
        counts = Counter(tag["id"] for tag in soup.select("[id]"))
        if dupes := sorted(i for i, n in counts.items() if n > 1):
            repeated[name] = dupes
    assert repeated == {}


def method_of(block, runs: dict[str, dict]) -> str:
    """The start method of the run an output block shows."""
    output = block.select_one("div.pg-output")
    run_id = next(c for c in output["class"] if c.startswith("pg-run-")).removeprefix("pg-run-")
    return runs[run_id]["start_method"]


def test_start_methods_compare_side_by_side_fork_spawn_forkserver(
    html: dict[str, BeautifulSoup], runs: dict[str, dict]
) -> None:
    grids = 0
    for name, soup in html.items():
        for grid in soup.select("div.pg-methods"):
            columns = grid.find_all("div", class_="pg-method", recursive=False)
            labels = [c.select_one(".pg-method-name").get_text(strip=True) for c in columns]
            assert labels == [m for m in START_METHODS if m in labels], (name, labels)
            # Each column shows the run its label names.
            assert [method_of(c, runs) for c in columns] == labels, name
            grids += 1
        # No tab set hides a comparison of start methods behind clicks.
        for tabs in soup.select(".sd-tab-set"):
            labels = {label.get_text(strip=True) for label in tabs.select("label")}
            assert not labels & set(START_METHODS), (name, labels)
    assert grids >= 3


# Reviewers link outputs; the side-by-side layout must not move an anchor to another run.
START_METHOD_ANCHORS = {
    "output-startmethod_compare": "fork",
    "output-0": "spawn",
    "output-1": "forkserver",
    "output-startmethod_globals_after_start": "fork",
    "output-2": "spawn",
    "output-3": "forkserver",
    "output-startmethod_no_guard": "spawn",
    "output-4": "forkserver",
    "output-5": "fork",
}


def test_the_start_methods_output_anchors_keep_their_runs(
    html: dict[str, BeautifulSoup], runs: dict[str, dict]
) -> None:
    soup = html["start-methods.html"]
    found = {anchor: method_of(soup.find(id=anchor), runs) for anchor in START_METHOD_ANCHORS}
    assert found == START_METHOD_ANCHORS


def test_diagrams_are_inline_and_coloured_by_the_theme(html: dict[str, BeautifulSoup]) -> None:
    diagrams = 0
    for name, soup in html.items():
        # An <object> is a document of its own, out of the theme's reach.
        assert not soup.select("object.graphviz"), name
        for svg in soup.select(".pg-diagram svg"):
            assert svg.get("role") == "img" and svg.get("aria-label"), name
            filled = [s for s in svg.select("[fill]") if s["fill"] not in ("none", "transparent")]
            assert filled and all("--pg-dark-fill" in s.get("style", "") for s in filled), name
            diagrams += 1
    assert diagrams >= 1


def test_every_page_transfers_at_most_100_kb_compressed(site: Build) -> None:
    weights = page_weights(site.outdir)
    for w in sorted(weights, key=lambda w: -w.total)[:5]:
        print(f"{w.page}: {w.total} bytes gzip in {len(w.files)} files")
    assert {w.page: w.total for w in weights if w.total > MAX_PAGE_BYTES} == {}


def test_a_page_loads_an_extension_s_files_only_where_it_uses_them(site: Build) -> None:
    loaded = {w.page: set(w.files) for w in page_weights(site.outdir)}
    big = {"_static/sphinx-design.min.css", "_static/design-tabs.js"}
    for page, files in loaded.items():
        classes = classes_in((site.outdir / page).read_text(encoding="utf-8"))
        for name in files:
            assert used(name, classes), f"{page} loads {name} but uses none of it"
        assert not (big & files) or any(c.startswith("sd-") for c in classes), page
    mystnb = [p for p, files in loaded.items() if any("mystnb" in f for f in files)]
    assert mystnb == ["jupyter.html"]
    # The site's own stylesheets load everywhere (unknown files are kept).
    assert all("_static/layout.css" in files for files in loaded.values())
