"""The lab's machinery on a scenario site: measurements, charts, tables, checked claims.

tests/sites/lab measures a fake sweep with known numbers on one page and reads it on
others, so these tests know which claims hold and which must fail the build.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import Build, copy_site, sphinx_build

pytestmark = pytest.mark.site


@pytest.fixture(scope="module")
def lab_build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    tmp = tmp_path_factory.mktemp("lab")
    src = copy_site("lab", tmp)
    return sphinx_build(src, src, tmp / "html")


def page(build: Build, name: str) -> BeautifulSoup:
    return BeautifulSoup((build.outdir / f"{name}.html").read_text(), "html.parser")


def warning_line(build: Build, needle: str) -> str:
    hits = [line for line in build.output.splitlines() if needle in line]
    assert hits, f"no warning mentions {needle!r}:\n{build.output}"
    return hits[0]


def test_a_claim_the_data_contradicts_fails_the_build_naming_page_and_claim(
    lab_build: Build,
) -> None:
    assert lab_build.returncode != 0
    line = warning_line(lab_build, "claim does not hold")
    assert "wrong.md:3" in line
    assert "Map is slower than the loop at size 100." in line
    assert "evaluated as 51 > 102" in line  # the evidence: the medians it compared


def test_a_claim_that_holds_shows_the_numbers_it_was_checked_against(lab_build: Build) -> None:
    claim = page(lab_build, "readers").select_one(".pg-claim")
    assert "pg-claim-holds" in claim["class"]
    assert "Map beats the loop at size 10." in claim.text
    assert "Checked against this build's data: 5.1 < 10.2." in claim.text
    assert "does not hold" not in lab_build.output.split("wrong.md")[0]


def test_lookups_the_data_cannot_answer_are_named(lab_build: Build) -> None:
    assert "exactly one must" in warning_line(lab_build, "wrong.md:7")
    assert "no dataset 'missing'" in warning_line(lab_build, "wrong.md:11")


def test_too_few_repeats_are_refused(lab_build: Build) -> None:
    line = warning_line(lab_build, "few_repeats.py ran, but its measurements cannot be used")
    assert "repeated each measurement 2 times; at least 5" in line
    assert "measure.md:7" in line


def test_numbers_in_prose_come_from_the_data(lab_build: Build) -> None:
    numbers = [s.text for s in page(lab_build, "readers").select(".pg-measured")]
    assert numbers == ["102.0", "5"]


def test_a_chart_is_an_accessible_themed_svg_with_its_data_and_machine(
    lab_build: Build,
) -> None:
    figure = page(lab_build, "readers").select_one("figure#sweep-chart")
    svg = figure.select_one("svg")
    assert svg["role"] == "img"
    assert svg["aria-label"].startswith("Seconds against size.")
    assert "viewbox" in svg.attrs and "width" not in svg.attrs  # sized by the page
    drawing = str(svg)
    assert "var(--pg-chart-ink)" in drawing and "var(--pg-chart-0)" in drawing
    # No placeholder colour survives: every colour follows the theme.
    assert not re.search(r"#0[1-9a]0[2-9b]0?[0-9a-f]", drawing)
    caption = figure.select_one("figcaption").text
    assert "The loop grows with the size." in caption
    assert "median of 5 repeats" in caption
    assert "Lines drawn: one second at 1; the default at 10." in caption
    data = figure.find_next_sibling("details")
    assert data.summary.text == "The data behind this chart (sweep)"
    assert [td.text for td in data.select("tbody tr td")] == [
        "1", "1.02 (1–1.04)", "10", "10.2 (10–10.4)", "100", "102 (100–104)",
    ]  # fmt: skip


def test_charts_and_tables_are_dated_by_this_build(lab_build: Build) -> None:
    soup = page(lab_build, "readers")
    stamps = [p.text for p in soup.select(".pg-lab-machine")]
    assert len(stamps) == 4
    started = time.strftime("%Y-%m-%d", time.gmtime(lab_build.started))
    assert all(f"Measured by this build at {started}" in s for s in stamps)


def test_tables_read_metrics_and_outcomes(lab_build: Build) -> None:
    tables = page(lab_build, "readers").select(".pg-lab-table")
    assert [t.get("id") for t in tables] == ["table-sweep", "table-sweep-2"]
    assert [td.text for td in tables[0].select("tbody td")] == [
        "1",
        "1.02 (1–1.04)",
        "0.51 (0.5–0.52)",
    ]
    assert [td.text for td in tables[1].select("tbody td")] == ["behaviour", "works"]


def test_a_reader_of_a_dataset_is_rebuilt_when_the_measurement_changes(
    tmp_path: Path,
) -> None:
    src = copy_site("lab", tmp_path)
    (src / "wrong.md").write_text("# Wrong\n\nNothing wrong here.\n")
    (src / "measure.md").write_text("# Measure\n\n```{measure} sweep.py\n:name: sweep\n```\n")
    first = sphinx_build(src, src, tmp_path / "html")
    assert first.returncode == 0, first.output
    script = src / "examples" / "sweep.py"
    script.write_text(script.read_text().replace('("map", 0.5)', '("map", 2.0)'))
    second = sphinx_build(src, src, tmp_path / "html")
    # Only measure.md's script changed, yet readers.md's claim now fails: it was re-read.
    assert "readers.md" in warning_line(second, "claim does not hold")
    assert second.scripts_run() == ["sweep.py"]
