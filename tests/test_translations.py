"""The Chinese catalogues (docs/locale/zh_CN): one per page, every message translated and
none fuzzy, and each translation keeps its message's code, links and link targets."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from babel.messages.pofile import read_po
from markdown_it import MarkdownIt

from conftest import REPO
from sphinx_command import ZH_CN

DOCS = REPO / "docs"
CATALOGUES = DOCS / "locale" / ZH_CN / "LC_MESSAGES"
PAGES = sorted(
    p.relative_to(DOCS).with_suffix("").as_posix()
    for p in DOCS.rglob("*.md")
    if "locale" not in p.relative_to(DOCS).parts
)
CJK = re.compile(r"[\u4e00-\u9fff]")
# The extension's own words (conf/pool_guide, wrapped in _()): str.format placeholders.
EXTENSION = "pool_guide"
PLACEHOLDER = re.compile(r"\{[A-Za-z_]\w*(?:[:!][^{}]*)?\}")
ROLE = re.compile(r"\{([\w:-]+)\}$")
MD = MarkdownIt("commonmark")


def messages(page: str) -> list:
    with (CATALOGUES / f"{page}.po").open("rb") as f:
        return [m for m in read_po(f) if m.id]  # the header has no id


def test_every_page_has_a_catalogue() -> None:
    assert PAGES, "no pages found"
    missing = [p for p in PAGES if not (CATALOGUES / f"{p}.po").is_file()]
    assert missing == [], "run `nox -s translations`, then translate them"


@pytest.mark.parametrize("page", [*PAGES, EXTENSION])
def test_every_message_is_translated_and_none_is_fuzzy(page: str) -> None:
    found = messages(page)
    assert found
    untranslated = [m.id for m in found if not m.string]
    fuzzy = [m.id for m in found if m.fuzzy]
    assert untranslated == [] and fuzzy == []


def _inline_parts(text: str) -> tuple[Counter, Counter, Counter]:
    """Code spans, role targets and link addresses of one message (MyST Markdown)."""
    codes, targets, links = Counter(), Counter(), Counter()
    for block in MD.parse(text):
        before = ""
        for tok in block.children or []:
            if tok.type == "code_inline":
                role = ROLE.search(before)
                if role:  # {ref}`Title <label>` or {ref}`label`: the label must stay
                    titled = re.search(r"<([^<>]+)>$", tok.content)
                    target = titled.group(1) if titled else tok.content
                    targets[(role.group(1), target.strip())] += 1
                else:
                    codes[tok.content] += 1
            elif tok.type == "link_open":
                links[tok.attrs.get("href")] += 1
            before = tok.content if tok.type == "text" else ""
    return codes, targets, links


@pytest.mark.parametrize("page", PAGES)
def test_translations_keep_code_links_and_targets(page: str) -> None:
    for message in messages(page):
        if message.string:
            assert _inline_parts(message.string) == _inline_parts(message.id), message.id


@pytest.mark.parametrize("page", PAGES)
def test_prose_is_in_chinese(page: str) -> None:
    """A message of English prose (three words or more) has Chinese in its translation."""
    prose = [m for m in messages(page) if re.search(r"[A-Za-z]{3,} [a-z]{3,} [a-z]{3,}", m.id)]
    english = [m.id for m in prose if m.string and not CJK.search(m.string)]
    # Quoted program output, titles of CPython issues and code-only cells stay English.
    assert len(english) <= max(2, len(prose) // 10), english


def test_the_extension_s_translations_keep_their_placeholders() -> None:
    for message in messages(EXTENSION):
        assert sorted(PLACEHOLDER.findall(message.string)) == sorted(
            PLACEHOLDER.findall(message.id)
        ), message.id


def test_the_extension_s_catalogue_has_every_string_of_its_code() -> None:
    from babel.messages.extract import extract_from_dir

    code = REPO / "conf" / "pool_guide"
    wrapped = {m for _f, _n, m, _c, _x in extract_from_dir(code, keywords={"_": None})}
    assert wrapped, "no _() string found"
    catalogued = {m.id for m in messages(EXTENSION)}
    assert sorted(wrapped - catalogued) == [], "run `nox -s translations`"
