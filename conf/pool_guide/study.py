"""Ordering studies: run the same script N times and count the distinct outputs.

A study shows how much an output varies in this build. Runs are compared as
printed; an optional mask (a regular expression) hides what differs on every
run anyway, such as PIDs, so that orders can be compared. A study also
classifies runs by their worker lines: clean, spliced (two lines run together)
or with lines lost.
"""

from __future__ import annotations

import re
import time
from collections import Counter
from dataclasses import dataclass, field

from .runner import RunResult, RunSpec, run_script

MASK = "…"


@dataclass(frozen=True)
class LineCheck:
    """What one whole worker line looks like, and how many a complete run prints."""

    pattern: str
    expected: int

    def classify(self, output: str) -> str:
        """ "clean", "spliced" (a line holds a broken or several worker lines) or "lost"."""
        line_re = re.compile(self.pattern)  # matched against one line at a time
        found = 0
        for line in output.splitlines():
            hits = len(line_re.findall(line))
            if hits > 1 or (hits == 1 and not line_re.fullmatch(line)):
                return "spliced"
            found += hits
        return "clean" if found == self.expected else "lost"


@dataclass
class Study:
    """The outcome of N runs of one script."""

    planned: int
    outputs: Counter[str] = field(default_factory=Counter)
    classes: Counter[str] = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)
    seconds: float = 0.0
    mask: str | None = None

    @property
    def runs(self) -> int:
        return sum(self.outputs.values())

    def ranked(self) -> list[tuple[str, int]]:
        """Distinct outputs, most frequent first (ties in the order first seen)."""
        return self.outputs.most_common()


def masked(output: str, mask: str | None) -> str:
    # Multiline, so that ^ and $ match at each line of the output.
    return re.sub(mask, MASK, output, flags=re.MULTILINE) if mask else output


def run_study(
    spec: RunSpec,
    first: RunResult,
    runs: int,
    budget_seconds: float,
    expect_exit: int,
    mask: str | None = None,
    line_check: LineCheck | None = None,
) -> Study:
    """Run ``spec`` until ``runs`` runs (``first`` included) or the time budget is spent."""
    study = Study(planned=runs, mask=mask)
    started = time.monotonic()
    result = first
    while True:
        study.outputs[masked(result.output, mask)] += 1
        if line_check is not None:
            study.classes[line_check.classify(result.output)] += 1
        if result.timed_out or result.returncode != expect_exit or result.leftover_pids:
            study.failures.append(
                f"run {study.runs}: "
                + ("timed out" if result.timed_out else f"exit status {result.returncode}")
            )
        if study.runs >= runs or time.monotonic() - started + first.duration > budget_seconds:
            break
        result = run_script(spec)
    study.seconds = first.duration + time.monotonic() - started
    return study
