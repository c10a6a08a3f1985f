"""What the build ran and quoted, kept in the Sphinx environment.

Records survive incremental builds with the environment pickle, so the
execution report and the manifest always cover every page, including the pages
this build did not need to re-read.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from .lab_data import all_datasets

logger = logging.getLogger(__name__)

#: Where the manifest lands in the HTML output, for the built-site tests.
MANIFEST = "_pool_guide/manifest.json"


@dataclass(frozen=True)
class RunRecord:
    """One run of one example, as the build made it."""

    run_id: str
    anchor: str  # the stable id of the output block on its page
    docname: str
    lineno: int
    script: str  # relative to the repository, e.g. "examples/apply.py"
    script_sha256: str
    capture: str
    start_method: str  # the method the run really used
    start_method_chosen: bool  # set by the directive, or the platform default
    returncode: int | None
    expected_exit: int
    timed_out: bool
    duration: float
    ran_at: str  # UTC, ISO 8601 with seconds
    ran_at_epoch: float
    output: str  # as shown on the page
    leftover_pids: int
    ok: bool
    command: str  # as a reader would type it, e.g. "python apply.py"
    truncated: bool
    paths_shortened: bool
    study: dict[str, Any] | None = None  # an ordering study's counts, when :runs: > 1
    escaped_pids: int = 0  # leftovers that had left the script's process group
    exclusive: bool = False  # ran while no other example ran
    lock_wait: float = 0.0  # seconds spent waiting for its turn to run
    lab: dict[str, Any] | None = None  # a lab script's measurements (the measure directive)
    lab_error: str = ""  # why its measurements could not be used
    # The same example on the other CPythons found (version_runs.VersionRun, as data).
    versions: list[dict[str, Any]] = field(default_factory=list)
    # What the comparison set aside as varying from run to run (output_compare.Comparison).
    compared: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ExcerptRecord:
    """One excerpt of pool.py shown on a page."""

    docname: str
    qualname: str
    path: str
    start: int
    end: int
    python_version: str


def _store(env: BuildEnvironment, name: str) -> dict[str, list[dict[str, Any]]]:
    if not hasattr(env, name):
        setattr(env, name, {})
    return getattr(env, name)


def add_run(env: BuildEnvironment, record: RunRecord) -> None:
    _store(env, "pool_guide_runs").setdefault(record.docname, []).append(asdict(record))


def add_excerpt(env: BuildEnvironment, record: ExcerptRecord) -> None:
    _store(env, "pool_guide_excerpts").setdefault(record.docname, []).append(asdict(record))


def runs(env: BuildEnvironment, docname: str | None = None) -> list[RunRecord]:
    store = _store(env, "pool_guide_runs")
    docs = [docname] if docname else sorted(store)
    return [RunRecord(**r) for d in docs for r in store.get(d, [])]


def excerpts(env: BuildEnvironment) -> list[ExcerptRecord]:
    store = _store(env, "pool_guide_excerpts")
    return [ExcerptRecord(**r) for d in sorted(store) for r in store[d]]


def note_report_page(env: BuildEnvironment, docname: str) -> None:
    _store(env, "pool_guide_report_pages")[docname] = []


def report_pages(env: BuildEnvironment) -> list[str]:
    return sorted(_store(env, "pool_guide_report_pages"))


def note_failure(env: BuildEnvironment, docname: str) -> None:
    """A page with a broken example or excerpt is re-read until it is fixed.

    Sphinx does not re-read an unchanged page, so without this a second build
    after a failed one would pass without running the broken example again.
    """
    _store(env, "pool_guide_failed_pages")[docname] = []


def cached_run(env: BuildEnvironment, key: str) -> RunRecord | None:
    """A successful run of the same script, options, extension and interpreter."""
    found = _store(env, "pool_guide_run_cache").get(key)
    return RunRecord(**found) if found else None  # type: ignore[arg-type]


def cache_run(env: BuildEnvironment, key: str, record: RunRecord) -> None:
    _store(env, "pool_guide_run_cache")[key] = asdict(record)  # type: ignore[assignment]


def cached_version_run(env: BuildEnvironment, key: str) -> dict[str, Any] | None:
    """A run of the same example on the same other CPython, made for the same main run."""
    found = _store(env, "pool_guide_version_cache").get(key)
    return found["run"] if found else None  # type: ignore[call-overload]


def cache_version_run(env: BuildEnvironment, key: str, main_key: str, run: dict) -> None:
    _store(env, "pool_guide_version_cache")[key] = {"main": main_key, "run": run}  # type: ignore[assignment]


def prune_run_cache(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """On ``env-updated``: forget cached runs that no page shows any more."""
    in_use = {r.run_id for r in runs(env)}
    cache = _store(env, "pool_guide_run_cache")
    for key in [k for k, r in cache.items() if r["run_id"] not in in_use]:  # type: ignore[index]
        del cache[key]
    versions = _store(env, "pool_guide_version_cache")
    for key in [k for k, v in versions.items() if v["main"] not in cache]:  # type: ignore[call-overload]
        del versions[key]
    return []


_STORES = [
    "pool_guide_runs",
    "pool_guide_excerpts",
    "pool_guide_report_pages",
    "pool_guide_failed_pages",
]


def add_store(name: str) -> None:
    """A per-page store of another module, purged and merged like these."""
    if name not in _STORES:
        _STORES.append(name)


def store(env: BuildEnvironment, name: str) -> dict[str, list[dict[str, Any]]]:
    """A per-page store: docname -> the page's entries (plain data, so it pickles)."""
    return _store(env, name)


def purge_doc(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    for name in _STORES:
        _store(env, name).pop(docname, None)


def merge_info(
    app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment
) -> None:
    """Bring back what parallel readers recorded."""
    for name in _STORES:
        mine, theirs = _store(env, name), _store(other, name)
        for docname in docnames:
            if docname in theirs:
                mine[docname] = theirs[docname]
    _store(env, "pool_guide_run_cache").update(_store(other, "pool_guide_run_cache"))
    _store(env, "pool_guide_version_cache").update(_store(other, "pool_guide_version_cache"))


def outdated_report_pages(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Re-read the report pages (so they cover every run) and the pages that failed."""
    again = report_pages(env) + sorted(_store(env, "pool_guide_failed_pages"))
    return [d for d in again if d in env.found_docs]


def check_lab_budget(app: Sphinx, env: BuildEnvironment) -> None:
    """Warn when the lab's measuring scripts together run past their stated budget."""
    spent = sum(r.duration for r in runs(env) if r.lab is not None)
    budget = app.config.pool_guide_lab_build_seconds
    if spent > budget:
        logger.warning(
            "the lab's measurements took %.1f s in all, over the budget of %s s "
            "(pool_guide_lab_build_seconds): make some workloads smaller",
            spent,
            budget,
            type="pool_guide",
            subtype="lab",
        )


def check_study_budget(app: Sphinx, env: BuildEnvironment) -> None:
    """Warn when the ordering studies of the whole site run past their stated budget."""
    spent = sum(r.study["seconds"] for r in runs(env) if r.study)
    budget = app.config.pool_guide_study_build_seconds
    if spent > budget:
        logger.warning(
            "ordering studies took %.1f s in all, over the budget of %s s "
            "(pool_guide_study_build_seconds): lower some :runs:",
            spent,
            budget,
            type="pool_guide",
            subtype="study",
        )


def write_manifest(app: Sphinx, exception: BaseException | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    path = Path(app.outdir) / MANIFEST
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {
        "runs": [asdict(r) for r in runs(app.env)],
        "excerpts": [asdict(e) for e in excerpts(app.env)],
        "lab": {ds.name: ds.data for ds in all_datasets(app.env)},
    }
    path.write_text(json.dumps(data, indent=1), encoding="utf-8")
