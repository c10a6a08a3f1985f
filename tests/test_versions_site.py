"""Excerpts compared across the CPythons found: on the site, and on a one-interpreter site."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from conftest import Build, copy_site, english_pages, sphinx_build
from pool_guide.interpreters import discover

pytestmark = pytest.mark.site


def test_a_build_with_one_interpreter_passes_and_says_so(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    tmp = tmp_path_factory.mktemp("one-python")
    src = copy_site("one-python", tmp)
    build = sphinx_build(src, src, tmp / "html")
    assert build.returncode == 0, build.output[-3000:]
    soup = BeautifulSoup((tmp / "html" / "index.html").read_text(), "html.parser")
    summary = soup.select_one(".pg-excerpt-versions-summary").get_text()
    assert "found no CPython but its own" in summary
    assert soup.select(".pg-excerpt-versions") == []  # nothing compared, nothing claimed
    assert "No other CPython 3.8 or newer was found" in soup.get_text()
    # The example ran, and says on which one version; the matrix and the changelog say why
    # they compare nothing.
    assert soup.select_one(".pg-output pre").get_text().strip() == "[1, 2, 3]"
    ran_on = soup.select_one(".pg-versions").get_text(" ", strip=True)
    assert ran_on.startswith("Ran on CPython ") and "only" in ran_on, ran_on
    assert "no CPython but" in soup.get_text() and "nothing to compare" in soup.get_text()
    assert "Not shown by a run here" in soup.select_one(".pg-version-change").get_text()


def test_a_build_that_runs_the_examples_on_one_cpython_says_so_in_the_changelog(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """Other CPythons found, but `pool_guide_compare_versions` off (the bench's scenario)."""
    main = next(i for i in discover() if i.builds_the_site)
    if len(discover()) < 2:
        pytest.skip("only one CPython on this machine")
    tmp = tmp_path_factory.mktemp("one-python-of-many")
    src = copy_site("one-python", tmp)
    conf = src / "conf.py"
    conf.write_text(
        conf.read_text()
        .replace("pool_guide_interpreters = []", "pool_guide_interpreters = None")
        .replace("pool_guide_compare_versions = True", "pool_guide_compare_versions = False")
    )
    index = src / "index.md"
    source = ":source: https://github.com/python/cpython/issues/109649"
    index.write_text(index.read_text().replace(source, f"{source}\n:example: index#output-squares"))
    build = sphinx_build(src, src, tmp / "html")
    assert build.returncode == 0, build.output[-3000:]
    soup = BeautifulSoup((tmp / "html" / "index.html").read_text(), "html.parser")
    said = " ".join(soup.select_one(".pg-version-change").get_text().split())
    assert f"this build ran the examples on CPython {main.version} only" in said, said


def test_every_excerpt_names_each_other_cpython_found(site: Build) -> None:
    others = [i.version for i in discover() if not i.builds_the_site]
    if not others:
        pytest.skip("only one CPython on this machine")
    blocks = 0
    for page in english_pages(site.outdir):
        soup = BeautifulSoup(page.read_text(), "html.parser")
        for block in soup.select(".pg-excerpt-block"):
            blocks += 1
            said = block.select_one(".pg-excerpt-versions").get_text()
            assert all(v in said for v in others), (page.name, said)
            for details in block.select("details"):
                assert details.select_one("pre").get_text().startswith("---")
    assert blocks > 50


def test_the_about_page_lists_the_cpythons_with_exact_versions(site: Build) -> None:
    text = BeautifulSoup((site.outdir / "about.html").read_text(), "html.parser").get_text()
    for interpreter in discover():
        assert f"CPython {interpreter.version}" in text


def _others() -> list[str]:
    return [i.version for i in discover() if not i.builds_the_site]


def test_every_example_block_says_where_it_ran_and_how_each_version_did(site: Build) -> None:
    others = _others()
    blocks = 0
    for page in english_pages(site.outdir):
        soup = BeautifulSoup(page.read_text(), "html.parser")
        for example in soup.select(".pg-example"):
            if not example.select(".pg-output-wrapper"):
                continue  # a source-only block
            blocks += 1
            said = example.select_one(".pg-versions").get_text(" ", strip=True)
            assert said.startswith("Ran on CPython"), (page.name, said)
            for version in others:
                assert version in said, (page.name, version, said)
            # Every version whose output is not the same shows it, folded, with its diff.
            listed = example.select(".pg-version-output")
            shown = said.count("Output on ")
            assert len(listed) == shown
    assert blocks > 100


def test_the_matrix_covers_every_example_block_and_every_version(site: Build) -> None:
    import json

    manifest = json.loads((site.outdir / "_pool_guide" / "manifest.json").read_text())
    runs = [r for r in manifest["runs"] if r["ok"]]
    soup = BeautifulSoup((site.outdir / "versions.html").read_text(), "html.parser")
    matrix = soup.select_one("table.pg-version-matrix")
    others = _others()
    if not others:
        assert matrix is None and "nothing to compare" in soup.get_text()
        return
    header = [th.get_text(strip=True) for th in matrix.select("thead th")]
    assert header[2:] == others
    rows = [tr for tr in matrix.select("tbody tr") if "pg-run-page" not in tr.get("class", [])]
    assert len(rows) == len(runs)
    # Each run compared on each other version, or said why not.
    for r in runs:
        assert sorted(v["version"] for v in r["versions"]) == sorted(others), r["script"]
        for v in r["versions"]:
            assert v["status"] in {"same", "reordered", "differs", "fails", "not run"}
            assert v["status"] != "not run" or v["reason"], r["script"]
    # A cell that is not "same" links to that block's comparison, which exists.
    for link in matrix.select("a[href*='#versions-']"):
        page, anchor = link["href"].split("#")
        page = page or "versions.html"  # a block on the versions page itself
        target = BeautifulSoup((site.outdir / page).read_text(), "html.parser")
        assert target.find(id=anchor) is not None, link["href"]


def test_the_changelog_shows_the_changes_this_build_can_run(site: Build) -> None:
    soup = BeautifulSoup((site.outdir / "versions.html").read_text(), "html.parser")
    entries = soup.select(".pg-version-change")
    assert len(entries) >= 8
    for entry in entries:
        assert entry.select(".pg-version-change-sources a, .pg-version-change-evidence a")
    evidence = " ".join(
        e.get_text(" ", strip=True) for e in soup.select(".pg-version-change-evidence")
    )
    minors = {i.version_info[:2] for i in discover()}
    if any(m < (3, 12) for m in minors) and any(m >= (3, 12) for m in minors):
        # The fork warning, run here on both sides of the change.
        assert "fork_warning.py gives one output on" in evidence
    if any(m < (3, 13) for m in minors) and any(m >= (3, 13) for m in minors):
        assert "cpu_count_affinity.py gives one output on" in evidence
