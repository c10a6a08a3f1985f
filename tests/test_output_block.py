"""How a run is shown: captions that say only what differs, folded dumps, studies as
differences. Unit tests: no site is built."""

from __future__ import annotations

import itertools
from dataclasses import replace
from types import SimpleNamespace

import pytest
from docutils import nodes
from docutils.frontend import get_default_settings
from docutils.parsers.rst import Parser
from docutils.utils import new_document

from pool_guide.example_directive import ExampleDirective
from pool_guide.output_block import (
    DEFAULT_CAPTURE,
    FOLD_PAST_LINES,
    caption_text,
    defaults_sentence,
    output_block,
)
from pool_guide.records import RunRecord
from pool_guide.study_nodes import MOVED, NEW, SAME, difference, study_nodes

#: What the landing page states once, and a caption must never repeat.
DEFAULT_PHRASES = [
    "run by this build",
    "captured on a pseudo-terminal",
    "(default)",
    "exit status 0",
]

PLAIN = RunRecord(
    run_id="0123456789ab",
    anchor="output-apply",
    docname="apply",
    lineno=1,
    script="examples/apply.py",
    script_sha256="0" * 64,
    capture=DEFAULT_CAPTURE,
    start_method="fork",
    start_method_chosen=False,
    returncode=0,
    expected_exit=0,
    timed_out=False,
    duration=0.12,
    ran_at="2026-12-02 11:00:00 UTC",
    ran_at_epoch=0.0,
    output="square(0)\n[0]\n",
    leftover_pids=0,
    ok=True,
    command="python apply.py",
    truncated=False,
    paths_shortened=False,
)


def document() -> nodes.document:
    return new_document("test", get_default_settings(Parser))


def test_a_run_with_every_default_is_captioned_output_alone() -> None:
    assert caption_text(PLAIN, 60) == "Output"


@pytest.mark.parametrize(
    "changes",
    [
        dict(zip(("capture", "start_method_chosen", "returncode"), values, strict=True))
        for values in itertools.product(["pty", "pipe", "pipe-unbuffered"], [False, True], [0, 1])
    ],
)
def test_no_caption_repeats_a_default(changes: dict) -> None:
    caption = caption_text(replace(PLAIN, **changes), 60)
    assert caption.startswith("Output")
    for phrase in DEFAULT_PHRASES:
        assert phrase not in caption
    if changes["capture"] == DEFAULT_CAPTURE:
        assert "terminal" not in caption and "captured" not in caption
    if not changes["start_method_chosen"]:
        assert "start method" not in caption


def test_a_caption_names_what_differs() -> None:
    record = replace(
        PLAIN,
        capture="pipe",
        start_method="spawn",
        start_method_chosen=True,
        returncode=1,
        expected_exit=1,
        paths_shortened=True,
        command="python apply.py --size 3",
    )
    caption = caption_text(record, 60)
    assert caption.startswith("Output · python apply.py --size 3 · through a pipe")
    for fact in ("start method spawn", "exit status 1", "paths shortened"):
        assert fact in caption
    timed_out = caption_text(replace(PLAIN, timed_out=True, returncode=None), 5)
    assert timed_out == "Output · killed after the 5 s timeout"


def test_every_fact_of_the_run_is_under_the_block() -> None:
    wrapper = output_block(PLAIN, 60, document())
    [facts] = [n for n in wrapper.findall(nodes.raw) if "pg-run-facts" in n.astext()]
    text = facts.astext()
    assert "<summary>How this ran</summary>" in text
    for fact in ("python apply.py", "terminal", "fork, the default", "status 0", "0.12 s"):
        assert fact in text
    assert "2026-12-02 11:00:00 UTC, by this build" in text
    assert wrapper["ids"] == ["output-apply"]


def test_a_long_output_is_folded_and_kept_whole() -> None:
    long_text = "\n".join(f"line {n}" for n in range(FOLD_PAST_LINES + 5))
    wrapper = output_block(replace(PLAIN, output=long_text), 60, document())
    assert "pg-long" in wrapper["classes"]
    [block] = wrapper.findall(nodes.literal_block)
    assert block.astext() == long_text  # one <pre>: the copy button copies all of it
    assert any("pg-output-more" in n.astext() for n in wrapper.findall(nodes.raw))
    short = output_block(PLAIN, 60, document())
    assert "pg-long" not in short["classes"]
    assert not any("pg-output-more" in n.astext() for n in short.findall(nodes.raw))


def test_the_defaults_sentence_names_the_start_method_it_is_given() -> None:
    for method in ("fork", "spawn"):
        sentence = defaults_sentence(method)
        assert f"default start method, {method}." in sentence
        assert "terminal" in sentence and "exit status 0" in sentence
        assert "run by this build" in sentence


def test_the_directive_default_capture_is_the_one_captions_leave_out() -> None:
    fake = SimpleNamespace(options={}, config=SimpleNamespace(pool_guide_timeout=60))
    assert ExampleDirective.parse_options(fake).capture == DEFAULT_CAPTURE  # type: ignore[arg-type]


def test_a_difference_marks_lines_that_moved_new_lines_and_missing_ones() -> None:
    reference = "a\nb\nc\nd\nlist"
    moved = difference(reference, "b\nc\nd\na\nlist")
    assert [s for s, _ in moved.lines] == [SAME, SAME, SAME, MOVED, SAME]
    assert moved.missing == []
    spliced = difference(reference, "a\nbc\n\nd\nlist")
    assert dict((line, s) for s, line in spliced.lines) == {
        "a": SAME,
        "bc": NEW,
        "": NEW,
        "d": SAME,
        "list": SAME,
    }
    assert spliced.missing == ["b", "c"]
    assert [s for s, _ in difference(reference, reference).lines] == [SAME] * 5


def test_a_study_leads_with_its_summary_then_shows_every_output() -> None:
    study = {
        "planned": 4,
        "runs": 4,
        "seconds": 1.0,
        "mask": None,
        "failures": [],
        "classes": {},
        "ranked": [["a\nb\n", 2], ["b\na\n", 1], ["a\n", 1]],
    }
    box = study_nodes(study, "study-x")
    assert box["ids"] == ["study-x"]
    first = box.children[0]
    assert "pg-study-summary" in first["classes"]
    assert "4 runs" in first.astext() and "3 distinct outputs" in first.astext()
    assert "2 of 4 runs (50 %)" in first.astext()
    items = list(box.findall(nodes.list_item))
    assert len(items) == 3
    assert "the most frequent" in items[0].astext()
    assert "1 line moved" in items[1].astext()
    assert "1 missing" in items[2].astext()
