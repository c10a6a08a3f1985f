"""The Chinese edition of the real site (built after the English one by the `site` fixture,
as `nox -s docs` does): complete, in Chinese, with the English build's runs and anchors."""

from __future__ import annotations

import json
import re
from urllib.parse import urldefrag, urljoin

import pytest
from bs4 import BeautifulSoup

from conftest import Build, english_pages
from sphinx_command import ZH_CN

pytestmark = pytest.mark.site

CJK = re.compile(r"[\u4e00-\u9fff]")
# Sections' own ids made from an English title (docutils' "apply-and-apply-async"):
# the Chinese title makes another. Reviewers link the explicit labels, which both keep.
AUTO_ID = re.compile(r"^id\d+$")


@pytest.fixture(scope="module")
def chinese(site: Build) -> dict:
    build = site.editions.get(ZH_CN)
    assert build is not None, "the site fixture built no Chinese edition"
    return build


def _soup(path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(), "html.parser")


def _ids(page) -> set[str]:
    """The ids a link can point at: not those inside a chart's drawing (matplotlib's own)."""
    return {
        tag["id"]
        for tag in _soup(page).select("article [id]")
        if tag.name != "svg" and tag.find_parent("svg") is None
    }


def _pairs(site: Build):
    for page in english_pages(site.outdir):
        rel = page.relative_to(site.outdir)
        # The 404 page is served at any depth: it has no switcher, and little text.
        if rel.parts[0].startswith("_") or rel.name in ("search.html", "genindex.html", "404.html"):
            continue
        yield rel, page, site.outdir / ZH_CN / rel


def test_the_chinese_build_passes_and_runs_no_example(site: Build, chinese: dict) -> None:
    assert site.returncode == 0, site.output[-3000:]
    assert chinese["returncode"] == 0, chinese["output"][-5000:]
    ran = [line for line in chinese["output"].splitlines() if line.startswith("pool_guide: ran")]
    compared = [line for line in chinese["output"].splitlines() if "pool_guide: compared" in line]
    assert ran == [] and compared == []
    assert "cached runs borrowed from" in chinese["output"]
    # And the edition says so, on its About page (the English one does not).
    about = "about.html"
    assert _soup(site.outdir / ZH_CN / about).select(".pg-borrowed-runs")
    assert not _soup(site.outdir / about).select(".pg-borrowed-runs")


def test_every_page_has_its_chinese_twin_in_chinese(site: Build) -> None:
    for rel, _english, zh in _pairs(site):
        assert zh.is_file(), rel
        soup = _soup(zh)
        assert soup.html["lang"] == "zh-CN", rel
        article = soup.find("article") or soup.body
        text = article.get_text(" ", strip=True)
        assert len(CJK.findall(text)) >= 20, rel


def test_every_anchor_of_an_english_page_is_in_its_chinese_twin(site: Build) -> None:
    missing = {}
    for rel, english, zh in _pairs(site):
        en_ids, zh_ids = _ids(english), _ids(zh)
        # A section's title-made id differs; every other id (labels, outputs, pitfalls, terms,
        # excerpts) must be there.
        titled = {s["id"] for s in _soup(english).select("article section[id]") if s.get("id")}
        gone = {i for i in en_ids - zh_ids if not AUTO_ID.match(i) and i not in titled}
        if gone:
            missing[str(rel)] = sorted(gone)
    assert missing == {}


def test_the_switcher_and_hreflang_links_point_at_pages_that_exist(site: Build) -> None:
    for _rel, english, zh in _pairs(site):
        for page, other in ((english, zh), (zh, english)):
            soup = _soup(page)
            links = soup.select("nav.pg-editions a.pg-edition")
            assert len(links) == 1, page
            target = site.outdir / urljoin(
                str(page.relative_to(site.outdir)), urldefrag(links[0]["href"]).url
            )
            assert target.resolve() == other.resolve(), (page, links[0]["href"])
            langs = {a["hreflang"] for a in soup.head.select('link[rel="alternate"][hreflang]')}
            assert langs == {"en", "zh-CN", "x-default"}, page


def test_no_emphasis_marker_shows_as_text(site: Build) -> None:
    """CommonMark does not close ** before a CJK letter after punctuation: none slipped."""
    shown = {}
    for rel, _english, zh in _pairs(site):
        article = _soup(zh).find("article")
        for code in article.select("pre, code, .highlight, .pg-output"):
            code.decompose()
        text = article.get_text(" ")
        if "**" in text:
            shown[str(rel)] = text[max(0, text.index("**") - 40) : text.index("**") + 40]
    assert shown == {}


def test_the_chinese_search_index_has_the_site_s_terms_as_words(site: Build) -> None:
    index = (site.outdir / ZH_CN / "searchindex.js").read_text()
    terms = json.loads(index[index.index("(") + 1 : index.rindex(")")])["terms"]
    for word in ("进程池", "工作进程", "回调", "分块", "死锁"):
        assert word in terms, word
