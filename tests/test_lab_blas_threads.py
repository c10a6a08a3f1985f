"""The BLAS threads measurement (examples/performance/blas_threads.py): its data's invariants.

Read from this run's site build (``lab_data``): what holds on every run, never the times.
"""

from __future__ import annotations

import math

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.site

SETUPS = {
    "one process": 1,
    "one process with 1 BLAS thread": 1,
    "Pool(2)": 2,
    "Pool(2) with 1 BLAS thread each": 2,
}


def test_every_setup_once_with_its_processes_and_their_threads(lab_data) -> None:
    data = lab_data("blas_threads")
    rows = {row["setup"]: row for row in data["rows"]}
    assert len(rows) == len(data["rows"]) and set(rows) == set(SETUPS)
    assert data["repeats"] >= 5
    for setup, row in rows.items():
        assert row["processes"] == SETUPS[setup]
        each = [int(n) for n in row["blas_threads"].split(" + ")]
        assert len(each) == row["processes"] and sum(each) == row["total_blas_threads"]
        assert len(row["seconds"]) == data["repeats"]
        assert all(math.isfinite(s) and s > 0 for s in row["seconds"])
    own = rows["one process"]["total_blas_threads"]
    assert own >= 1
    # Limited: one thread in the process, one in each worker. Not limited: each worker has
    # the parent's number (fork copies it; spawn and forkserver read the same environment).
    assert rows["one process with 1 BLAS thread"]["blas_threads"] == "1"
    assert rows["Pool(2) with 1 BLAS thread each"]["blas_threads"] == "1 + 1"
    assert rows["Pool(2)"]["blas_threads"] == f"{own} + {own}"


def test_the_workload_is_recorded(lab_data) -> None:
    data = lab_data("blas_threads")
    assert data["params"]["size"] > 0 and data["params"]["products"] > 0
    assert data["params"]["tasks"] % 2 == 0  # whole rounds for the two workers
    assert data["params"]["cpu_count"] == data["machine"]["cpu_count"]


def test_the_page_shows_its_chart_and_table_and_every_claim_holds(site) -> None:
    """The pitfall page measures like the performance pages: checked claims, dated data."""
    page = site.outdir / "pitfalls" / "blas-threads.html"
    soup = BeautifulSoup(page.read_text(), "html.parser")
    assert soup.select("figure.pg-chart svg[role=img]")
    assert soup.select(".pg-lab-table")
    claims = soup.select(".pg-claim")
    assert len(claims) >= 3
    for claim in claims:
        assert "pg-claim-holds" in claim["class"], claim.text
    assert not soup.select(".pg-not-run")
    assert "(not measured)" not in soup.text
