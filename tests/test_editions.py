"""A translated edition (a scenario site): it shows the English build's runs and runs
nothing itself, keeps the English anchors, and fails while a message is untranslated."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import Build, copy_site, sphinx_build
from sphinx_command import ZH_CN, edition_args


@pytest.fixture(scope="module")
def editions(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Build, Build]:
    src = copy_site("edition", tmp_path_factory.mktemp("edition"))
    english = sphinx_build(src, src, src.parent / "html")
    assert english.returncode == 0, english.output
    chinese = _chinese(src, english)
    assert chinese.returncode == 0, chinese.output
    return src, english, chinese


def _chinese(src: Path, english: Build, out: Path | None = None) -> Build:
    out = out or english.outdir / ZH_CN
    return sphinx_build(src, src, out, *edition_args(ZH_CN, english.outdir / ".doctrees"))


def _ids(page: Path) -> set[str]:
    soup = BeautifulSoup(page.read_text(), "html.parser")
    return {tag["id"] for tag in soup.select("body [id]")}


def test_the_chinese_edition_runs_nothing_and_shows_the_english_run(editions) -> None:
    _, english, chinese = editions
    assert english.scripts_run() == ["squares.py"]
    assert chinese.scripts_run() == []
    assert "cached runs borrowed from" in chinese.output
    zh = BeautifulSoup((chinese.outdir / "index.html").read_text(), "html.parser")
    en = BeautifulSoup((english.outdir / "index.html").read_text(), "html.parser")
    # The same run: the output and the date it ran are those of the English build.
    assert zh.select_one(".pg-output pre").get_text() == en.select_one(".pg-output pre").get_text()
    assert "这个示例打印 0 到 2 的平方。" in zh.get_text()
    assert zh.html["lang"] == "zh-CN"


def test_anchors_are_the_same_in_both_editions(editions) -> None:
    _, english, chinese = editions
    en, zh = _ids(english.outdir / "index.html"), _ids(chinese.outdir / "index.html")
    assert {"squares-label", "output-squares"} <= en
    # Every anchor a reviewer can link in English exists in Chinese (headings may add their own).
    assert en <= zh | {i for i in en if i.startswith("id")}


def test_each_page_links_its_other_edition(editions) -> None:
    _, english, chinese = editions
    for page, other in ((english, "zh-CN"), (chinese, "en")):
        head = BeautifulSoup((page.outdir / "index.html").read_text(), "html.parser").head
        langs = {link["hreflang"] for link in head.select('link[rel="alternate"][hreflang]')}
        assert {"en", "zh-CN", "x-default"} <= langs, other


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        # A message with no translation.
        (
            'msgstr "这个示例打印 0 到 2 的平方。"',
            'msgstr ""',
            "The example prints the squares of 0 to 2.",
        ),
        # A translation marked fuzzy (sphinx-intl's guess for a changed message).
        ('msgid "One example"', '#, fuzzy\nmsgid "One example"', "One example"),
    ],
    ids=["untranslated", "fuzzy"],
)
def test_a_message_without_its_translation_fails_the_chinese_build(
    editions, tmp_path: Path, old: str, new: str, message: str
) -> None:
    src, english, _ = editions
    po = src / "locale" / ZH_CN / "LC_MESSAGES" / "index.po"
    kept = po.read_text()
    try:
        po.write_text(kept.replace(old, new))
        failed = _chinese(src, english, tmp_path / "zh")
    finally:
        po.write_text(kept)
    assert failed.returncode != 0
    assert f"no zh_CN translation for '{message}'" in failed.output
    assert "LC_MESSAGES/index.po" in failed.output


def test_an_example_the_english_build_did_not_run_fails_and_is_not_run(
    editions, tmp_path: Path
) -> None:
    src, english, _ = editions
    script = src / "examples" / "squares.py"
    kept = script.read_text()
    try:
        script.write_text("print('changed since the English build')\n")
        failed = _chinese(src, english, tmp_path / "zh")
    finally:
        script.write_text(kept)
    assert failed.returncode != 0
    assert failed.scripts_run() == []
    assert "squares.py has no run in the build whose doctrees" in failed.output


def test_without_the_english_build_the_chinese_build_says_what_to_do(
    editions, tmp_path: Path
) -> None:
    src = editions[0]
    doctrees = tmp_path / "no-english"
    failed = sphinx_build(src, src, tmp_path / "zh", *edition_args(ZH_CN, doctrees))
    assert failed.returncode != 0
    assert "build that first" in failed.output
    assert not doctrees.exists()
    shutil.rmtree(tmp_path / "zh", ignore_errors=True)
