"""The built site: real outputs of this build, true excerpts, provenance, no warnings."""

from __future__ import annotations

import hashlib
import json
from urllib.parse import urldefrag

import pytest
from bs4 import BeautifulSoup

from conftest import REPO, Build, english_pages
from pool_guide.excerpt import pool_source_path

pytestmark = pytest.mark.site

POOL_LINES = pool_source_path().read_text(encoding="utf-8").splitlines()


def pages(build: Build) -> dict[str, BeautifulSoup]:
    return {
        # Excerpt lines are <code> with white-space: pre-wrap: keep their indentation.
        str(p.relative_to(build.outdir)): BeautifulSoup(
            p.read_text(), "html.parser", preserve_whitespace_tags=["pre", "textarea", "code"]
        )
        for p in english_pages(build.outdir)
        if "_static" not in p.parts
    }


@pytest.fixture(scope="module")
def html(site: Build) -> dict[str, BeautifulSoup]:
    assert site.returncode == 0, site.output
    return pages(site)


@pytest.fixture(scope="module")
def manifest(site: Build) -> dict:
    return json.loads((site.outdir / "_pool_guide" / "manifest.json").read_text())


# ipykernel 7 announces its default transport on stderr when a notebook page starts a
# kernel; it is the kernel's log line, not a warning about the site.
KERNEL_NOTICE = "[IPKernelApp] WARNING | Kernel is running over TCP without encryption"


def test_the_build_has_no_warnings(site: Build) -> None:
    assert site.returncode == 0, site.output
    output = "\n".join(
        line for line in site.output.splitlines() if not line.startswith(KERNEL_NOTICE)
    )
    assert "WARNING" not in output and "ERROR" not in output


def test_every_output_block_was_produced_by_this_build(
    site: Build, html: dict[str, BeautifulSoup], manifest: dict
) -> None:
    runs = {r["run_id"]: r for r in manifest["runs"]}
    blocks = [(name, div) for name, soup in html.items() for div in soup.select("div.pg-output")]
    assert len(blocks) == len(runs) > 0
    for name, div in blocks:
        run_id = next(c for c in div["class"] if c.startswith("pg-run-")).removeprefix("pg-run-")
        run = runs[run_id]
        assert run["ok"], run
        assert run["ran_at_epoch"] >= site.started, "output is older than this build"
        script = REPO / run["script"]
        assert hashlib.sha256(script.read_bytes()).hexdigest() == run["script_sha256"]
        shown = div.find("pre").get_text()
        assert shown.rstrip("\n") == run["output"].rstrip("\n")
        assert name == run["docname"] + ".html"


def test_the_seed_posts_four_examples_are_on_the_site(manifest: dict) -> None:
    scripts = {r["script"] for r in manifest["runs"]}
    assert {
        "examples/apply.py",
        "examples/apply_async.py",
        "examples/map.py",
        "examples/starmap.py",
    } <= scripts


def test_every_excerpt_line_equals_pool_py_at_that_number(
    html: dict[str, BeautifulSoup], manifest: dict
) -> None:
    """Shown dedented (by the width in data-dedent), numbered by pool.py's own numbers."""
    blocks = [div for soup in html.values() for div in soup.select("div.pg-ann")]
    assert len(blocks) == len(manifest["excerpts"]) > 0
    assert any(int(div["data-dedent"]) > 0 for div in blocks)  # methods are dedented
    for div in blocks:
        dedent = int(div["data-dedent"])
        lines = div.select("div.pg-line")
        numbers = [int(line.select_one("a.pg-ln").get_text()) for line in lines]
        assert numbers[0] == int(div["data-first-line"])
        assert numbers == list(range(numbers[0], numbers[0] + len(numbers)))
        for number, line in zip(numbers, lines, strict=True):
            real = POOL_LINES[number - 1]
            assert real[:dedent].strip() == "", f"line {number} lost text to the dedent"
            assert line.code.get_text() == real[dedent:], f"pool.py line {number} differs"


def test_every_excerpt_line_has_an_anchor_its_number_links_to(
    html: dict[str, BeautifulSoup],
) -> None:
    for name, soup in html.items():
        for div in soup.select("div.pg-ann"):
            block_id = div.find_parent(class_="pg-excerpt-block")["id"]
            for line in div.select("div.pg-line"):
                number = line.select_one("a.pg-ln")
                assert line["id"] == f"{block_id}-L{number.get_text()}", name
                assert number["href"] == f"#{line['id']}", name


def test_every_note_sits_with_its_line_and_links_both_ways(
    html: dict[str, BeautifulSoup],
) -> None:
    notes_seen = 0
    for name, soup in html.items():
        for div in soup.select("div.pg-ann"):
            for segment in div.select("div.pg-ann-segment"):
                markers = segment.select("a.pg-ann-marker")
                notes = segment.select("div.pg-ann-note")
                # A segment starts at its noted line; its notes are those of that line.
                assert len(markers) == (1 if notes else 0), name
                if not notes:
                    continue
                first_line = segment.select_one("div.pg-line")
                assert markers[0].find_parent("div", class_="pg-line") is first_line, name
                for note in notes:
                    notes_seen += 1
                    back = note.select_one("a.pg-ann-num")
                    assert back["href"] == f"#{first_line['id']}", name
                    assert soup.find(id=note["id"]) is note
                assert markers[0]["href"] == f"#{notes[0]['id']}", name
                # Numbered once: by the marker, not again as "1. Line 458."
                assert not note.get_text().lstrip("0123456789 ").startswith("Line "), name
    assert notes_seen > 50


def test_excerpt_links_point_at_the_same_lines_on_github(html: dict[str, BeautifulSoup]) -> None:
    links = [a["href"] for soup in html.values() for a in soup.select(".pg-excerpt-link a")]
    assert links
    for href in links:
        assert href.startswith("https://github.com/python/cpython/blob/v")
        assert "/Lib/multiprocessing/pool.py#L" in href


def test_every_page_with_outputs_states_its_provenance_once(
    html: dict[str, BeautifulSoup], manifest: dict
) -> None:
    pages_with_runs = {r["docname"] + ".html" for r in manifest["runs"]}
    notebooks = {name for name, soup in html.items() if soup.select(".cell_output")}
    assert "jupyter.html" in notebooks
    for name in pages_with_runs | notebooks:
        notes = html[name].select(".pg-provenance")
        assert len(notes) == 1, name
        text = notes[0].get_text()
        for fact in (
            "CPython" if "CPython" in text else "Python",
            "CPUs",
            "default start method",
            "UTC",
            "commit",
        ):
            assert fact in text, (name, fact)


def test_the_about_page_reports_every_run(html: dict[str, BeautifulSoup], manifest: dict) -> None:
    about = html["about.html"]
    text = about.get_text()
    for fact in ("Python version", "CPU count", "Default start method", "Site commit"):
        assert fact in text
    report = about.select("table")[-1]
    # A row naming each page comes before the page's runs.
    rows = report.select("tbody tr:not(.pg-run-page)")
    assert len(rows) == len(manifest["runs"])
    scripts = {row.select("td")[0].get_text(strip=True) for row in rows}
    # The folder every script is in is left out: the table fits a phone.
    assert scripts == {r["script"].removeprefix("examples/") for r in manifest["runs"]}


def test_every_internal_link_and_anchor_resolves(
    site: Build, html: dict[str, BeautifulSoup]
) -> None:
    ids = {name: {tag["id"] for tag in soup.select("[id]")} for name, soup in html.items()}
    broken = []
    for name, soup in html.items():
        for a in soup.select("a[href]"):
            href = a["href"]
            if href.startswith(("http://", "https://", "mailto:")):
                continue
            target, fragment = urldefrag(href)
            # The 404 page links from the site's root ("/page.html"): it is served at any depth.
            base = site.outdir if target.startswith("/") else (site.outdir / name).parent
            target_name = (
                str(base.joinpath(target.lstrip("/")).resolve().relative_to(site.outdir.resolve()))
                if target
                else name
            )
            if target and not (site.outdir / target_name).exists():
                broken.append((name, href))
            elif fragment and target_name in ids and fragment not in ids[target_name]:
                broken.append((name, href))
    assert broken == []


@pytest.mark.parametrize(
    "label",
    [
        "pool-apply",
        "pool-apply-async",
        "apply-is-apply-async-get",
        "pool-map",
        "pool-starmap",
        "starmap-is-map-async-starmapstar",
        "map-async-engine",
        "mapstar-vs-starmapstar",
        "default-chunksize",
        "get-tasks-chunking",
        "chunks-observed",
        "about-this-build",
    ],
)
def test_citable_labels_exist_as_anchors(html: dict[str, BeautifulSoup], label: str) -> None:
    assert any(soup.find(id=label) for soup in html.values()), label


TIMELINE_CHARTS = {
    "timeline-map-chart": "timeline_map.py",
    "timeline-map-chunksize-1-chart": "timeline_map_chunksize1.py",
    "timeline-imap-chart": "timeline_imap.py",
    "timeline-imap-unordered-chart": "timeline_imap_unordered.py",
    "timeline-apply-async-chart": "timeline_apply_async.py",
    "timeline-default-chunks-chart": "timeline_chunking.py",
}


def _run_id(tag) -> str:
    return next(c for c in tag["class"] if c.startswith("pg-from-run-")).removeprefix(
        "pg-from-run-"
    )


def _timeline_charts(html: dict[str, BeautifulSoup]) -> list:
    return html["timelines.html"].select("figure.pg-timeline")


def test_timeline_charts_were_drawn_by_this_build(
    html: dict[str, BeautifulSoup], manifest: dict
) -> None:
    """Each chart is an inline themed SVG with alt text and a table, from a run of this build.

    The page is no notebook: it runs no kernel, and no script runs twice for it.
    """
    runs = {r["run_id"]: r for r in manifest["runs"]}
    page = html["timelines.html"]
    figures = _timeline_charts(html)
    assert {f["id"] for f in figures} == set(TIMELINE_CHARTS)
    for figure in figures:
        svg = figure.select_one("svg.pg-chart-svg")
        assert svg["role"] == "img" and svg["aria-label"].strip()
        assert "var(--pg-chart-ink)" in str(svg)  # follows the theme
        assert svg["data-run-id"] == _run_id(figure)
        run = runs[_run_id(figure)]
        assert run["ok"] and run["docname"] == "timelines"
        assert run["script"] == "examples/" + TIMELINE_CHARTS[figure["id"]]
        assert (
            figure.select_one(".pg-timeline-run")
            .get_text()
            .startswith("Drawn from the run printed above")
        )
        assert page.select(f"table.pg-timeline-data.pg-from-run-{_run_id(figure)}")
    assert not page.select("img[src$='.svg']")  # no chart of another run
    scripts = [r["script"] for r in manifest["runs"] if r["docname"] == "timelines"]
    assert len(scripts) == len(set(scripts)) == len(TIMELINE_CHARTS)
    formula = page.select("table.pg-timeline-formula")
    assert len(formula) == 1
    assert _run_id(formula[0]) == _run_id(page.select_one("#timeline-default-chunks-chart"))


def _output_objects(page: BeautifulSoup, run_id: str) -> list[dict]:
    block = page.select_one(f"div.pg-output.pg-run-{run_id}")
    assert block is not None, f"no output block of run {run_id} on the page"
    return [json.loads(line) for line in block.find("pre").get_text().splitlines() if line]


def _table_rows(table) -> list[dict[str, str]]:
    header = [th.get_text(" ", strip=True) for th in table.select("thead th")]
    return [
        dict(zip(header, (td.get_text(strip=True) for td in tr.select("td")), strict=True))
        for tr in table.select("tbody tr")
    ]


def test_every_timeline_chart_shows_the_run_printed_above_it(
    html: dict[str, BeautifulSoup],
) -> None:
    """The chart, its table and its orders have the PIDs and orders of the output above it."""
    page = html["timelines.html"]
    for figure in _timeline_charts(html):
        run_id = _run_id(figure)
        # The output block comes before the chart, in the same section.
        block = page.select_one(f"div.pg-output.pg-run-{run_id}")
        assert block in figure.find_all_previous("div"), figure["id"]
        objects = _output_objects(page, run_id)
        records = [o for o in objects if "pid" in o]
        printed_pids = sorted(o["pid"] for o in records)
        table = page.select_one(f"table.pg-timeline-data.pg-from-run-{run_id}")
        rows = _table_rows(table)
        assert sorted(int(r["worker PID"]) for r in rows) == printed_pids, figure["id"]
        svg_text = figure.select_one("svg").get_text(" ")
        for pid in set(printed_pids):
            assert f"pid {pid}" in svg_text, (figure["id"], pid)
        if figure["id"] == "timeline-default-chunks-chart":
            continue
        orders = {k: v for o in objects if "index" not in o and len(o) == 1 for k, v in o.items()}
        listed = page.select_one(f"ul.pg-timeline-orders.pg-from-run-{run_id}")
        shown = {}
        for item in listed.select("li"):
            name, _, values = item.get_text().partition(": ")
            shown[name] = [int(v) for v in values.split(", ")]
        assert shown == orders, figure["id"]
        assert shown["returned"] == [o["index"] for o in records], figure["id"]
        by_input = {int(r["input"]): r for r in rows}
        for o in records:
            assert by_input[o["index"]]["worker PID"] == str(o["pid"])
            assert by_input[o["index"]]["returned"] == f"{o['returned']:.3f}"


def test_the_capture_studies_show_what_the_page_says(manifest: dict) -> None:
    """Built in parallel, the capture studies still ran alone and show the page's claims.

    Whole lines on a terminal; through a pipe, lines lost in some runs but never spliced;
    unbuffered, lines spliced in some runs but never lost; every fix delivers every line.
    """
    studies = {
        (r["script"], r["capture"]): r
        for r in manifest["runs"]
        if r["docname"] == "output-capture" and r["study"]
    }
    classes = {key: r["study"]["classes"] for key, r in studies.items()}
    assert all(r["exclusive"] for r in studies.values())
    assert set(classes["examples/capture_print.py", "pty"]) == {"clean"}
    pipe = classes["examples/capture_print.py", "pipe"]
    assert "spliced" not in pipe and pipe.get("lost", 0) > 0, pipe
    unbuffered = classes["examples/capture_print.py", "pipe-unbuffered"]
    assert "lost" not in unbuffered and unbuffered.get("spliced", 0) > 0, unbuffered
    assert set(classes["examples/capture_flush.py", "pipe"]) == {"clean"}
    assert set(classes["examples/capture_logging.py", "pipe"]) == {"clean"}
    assert len(studies["examples/capture_return.py", "pipe"]["study"]["ranked"]) == 1
