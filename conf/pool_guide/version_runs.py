"""Run an example on the other CPythons the build found, and compare each output.

The run on the interpreter that builds the site is the one a page shows. Each other
CPython runs the same script with the same options; its output is compared with the
main one after masking what always varies (output_compare). An example is not run on
a version where it cannot be: a measurement (it is made once, on the main
interpreter), or a package it imports that is not installed for that version.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Literal

from . import example_imports, output_compare, run_lock, runner
from .i18n import _
from .interpreters import Interpreter
from .output_paths import shorten_paths

Status = Literal["same", "reordered", "differs", "fails", "not run"]
#: A run that ended as the main run did, before its output is compared.
RAN = "ran"

#: The order statuses are listed in, and what each means on a page.
STATUS_WORDS: dict[str, str] = {
    "same": "same output",
    "reordered": "same lines, in another order",
    "differs": "output differs",
    "fails": "fails",
    "not run": "not run",
}


@dataclass(frozen=True)
class VersionRun:
    """One example on one other CPython: what it printed, and how that compares."""

    version: str
    tag: str
    status: str  # one of STATUS_WORDS
    reason: str = ""  # why it was not run, or how it failed
    output: str = ""
    diff: str = ""  # the masked outputs' unified diff, where they differ
    duration: float = 0.0

    def as_data(self) -> dict:
        return asdict(self)


def version_key(main_key: str, interpreter: Interpreter) -> str:
    """The cache key of one example's run on one other interpreter."""
    settings = (main_key, interpreter.version, interpreter.runs_examples)
    return hashlib.sha256(repr(settings).encode()).hexdigest()


def not_run_reason(script: Path, interpreter: Interpreter, lab: bool) -> str:
    """Why the example cannot run on this interpreter, or ""."""
    # Worked out as each page is read, so in the words of the edition being built.
    if lab:
        return str(
            _("a measurement: the lab measures on the interpreter that builds the site only")
        )
    needed = tuple(example_imports.third_party_imports(script))
    missing = example_imports.missing_modules(interpreter.runs_examples, needed)
    if missing:
        names = ", ".join(missing)
        return _("needs {names}, not installed for {version} in this build").format(
            names=names, version=interpreter.version
        )
    return ""


def run_on(
    spec: runner.RunSpec,
    interpreter: Interpreter,
    expect_exit: int,
    repo: Path,
    page_turn: tuple[str, bool, float],
) -> VersionRun:
    """Run ``spec`` on ``interpreter``: "ran" (to be compared), or how it failed.

    The comparison with the main run is not made here: it is cheap, and made each time
    the page is read (:func:`compared`), so that a change to the masks needs no new runs.
    """
    spec = replace(spec, python=interpreter.runs_examples)
    docname, exclusive, lock_timeout = page_turn
    with run_lock.PAGE_TURN.run(docname, exclusive, lock_timeout):
        result = runner.run_script(spec)
    output = shorten_paths(result.output, repo, Path(interpreter.stdlib))
    base = {"version": interpreter.version, "tag": interpreter.tag, "output": output}
    base["duration"] = round(result.duration, 3)
    if result.timed_out:
        reason = f"killed at its {spec.timeout:g} s timeout"
        return VersionRun(**base, status="fails", reason=reason)
    if result.leftover_pids:
        reason = f"left {len(result.leftover_pids)} process(es) behind"
        return VersionRun(**base, status="fails", reason=reason)
    if result.returncode != expect_exit:
        reason = f"exit status {result.returncode}, not {expect_exit}"
        return VersionRun(**base, status="fails", reason=reason)
    return VersionRun(**base, status=RAN)


def compared(
    run: dict, main_output: str, main_version: str, how: output_compare.Comparison
) -> dict:
    """A run that ran, as the same, reordered or different from the main run's output."""
    if run["status"] != RAN:
        return run
    verdict = output_compare.compare(main_output, run["output"], how)
    diff = ""
    if verdict == "differs":
        names = (main_version, run["version"])
        diff = output_compare.masked_diff(main_output, run["output"], *names, how)
    return {**run, "status": verdict, "diff": diff}
