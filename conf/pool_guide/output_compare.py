"""Compare two outputs of one example, as run on two CPythons.

What always varies between two runs is masked first: addresses, PIDs and other long
integers, timings and other decimals (version numbers too), worker numbers, the line
numbers of tracebacks (the standard library's lines move between versions), and the
caret lines 3.11 added under traceback lines. What is left is compared line by line;
where the lines are the same but their order is not, the outputs are "reordered",
which for a pool's workers is usually a matter of scheduling.

An example whose output varies from run to run on any version says what varies: a
``varies`` pattern hides its matches too, and a ``lines`` pattern compares only the
lines it matches (the lines the script prints itself, say, not a worker's traceback cut
short by ``terminate()``).
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from dataclasses import dataclass
from typing import Literal

from .i18n import _

Verdict = Literal["same", "reordered", "differs"]

#: What the comparison hides, as the versions page lists it (in the edition's words).
MASKED = [
    _("addresses (0x…)"),
    _(
        "integers of three digits or more (PIDs; so which worker ran which task, a matter of "
        "scheduling, is not compared, and neither is a result of three digits or more)"
    ),
    _("decimals (timings, version numbers)"),
    _("worker and thread numbers"),
    _("traceback and warning line numbers"),
    _("the folder of the script in tracebacks (3.8 prints it relative)"),
    _("traceback caret lines (new in 3.11)"),
    _("runs of spaces inside a line (padding that aligned a masked number)"),
]

_MASKS = [
    (re.compile(r"0x[0-9a-fA-F]+"), "0x…"),
    (re.compile(r"\d+\.\d+(?:\.\d+)*"), "N.N"),
    (re.compile(r"\b(\w*(?:PoolWorker|Thread|Process))-\d+(?::\d+)*"), r"\1-N"),
    (re.compile(r'^(\s*File "[^"]*", line )\d+'), r"\1N"),
    (re.compile(r'^(\s*File ")(?!<)[^"]*/([^"/]+")'), r"\1\2"),
    (re.compile(r"(\.py):\d+:"), r"\1:N:"),
]
_LONG_INTEGER = re.compile(r"(?<![\w.#])\d{3,}(?![\w.])")
_SPACES = re.compile(r"(?<=\S) {2,}")  # padding that aligned numbers now masked
_CARETS = re.compile(r"^\s*[~^]+\s*$")


@dataclass(frozen=True)
class Comparison:
    """What of an example's output varies between runs on any version (regexes)."""

    varies: str | None = None  # hidden, like a PID
    lines: str | None = None  # only the lines it matches are compared


def masked_lines(output: str, how: Comparison = Comparison()) -> list[str]:
    """The output's lines with what always varies hidden."""
    lines = []
    if how.varies:
        output = re.sub(how.varies, "…", output, flags=re.MULTILINE)
    for line in output.splitlines():
        if _CARETS.match(line) or (how.lines and not re.search(how.lines, line)):
            continue
        for pattern, replacement in _MASKS:
            line = pattern.sub(replacement, line)
        line = _LONG_INTEGER.sub("#", line).rstrip()
        lines.append(_SPACES.sub(" ", line))
    return lines


def compare(main: str, other: str, how: Comparison = Comparison()) -> Verdict:
    a, b = masked_lines(main, how), masked_lines(other, how)
    if a == b:
        return "same"
    if Counter(a) == Counter(b):
        return "reordered"
    return "differs"


def masked_diff(
    main: str, other: str, main_name: str, other_name: str, how: Comparison = Comparison()
) -> str:
    """A unified diff of the masked outputs: what really differs."""
    return "\n".join(
        difflib.unified_diff(
            masked_lines(main, how),
            masked_lines(other, how),
            fromfile=main_name,
            tofile=other_name,
            lineterm="",
            n=1,
        )
    )
