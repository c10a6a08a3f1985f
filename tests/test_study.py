"""Ordering studies: counts, distinct outputs, classification of worker lines, budget."""

from __future__ import annotations

import textwrap
from pathlib import Path

from pool_guide.runner import RunSpec, run_script
from pool_guide.study import LineCheck, masked, run_study


def script(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "example.py"
    path.write_text(textwrap.dedent(body))
    return path


def test_a_deterministic_script_has_one_distinct_output(tmp_path: Path) -> None:
    spec = RunSpec(script(tmp_path, "print('same every time')\n"))
    study = run_study(spec, run_script(spec), runs=5, budget_seconds=60, expect_exit=0)
    assert study.runs == 5
    assert study.ranked() == [("same every time\n", 5)]
    assert study.failures == []


def test_counts_add_up_and_the_mask_hides_what_always_differs(tmp_path: Path) -> None:
    spec = RunSpec(script(tmp_path, "import os\nprint('pid', os.getpid())\nprint('end')\n"))
    unmasked = run_study(spec, run_script(spec), runs=4, budget_seconds=60, expect_exit=0)
    assert sum(count for _, count in unmasked.ranked()) == 4
    assert len(unmasked.ranked()) == 4  # every PID differs
    hidden = run_study(spec, run_script(spec), 4, 60, 0, mask=r"\d+$")
    assert hidden.ranked() == [("pid …\nend\n", 4)]


def test_the_time_budget_stops_a_study_early(tmp_path: Path) -> None:
    spec = RunSpec(script(tmp_path, "import time\ntime.sleep(0.3)\n"))
    study = run_study(spec, run_script(spec), runs=50, budget_seconds=1, expect_exit=0)
    assert 2 <= study.runs < 50 and study.planned == 50


def test_failed_runs_are_reported(tmp_path: Path) -> None:
    spec = RunSpec(script(tmp_path, "raise SystemExit(3)\n"))
    study = run_study(spec, run_script(spec), runs=3, budget_seconds=60, expect_exit=0)
    assert study.failures == [
        "run 1: exit status 3",
        "run 2: exit status 3",
        "run 3: exit status 3",
    ]


def test_worker_lines_are_classified_clean_spliced_or_lost() -> None:
    check = LineCheck(r"square\(\d\)", expected=3)
    assert check.classify("square(0)\nsquare(2)\nsquare(1)\n[0, 1, 4]\n") == "clean"
    assert check.classify("square(0)square(2)\n\nsquare(1)\n") == "spliced"
    assert check.classify("square(0)\nsquare(\n") == "lost"  # a broken line is not a hit
    assert check.classify("squ\nsquare(0)x\n") == "spliced"
    assert check.classify("square(0)\nsquare(1)\n") == "lost"


def test_mask_applies_per_line() -> None:
    assert masked("a 12\nb 34\n", r"\d+$") == "a …\nb …\n"
