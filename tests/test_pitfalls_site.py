"""The pitfall catalogue and the error-message index, on a scenario site.

tests/sites/pitfalls has a message a section explains, one none does, an explanation that
matches nothing, a pitfall whose message no output printed, and a pitfall ID used twice:
each must be a build warning, and what is right must be in the HTML and objects.inv.
"""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from conftest import Build, copy_site, sphinx_build

pytestmark = pytest.mark.site


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    tmp = tmp_path_factory.mktemp("pitfalls")
    src = copy_site("pitfalls", tmp)
    return sphinx_build(src, src, tmp / "html")


def page(build: Build, name: str) -> BeautifulSoup:
    return BeautifulSoup((build.outdir / name).read_text(), "html.parser")


def warnings(build: Build) -> list[str]:
    return [line for line in build.output.splitlines() if "WARNING" in line]


def test_a_message_no_section_explains_fails_the_build(build: Build) -> None:
    assert build.returncode != 0
    (line,) = [w for w in warnings(build) if "KeyError" in w]
    assert "unexplained.md:3" in line and "unexplained.py" in line
    assert "no section explains it" in line


def test_an_explanation_that_matches_nothing_is_a_warning(build: Build) -> None:
    (line,) = [w for w in warnings(build) if "NameError: stale" in w]
    assert "explained.md" in line and "matches no message" in line


def test_a_pitfall_whose_message_no_output_printed_is_a_warning(build: Build) -> None:
    (line,) = [w for w in warnings(build) if "PG002" in w]
    assert "no output of this build printed" in line


def test_a_pitfall_id_used_twice_is_a_warning(build: Build) -> None:
    assert any("duplicate" in w and "PG001" in w for w in warnings(build)), warnings(build)


def test_the_index_lists_each_message_masked_with_its_links(build: Build) -> None:
    soup = page(build, "messages.html")
    entries = {li.code.get_text(): li for li in soup.select("li.pg-error-entry")}
    assert set(entries) == {
        "ValueError: the explained one",
        "KeyError: 'nobody explains me'",
        "DeprecationWarning: pid=… says hello at 0x…",
    }
    explained = entries["ValueError: the explained one"]
    hrefs = [a["href"] for a in explained.find_all("a")]
    assert "explained.html#the-explanation" in hrefs
    assert any(h.startswith("explained.html#output-") for h in hrefs)
    assert explained["id"] == "msg-valueerror-the-explained-one"


def test_a_pitfall_shows_the_printed_line_and_a_review_comment_with_its_address(
    build: Build,
) -> None:
    soup = page(build, "catalogue.html")
    first = soup.find(id="pg001")
    assert [c.get_text() for c in first.select(".pg-pitfall-messages code")] == [
        "ValueError: the explained one"
    ]
    comment = first.select_one(".pg-review-comment pre").get_text()
    assert comment.strip() == (
        "Do not do that. See https://example.org/guide/explained.html#the-explanation "
        "(Pool Guide PG001)"
    )


def test_pitfall_ids_are_in_the_inventory(build: Build) -> None:
    from sphinx.util.inventory import InventoryFile

    with (build.outdir / "objects.inv").open("rb") as stream:
        inventory = InventoryFile.load(stream, "", lambda a, b: a + b)
    pitfalls = inventory["std:pitfall"]
    assert set(pitfalls) == {"PG001", "PG002"}
    assert pitfalls["PG002"].uri.endswith("catalogue.html#pg002")


def test_the_search_page_loads_the_query_cleaner_before_searchtools(build: Build) -> None:
    html = (build.outdir / "search.html").read_text()
    assert html.index("search-errors.js") < html.index("searchtools.js")
    assert "search-errors.js" not in (build.outdir / "index.html").read_text()
