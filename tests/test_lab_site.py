"""The built performance pages: every chart, table and claim from this build's own runs."""

from __future__ import annotations

import calendar
import json
import time
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import Build

pytestmark = pytest.mark.site

PERFORMANCE_PAGES = sorted(
    p.stem for p in (Path(__file__).parents[1] / "docs" / "performance").glob("*.md")
)


def performance_page(site: Build, name: str) -> BeautifulSoup:
    return BeautifulSoup((site.outdir / "performance" / f"{name}.html").read_text(), "html.parser")


def utc(stamp: str) -> float:
    return calendar.timegm(time.strptime(stamp, "%Y-%m-%d %H:%M:%S UTC"))


def test_every_dataset_was_measured_by_this_build(site: Build) -> None:
    lab = json.loads((site.outdir / "_pool_guide" / "manifest.json").read_text())["lab"]
    assert len(lab) >= 10
    for name, data in lab.items():
        # A fresh build measures everything again: nothing is older than the build.
        assert utc(data["ran_at"]) >= int(site.started), name
        assert data["repeats"] >= 5, name
        assert data["machine"]["cpu_count"] >= 1, name


@pytest.mark.parametrize("name", [p for p in PERFORMANCE_PAGES if p != "index"])
def test_charts_are_accessible_dated_and_backed_by_a_table(site: Build, name: str) -> None:
    soup = performance_page(site, name)
    charts = soup.select("figure.pg-chart")
    tables = soup.select(".pg-lab-table")
    assert charts or tables, f"{name}: no chart or table"
    started = time.strftime("%Y-%m-%d", time.gmtime(site.started))
    for chart in charts:
        svg = chart.select_one("svg")
        assert svg["role"] == "img" and svg["aria-label"].endswith(
            "The data is in the table below."
        )
        assert "var(--pg-chart-ink)" in str(svg)  # follows the theme
        assert f"Measured by this build at {started}" in chart.select_one(".pg-lab-machine").text
        data = chart.find_next_sibling("details")
        assert data.select("tbody tr"), f"{name}: a chart without its data"
    for table in tables:
        assert f"Measured by this build at {started}" in table.select_one(".pg-lab-machine").text


@pytest.mark.parametrize("name", [p for p in PERFORMANCE_PAGES if p != "index"])
def test_every_claim_holds_and_shows_its_evidence(site: Build, name: str) -> None:
    soup = performance_page(site, name)
    claims = soup.select(".pg-claim")
    assert claims, f"{name}: a measured page with no checked claim"
    for claim in claims:
        assert "pg-claim-holds" in claim["class"], claim.text
        evidence = claim.select_one(".pg-claim-evidence").text
        assert evidence.startswith("Checked against this build's data: ")
    assert not soup.select(".pg-not-run"), f"{name}: something was not measured"
