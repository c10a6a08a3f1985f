"""The built site's outputs: captions that repeat no default, the run's facts one click
away, the defaults stated once, long dumps folded, studies shown as differences."""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup, Tag

from conftest import Build, english_pages
from pool_guide.output_block import FOLD_PAST_LINES
from pool_guide.provenance import default_start_method

pytestmark = pytest.mark.site

#: The landing page states these once; a caption that says one of them says nothing.
DEFAULT_PHRASES = [
    "run by this build",
    "captured on a pseudo-terminal",
    "(default)",
    "exit status 0",
]


@pytest.fixture(scope="module")
def html(site: Build) -> dict[str, BeautifulSoup]:
    assert site.returncode == 0, site.output
    return {
        str(p.relative_to(site.outdir)): BeautifulSoup(p.read_text(), "html.parser")
        for p in english_pages(site.outdir)
        if "_static" not in p.parts
    }


@pytest.fixture(scope="module")
def runs(site: Build) -> dict[str, dict]:
    manifest = json.loads((site.outdir / "_pool_guide" / "manifest.json").read_text())
    return {r["run_id"]: r for r in manifest["runs"]}


def output_wrappers(html: dict[str, BeautifulSoup], runs: dict[str, dict]):
    """(page, wrapper, run) for every output block of the site."""
    found = []
    for name, soup in html.items():
        for block in soup.select("div.pg-output"):
            run_id = next(c for c in block["class"] if c.startswith("pg-run-"))[len("pg-run-") :]
            found.append(
                (name, block.find_parent("div", class_="literal-block-wrapper"), runs[run_id])
            )
    assert len(found) == len(runs) > 0
    return found


def caption(wrapper: Tag) -> str:
    return wrapper.select_one(".code-block-caption .caption-text").get_text()


def test_no_output_caption_repeats_a_default(html: dict, runs: dict) -> None:
    for name, wrapper, run in output_wrappers(html, runs):
        text = caption(wrapper)
        assert text.startswith("Output"), (name, text)
        for phrase in DEFAULT_PHRASES:
            assert phrase not in text, (name, text)
        if run["capture"] == "pty":
            assert "terminal" not in text, (name, text)
        # What differs is said: a chosen start method by the caption, or by the heading of
        # the column it stands in when start methods are side by side.
        if run["start_method_chosen"]:
            column = wrapper.find_parent(class_="pg-method")
            if column is None:
                assert f"start method {run['start_method']}" in text, (name, text)
            else:
                heading = column.select_one(".pg-method-name").get_text()
                assert heading == run["start_method"], (name, heading)
                assert "start method" not in text, (name, text)
        if run["returncode"]:
            assert f"exit status {run['returncode']}" in text, (name, text)
        if run["command"].split()[2:]:
            assert run["command"] in text, (name, text)


def test_output_anchors_are_named_for_their_script(html: dict, runs: dict) -> None:
    for name, wrapper, run in output_wrappers(html, runs):
        assert wrapper["id"] == run["anchor"] and run["anchor"].startswith("output-"), name


def test_every_output_has_its_run_facts_one_click_away(html: dict, runs: dict) -> None:
    for name, wrapper, run in output_wrappers(html, runs):
        facts = wrapper.select_one("details.pg-run-facts")
        assert facts is not None, (name, run["anchor"])
        assert facts.summary.get_text() == "How this ran"
        shown = {dt.get_text(): dt.find_next_sibling("dd").get_text() for dt in facts.select("dt")}
        assert shown["Command"] == run["command"]
        assert shown["Start method"].startswith(run["start_method"])
        assert shown["Ran"] == f"{run['ran_at']}, by this build"
        assert f"{run['duration']:.2f} s" in shown["Duration"]
        assert {"Captured", "Exit"} <= shown.keys()


def test_the_landing_page_states_the_defaults_once(html: dict) -> None:
    [note] = html["index.html"].select(".pg-output-defaults")
    text = note.get_text()
    assert f"default start method, {default_start_method()}." in text
    for fact in ("terminal", "exit status 0", "run by this build", "How this ran"):
        assert fact in text
    assert all(
        not soup.select(".pg-output-defaults") for n, soup in html.items() if n != "index.html"
    )


def test_long_outputs_are_folded_to_their_first_lines(html: dict, runs: dict) -> None:
    folded = 0
    for name, wrapper, run in output_wrappers(html, runs):
        long = run["output"].rstrip("\n").count("\n") + 1 > FOLD_PAST_LINES
        assert ("pg-long" in wrapper["class"]) == long, (name, run["anchor"])
        assert (wrapper.select_one("details.pg-output-more") is not None) == long
        folded += long
    assert folded > 0


def test_every_study_shows_its_outputs_as_differences_from_the_most_frequent(
    html: dict, runs: dict
) -> None:
    studies = [(n, w, r) for n, w, r in output_wrappers(html, runs) if r["study"]]
    assert studies
    for name, _wrapper, run in studies:
        study = run["study"]
        box = html[name].find(id=run["anchor"].replace("output-", "study-", 1))
        assert box is not None and "pg-study" in box["class"]
        first = box.find(True)
        assert "pg-study-summary" in first["class"]  # the summary leads
        assert f"{study['runs']} runs" in first.get_text()
        ranked = study["ranked"]
        if len(ranked) == 1:
            assert not box.select("pre")
            continue
        assert f"{len(ranked)} distinct outputs" in first.get_text()
        variants = box.select("li.pg-study-variant")
        assert len(variants) == len(ranked), name
        for item, (text, count) in zip(variants, ranked, strict=True):
            assert item.select_one("pre").get_text() == text.rstrip("\n") + "\n"
            assert f"{count} of {study['runs']} runs" in item.select_one(".pg-study-label").text
        assert "pg-study-top" in variants[0]["class"]
        for item in variants[1:]:
            # Another output differs somewhere: a line is marked, or one is missing.
            marked = item.select("pre span.pg-moved, pre span.pg-new, .pg-study-missing")
            assert marked, (name, item.get_text()[:200])
