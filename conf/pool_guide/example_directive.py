"""The ``example`` directive: a script from examples/, its source, and this build's run."""

from __future__ import annotations

import hashlib
import re
import tempfile
import time
import uuid
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util import logging, parselinenos
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import make_id

from . import (
    interpreters,
    lab_data,
    readers,
    records,
    run_lock,
    runner,
    shared_runs,
    version_runs,
)
from .output_block import output_block, with_caption
from .output_compare import Comparison
from .output_paths import shorten_paths
from .processes import new_token
from .provenance import default_start_method
from .study import LineCheck, run_study
from .study_nodes import study_nodes
from .version_nodes import version_nodes

logger = logging.getLogger(__name__)

#: Every module of this extension: editing one re-reads the pages that use it.
EXTENSION_FILES = sorted(str(p) for p in Path(__file__).parent.rglob("*.py"))
#: The modules that decide what a run does and what it records. Editing one re-runs the
#: examples; editing any other module (how a page shows a run) re-reads the pages and
#: reuses their runs.
RUN_FILES = sorted(
    str(Path(__file__).parent / name)
    for name in (
        "example_directive.py",
        "runner.py",
        "processes.py",
        "study.py",
        "output_paths.py",
        "lab_data.py",
        "records.py",
        "version_runs.py",
        "example_imports.py",
        "startmethod/sitecustomize.py",
    )
)


def _capture(argument: str) -> str:
    return directives.choice(argument, runner.CAPTURE_MODES)


def _regex(argument: str) -> str:
    try:
        re.compile(argument)
    except re.error as exc:
        raise ValueError(f"not a regular expression: {exc}") from None
    return argument


def _start_method(argument: str) -> str:
    return directives.choice(argument, runner.START_METHODS)


@dataclass(frozen=True)
class ExampleOptions:
    """The directive's options, parsed and defaulted."""

    lines: str | None
    emphasize_lines: str | None
    emphasize: tuple[str, ...]
    capture: str
    start_method: str | None
    timeout: float
    expect_exit: int
    args: tuple[str, ...]
    hide_source: bool
    caption: str | None
    runs: int
    study_mask: str | None
    line_check: LineCheck | None
    exclusive: bool  # runs alone: no other example runs beside it
    lab: bool = False  # a lab script: it writes its measurements as JSON (--json PATH)
    # What varies between runs on any version, for comparing versions (output_compare).
    comparison: Comparison = field(default_factory=Comparison)


class ExampleDirective(SphinxDirective):
    """Show ``examples/<script>`` with real line numbers, then run it and show its output."""

    required_arguments = 1
    has_content = False
    option_spec = {
        "lines": directives.unchanged_required,
        "emphasize-lines": directives.unchanged_required,
        "emphasize": directives.unchanged_required,  # text fragments, separated by " | "
        "capture": _capture,
        "start-method": _start_method,
        "timeout": directives.positive_int,
        "expect-exit": int,
        "args": directives.unchanged_required,
        "hide-source": directives.flag,
        "caption": directives.unchanged_required,
        # Ordering study: run N times, count the distinct outputs.
        "runs": directives.positive_int,
        "study-mask": directives.unchanged_required,  # regex of what to hide when comparing
        "study-line": directives.unchanged_required,  # regex of one whole worker line
        "study-expect-lines": directives.nonnegative_int,  # worker lines in a complete run
        # Run while no other example runs: for outputs that depend on timing. An
        # ordering study (:runs: > 1) is always exclusive.
        "exclusive": directives.flag,
        # Comparing versions: a regex of what varies from run to run (hidden like a PID),
        # and a regex of the lines to compare (the others vary).
        "varies": _regex,
        "compare-lines": _regex,
        "name": directives.unchanged,
        "class": directives.class_option,
    }

    def parse_options(self) -> ExampleOptions:
        o = self.options
        if ("study-line" in o) != ("study-expect-lines" in o):
            raise self.error(":study-line: and :study-expect-lines: go together")
        return ExampleOptions(
            lines=o.get("lines"),
            emphasize_lines=o.get("emphasize-lines"),
            emphasize=tuple(f.strip() for f in o.get("emphasize", "").split(" | ") if f.strip()),
            capture=o.get("capture", "pty"),
            start_method=o.get("start-method"),
            timeout=float(o.get("timeout", self.config.pool_guide_timeout)),
            expect_exit=o.get("expect-exit", 0),
            args=tuple(o.get("args", "").split()),
            hide_source=("hide-source" in o),
            caption=o.get("caption"),
            runs=o.get("runs", 1),
            study_mask=o.get("study-mask"),
            line_check=(
                LineCheck(o["study-line"], o["study-expect-lines"])
                if "study-line" in o and "study-expect-lines" in o
                else None
            ),
            exclusive="exclusive" in o or o.get("runs", 1) > 1,
            comparison=Comparison(varies=o.get("varies"), lines=o.get("compare-lines")),
        )

    def run(self) -> list[nodes.Node]:
        options = self.parse_options()
        examples_dir = Path(self.config.pool_guide_examples_dir)
        script = examples_dir / self.arguments[0]
        for dependency in [str(script), *EXTENSION_FILES]:
            self.env.note_dependency(dependency)
        if not script.is_file():
            return self._fail(f"example script {self._shown(script)} does not exist")

        container = nodes.container(classes=["pg-example", *self.options.get("class", [])])
        self.add_name(container)
        if not options.hide_source:
            container += self._source_block(script, options)
        if not self.config.pool_guide_execute:
            note = nodes.paragraph(
                classes=["pg-not-run"], text="Not run: example execution is off in this build."
            )
            container += note
            return [container]
        key = self._cache_key(script, options)
        record = records.cached_run(self.env, key)
        if record is None and shared_runs.borrowing(self.config):
            records.note_failure(self.env, self.env.docname)
            message = shared_runs.no_run_to_borrow(
                self._shown(script), self.config.pool_guide_runs_from
            )
            return self._fail(message)
        if record is None:
            try:
                record = self._run(script, options)
            except run_lock.LockTimeout as exc:
                records.note_failure(self.env, self.env.docname)
                return self._fail(f"example {self._shown(script)} {exc}")
            runs = (
                f"{record.study['runs']} runs, {record.study['seconds']:.2f} s"
                if record.study
                else f"{record.duration:.2f} s"
            )
            logger.info("pool_guide: ran %s for %s (%s)", record.script, self.env.docname, runs)
            if record.ok:
                records.cache_run(self.env, key, record)
        record = replace(
            record,
            docname=self.env.docname,
            lineno=self.lineno,
            anchor=self._stable_id("output", script),
        )
        if record.ok and self.config.pool_guide_compare_versions:
            record = replace(
                record,
                versions=self._other_versions(script, options, key, record),
                compared=asdict(options.comparison),
            )
        container += output_block(record, options.timeout, self.state.document)
        if record.study:
            container += study_nodes(record.study, record.anchor.replace("output-", "study-", 1))
        if record.ok:
            container += version_nodes(
                record, self.config.pool_guide_python_version, self.config.pool_guide_versions_page
            )
        records.add_run(self.env, record)
        if record.ok and record.lab is not None:
            self.keep_measurements(record)
        if not record.ok:
            records.note_failure(self.env, self.env.docname)
            self._report_failure(script, record, options)
        return [container]

    def keep_measurements(self, record: records.RunRecord) -> None:
        """What a lab script measured, for the pages' charts (the measure directive)."""

    def _cache_key(self, script: Path, options: ExampleOptions) -> str:
        """What a run depends on: a page re-read for another reason reuses its runs.

        The page is part of the key: each page shows a run of its own, never another's.
        """
        digest = hashlib.sha256(script.read_bytes())
        settings = (
            self.env.docname,
            options,
            self.config.pool_guide_python,
            self.config.pool_guide_python_version,
        )
        digest.update(repr(settings).encode())
        for path in RUN_FILES:
            digest.update(Path(path).read_bytes())
        return digest.hexdigest()

    # -- source ------------------------------------------------------------

    def _source_block(self, script: Path, options: ExampleOptions) -> nodes.Node:
        all_lines = script.read_text(encoding="utf-8").splitlines()
        first, last = 1, len(all_lines)
        if options.lines:
            chosen = parselinenos(options.lines, len(all_lines))
            first, last = chosen[0] + 1, chosen[-1] + 1
            if chosen != list(range(chosen[0], chosen[-1] + 1)):
                raise self.error(":lines: must be one range, so line numbers stay real")
        text = "\n".join(all_lines[first - 1 : last])
        block = nodes.literal_block(
            text, text, language="python", linenos=True, classes=["pg-source"]
        )
        block["highlight_args"] = {"linenostart": first}
        # Real line numbers of the script, chosen by number or by a text fragment.
        real = []
        if options.emphasize_lines:
            real += [n + 1 for n in parselinenos(options.emphasize_lines, len(all_lines))]
        for fragment in options.emphasize:
            hits = [n for n, line in enumerate(all_lines, 1) if fragment in line]
            if len(hits) != 1:
                raise self.error(
                    f":emphasize: text {fragment!r} is on {len(hits)} lines "
                    f"of {self._shown(script)}; it must be on exactly one"
                )
            real += hits
        if real:
            # Pygments counts from the first line of the block.
            block["highlight_args"]["hl_lines"] = sorted(
                n - first + 1 for n in set(real) if first <= n <= last
            )
        caption = options.caption or f"{self._shown(script)}"
        return with_caption(block, caption, self._stable_id("source", script), self.state.document)

    # -- run ---------------------------------------------------------------

    def _run(self, script: Path, options: ExampleOptions) -> records.RunRecord:
        with tempfile.TemporaryDirectory(prefix="pool-guide-lab-") as folder:
            data_file = Path(folder) / f"{script.stem}.json"
            record = self._run_once(script, options, data_file)
            if options.lab and record.ok:
                data, error = lab_data.read_measurements(data_file, self.config)
                record = replace(record, lab=data, lab_error=error, ok=not error)
        return record

    def _spec(
        self, script: Path, options: ExampleOptions, data_file: Path | None = None
    ) -> runner.RunSpec:
        return runner.RunSpec(
            script=script,
            capture=options.capture,  # type: ignore[arg-type]
            start_method=options.start_method,
            timeout=options.timeout,
            args=(*options.args, "--json", str(data_file)) if options.lab else options.args,
            python=self.config.pool_guide_python,
            token=new_token(),  # noted with the page, so a reader that dies can be cleaned up
        )

    def _other_versions(
        self, script: Path, options: ExampleOptions, key: str, record: records.RunRecord
    ) -> list[dict]:
        """The example on every other CPython found: cached per interpreter, like the main run."""
        found = []
        main_version = self.config.pool_guide_python_version.split()[0]
        for interpreter in interpreters.others(self.config.pool_guide_cpythons):
            reason = version_runs.not_run_reason(script, interpreter, options.lab)
            if reason:
                run = version_runs.VersionRun(
                    interpreter.version, interpreter.tag, "not run", reason=reason
                )
                found.append(run.as_data())
                continue
            version_key = version_runs.version_key(key, interpreter)
            cached = records.cached_version_run(self.env, version_key)
            if cached is None and shared_runs.borrowing(self.config):
                shown = f"{self._shown(script)} on {interpreter.version}"
                self._fail(shared_runs.no_run_to_borrow(shown, self.config.pool_guide_runs_from))
                records.note_failure(self.env, self.env.docname)
                run = version_runs.VersionRun(
                    interpreter.version, interpreter.tag, "not run", reason="no run to borrow"
                )
                found.append(run.as_data())
                continue
            if cached is None:
                spec = self._spec(script, options)
                shown = f"{self._shown(script)} on {interpreter.version}"
                readers.running(self.env.doctreedir, self.env.docname, shown, spec.token)
                run = version_runs.run_on(
                    spec,
                    interpreter,
                    options.expect_exit,
                    Path(self.config.pool_guide_repo),
                    (self.env.docname, options.exclusive, self.config.pool_guide_lock_timeout),
                )
                logger.info(
                    "pool_guide: compared %s on %s for %s (%.2f s, %s)",
                    record.script,
                    interpreter.version,
                    self.env.docname,
                    run.duration,
                    run.status,
                )
                cached = run.as_data()
                records.cache_version_run(self.env, version_key, key, cached)
            found.append(
                version_runs.compared(cached, record.output, main_version, options.comparison)
            )
        return found

    def _run_once(
        self, script: Path, options: ExampleOptions, data_file: Path
    ) -> records.RunRecord:
        spec = self._spec(script, options, data_file)
        readers.running(self.env.doctreedir, self.env.docname, self._shown(script), spec.token)
        turn = run_lock.PAGE_TURN.run(
            self.env.docname, options.exclusive, self.config.pool_guide_lock_timeout
        )
        with turn as held:
            ran_at = time.time()
            result = runner.run_script(spec)
            done = None
            if options.runs > 1:
                done = run_study(
                    spec,
                    result,
                    min(options.runs, self.config.pool_guide_study_max_runs),
                    self.config.pool_guide_study_seconds,
                    options.expect_exit,
                    options.study_mask,
                    options.line_check,
                )
        output = shorten_paths(result.output, Path(self.config.pool_guide_repo))
        ok = (
            not result.timed_out
            and result.returncode == options.expect_exit
            and not result.leftover_pids
        )
        study = None
        if done is not None:
            ok = ok and not done.failures
            study = {
                "planned": done.planned,
                "runs": done.runs,
                "seconds": round(done.seconds, 2),
                "mask": done.mask,
                "failures": done.failures,
                "classes": dict(done.classes),
                "ranked": [
                    [shorten_paths(text, Path(self.config.pool_guide_repo)), count]
                    for text, count in done.ranked()
                ],
            }
        record = records.RunRecord(
            run_id=uuid.uuid4().hex[:12],
            anchor="",  # set where the block is placed
            docname=self.env.docname,
            lineno=self.lineno,
            script=self._shown(script),
            script_sha256=hashlib.sha256(script.read_bytes()).hexdigest(),
            capture=options.capture,
            start_method=options.start_method or default_start_method(),
            start_method_chosen=options.start_method is not None,
            returncode=result.returncode,
            expected_exit=options.expect_exit,
            timed_out=result.timed_out,
            duration=round(result.duration, 3),
            ran_at=datetime.fromtimestamp(ran_at, timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC"),
            ran_at_epoch=ran_at,
            output=output,
            leftover_pids=len(result.leftover_pids),
            escaped_pids=len(result.escaped_pids),
            exclusive=held.exclusive,
            lock_wait=round(held.waited, 3),
            ok=ok,
            # As a reader types it: without the --json the build adds.
            command=" ".join(["python", script.name, *options.args]),
            truncated=result.truncated,
            paths_shortened=output != result.output,
            study=study,
        )
        return record

    # -- failures ----------------------------------------------------------

    def _report_failure(
        self, script: Path, record: records.RunRecord, options: ExampleOptions
    ) -> None:
        if record.timed_out:
            cause = f"timed out after {options.timeout:g} s (its process group was killed)"
        elif record.returncode != options.expect_exit:
            expected = "" if options.expect_exit == 0 else f" (expected {options.expect_exit})"
            cause = f"exited with status {record.returncode}{expected}"
            if options.expect_exit != 0 and record.returncode == 0:
                cause = f"was expected to fail with status {options.expect_exit} but succeeded"
        elif record.leftover_pids:
            cause = f"left {record.leftover_pids} process(es) running, which the build killed"
            if record.escaped_pids:
                cause += (
                    f"; {record.escaped_pids} of them had left its process group "
                    "(setsid) and were found through its process tree or its run's token"
                )
        elif record.lab_error:
            cause = f"ran, but its measurements cannot be used: {record.lab_error}"
        else:
            failures = "; ".join(record.study["failures"]) if record.study else "?"
            cause = f"failed in its ordering study ({failures})"
        tail = "\n".join(record.output.rstrip().splitlines()[-25:])
        logger.warning(
            "example %s %s; its output ends with:\n%s",
            self._shown(script),
            cause,
            tail or "(no output)",
            location=self.get_location(),
            type="pool_guide",
            subtype="example",
        )

    def _fail(self, message: str) -> list[nodes.Node]:
        logger.warning(message, location=self.get_location(), type="pool_guide", subtype="example")
        return []

    def _stable_id(self, kind: str, script: Path) -> str:
        """An anchor named for the script, so a pasted link survives rebuilds."""
        return make_id(self.env, self.state.document, kind, script.stem)

    def _shown(self, script: Path) -> str:
        try:
            return str(script.resolve().relative_to(Path(self.config.pool_guide_repo).resolve()))
        except ValueError:
            return str(script)
