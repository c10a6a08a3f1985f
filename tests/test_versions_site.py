"""Excerpts compared across the CPythons found: on the site, and on a one-interpreter site."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from conftest import Build, copy_site, sphinx_build
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


def test_every_excerpt_names_each_other_cpython_found(site: Build) -> None:
    others = [i.version for i in discover() if not i.builds_the_site]
    if not others:
        pytest.skip("only one CPython on this machine")
    blocks = 0
    for page in site.outdir.rglob("*.html"):
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
