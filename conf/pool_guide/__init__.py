"""Pool Guide's Sphinx extension: run examples, quote pool.py, say where outputs come from.

One module per job:

* ``runner``: run a script in a fresh environment on a pseudo-terminal or a pipe.
* ``processes``: find and kill every process of a run (psutil), group or not.
* ``run_lock``: let runs overlap, except those that must run alone.
* ``readers``: name the page of a parallel reader process that died.
* ``excerpt``: find a definition in this interpreter's multiprocessing/pool.py.
* ``provenance``: the facts about the interpreter, machine and checkout.
* ``records``: what the build ran and quoted, kept across incremental builds.
* ``timeline_charts``: read a timeline script's output, draw it, tabulate it.
* ``figures``: graphviz diagrams inline, in the theme's colours.
* ``page_assets``: each page loads the stylesheets and scripts it uses.
* ``messages``: the exception and warning lines of an output, masked.
* ``error_index``, ``pitfall_directive``: the error-message index and the pitfall catalogue.
* ``search_shim``: the search page reads a pasted error message as its words.
* ``example_directive``, ``source_directive``, ``report_directives``,
  ``timeline_directive``, ``start_method_directive``: the directives.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ExtensionError

from . import (
    annotated_excerpt,
    cpython_roles,
    editions,
    error_index,
    i18n,
    interrupts,
    lab_data,
    lab_directives,
    pitfall_directive,
    readers,
    records,
    run_lock,
    runner,
    search_shim,
    shared_runs,
    translation_check,
    version_changes,
    version_matrix,
    version_summary,
)
from .accessibility import repair_page
from .example_directive import ExampleDirective
from .figures import prepare_figures
from .interpreters import discover
from .label_index import LabelIndexDirective, fill_label_index, label_index
from .page_assets import drop_unused_assets
from .page_meta import set_descriptions
from .report_directives import (
    BuildProvenanceDirective,
    ExecutionReportDirective,
    OutputDefaultsDirective,
    add_page_provenance,
    execution_report,
    fill_execution_report,
)
from .source_directive import PoolSourceDirective
from .start_method_directive import StartMethodsDirective
from .timeline_directive import TimelineChartDirective

REPO = Path(__file__).resolve().parents[2]


def check_platform(app: Sphinx, config: Config) -> None:
    """On ``config-inited``: stop before reading a page where examples cannot run."""
    if config.pool_guide_execute:
        try:
            runner.check_platform()
        except runner.UnsupportedPlatform as exc:
            raise ExtensionError(str(exc)) from None


def find_cpythons(app: Sphinx, config: Config) -> None:
    """On ``config-inited``: the CPythons this build compares, recorded in the config."""
    venvs = config.pool_guide_example_venvs
    found = discover(config.pool_guide_interpreters, Path(venvs) if venvs else None)
    config.pool_guide_cpythons = [i.as_data() for i in found]


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("pool_guide_repo", str(REPO), "env", types=[str])
    app.add_config_value("pool_guide_examples_dir", str(REPO / "examples"), "env", types=[str])
    # The label of the page with the full provenance, linked from every page with outputs.
    app.add_config_value("pool_guide_about_label", None, "env", types=[str, type(None)])
    # The description of pages that have none of their own (index, 404, search).
    app.add_config_value("pool_guide_description", "", "html", types=[str])
    app.add_config_value("pool_guide_timeout", 60, "env", types=[int, float])
    # Seconds an example may wait for its turn (runs that must be alone exclude the others).
    app.add_config_value("pool_guide_lock_timeout", 600, "", types=[int, float])
    # False builds the pages without running any example (the benchmark's floor).
    app.add_config_value("pool_guide_execute", True, "env", types=[bool, int])
    # The doctree folder of another build of the same pages whose runs this build shows
    # (the Chinese edition shows the English build's): this build then runs no example.
    app.add_config_value("pool_guide_runs_from", "", "env", types=[str])
    # (code, name, folder) of each edition of the site, the first at the root.
    app.add_config_value("pool_guide_editions", [("en", "English", "")], "html", types=[list])
    # Ordering studies: at most this many runs, and this many seconds, per study.
    app.add_config_value("pool_guide_study_max_runs", 100, "env", types=[int])
    app.add_config_value("pool_guide_study_seconds", 20, "env", types=[int, float])
    # ... and all studies of the site together: more is a build warning.
    app.add_config_value("pool_guide_study_build_seconds", 120, "env", types=[int, float])
    # The interpreter that runs the examples is the one that runs the build, so the
    # excerpts and the outputs come from the same Python. Changing it re-runs all.
    app.add_config_value("pool_guide_python", sys.executable, "env", types=[str])
    app.add_config_value("pool_guide_python_version", sys.version, "env", types=[str])
    # The CPythons whose pool.py the excerpts are compared with: None finds them all
    # (pyenv's, python3.X on PATH, uv's), or a list of executables. What was found goes
    # into pool_guide_cpythons, so a different set re-reads every page.
    app.add_config_value("pool_guide_interpreters", None, "env", types=[list, type(None)])
    app.add_config_value("pool_guide_cpythons", [], "env", types=[list])
    # The per-version environments `nox -s docs` makes (noxfile.py), where the examples run
    # on the other CPythons; None runs them on the bare interpreters.
    app.add_config_value(
        "pool_guide_example_venvs", str(REPO / "build" / "pythons"), "env", types=[str, type(None)]
    )
    # Run every example on the other CPythons too, and compare the outputs (the site's
    # conf.py turns it on; the tests' scenario sites leave it off, unless they test it).
    app.add_config_value("pool_guide_compare_versions", False, "env", types=[bool])
    # The page with the matrix of examples and versions, linked from each example.
    app.add_config_value("pool_guide_versions_page", None, "env", types=[str, type(None)])

    # The lab: a measurement's timeout, its least repeats, and the budget of all of them
    # together in a build (a warning past it).
    app.add_config_value("pool_guide_lab_timeout", 120, "env", types=[int, float])
    app.add_config_value("pool_guide_lab_min_repeats", 5, "env", types=[int])
    app.add_config_value("pool_guide_lab_build_seconds", 90, "env", types=[int, float])

    app.add_directive("example", ExampleDirective)
    app.add_directive("measure", lab_directives.MeasureDirective)
    app.add_directive("lab-chart", lab_directives.LabChartDirective)
    app.add_directive("lab-table", lab_directives.LabTableDirective)
    app.add_directive("claim", lab_directives.ClaimDirective)
    app.add_role("measured", lab_directives.MeasuredRole())
    app.add_node(lab_directives.lab_pending)
    app.add_node(lab_directives.lab_pending_inline)
    # A chart of the run an example block above it printed (docs/timelines.md).
    app.add_directive("timeline-chart", TimelineChartDirective)
    app.add_directive("pool-source", PoolSourceDirective)
    version_summary.setup(app)
    cpython_roles.setup(app)
    app.add_node(
        annotated_excerpt.annotated_excerpt,
        html=(annotated_excerpt.visit_annotated_excerpt, annotated_excerpt.depart_noop),
    )
    app.add_directive("start-methods", StartMethodsDirective)
    app.add_directive("build-provenance", BuildProvenanceDirective)
    app.add_directive("execution-report", ExecutionReportDirective)
    app.add_directive("output-defaults", OutputDefaultsDirective)
    app.add_node(execution_report)
    app.add_directive("label-index", LabelIndexDirective)
    app.add_node(label_index)
    # Every example on every CPython found: the versions page's matrix.
    app.add_directive("version-matrix", version_matrix.VersionMatrixDirective)
    app.add_node(version_matrix.version_matrix)
    app.connect("doctree-resolved", version_matrix.fill)
    app.add_directive("version-change", version_changes.VersionChangeDirective)
    app.add_node(version_changes.version_change_evidence)
    app.connect("doctree-resolved", version_changes.fill)
    # The pitfall catalogue, the error-message index, and a search that finds pasted errors.
    pitfall_directive.setup(app)
    error_index.setup(app)
    search_shim.setup(app)

    app.connect("config-inited", check_platform)
    app.connect("config-inited", find_cpythons)
    app.connect("builder-inited", readers.start_build)
    app.connect("builder-inited", interrupts.watch)
    app.connect("config-inited", shared_runs.place_notebook_cache)
    app.connect("config-inited", shared_runs.adopt_interpreter)
    app.connect("config-inited", editions.place_edition)
    app.connect("html-page-context", editions.add_editions)
    app.connect("doctree-read", translation_check.check_translated)
    app.connect("builder-inited", translation_check.check_extension_catalogue)
    app.connect("env-before-read-docs", shared_runs.borrow_runs)
    app.connect("env-before-read-docs", shared_runs.execute_afresh)
    app.connect("source-read", readers.reading)
    app.connect("doctree-read", readers.done)
    # A page's exclusive turn ends with the page (run_lock.PageTurn).
    app.connect("source-read", run_lock.PAGE_TURN.release)
    app.connect("doctree-read", run_lock.PAGE_TURN.release)
    app.connect("build-finished", run_lock.PAGE_TURN.release)
    app.connect("build-finished", readers.report_dead_readers)
    app.connect("env-purge-doc", records.purge_doc)
    app.connect("env-merge-info", records.merge_info)
    app.connect("env-get-outdated", records.outdated_report_pages)
    app.connect("env-purge-doc", lab_data.purge_doc)
    app.connect("env-merge-info", lab_data.merge_info)
    app.connect("env-get-outdated", lab_data.outdated_readers)
    app.connect("env-check-consistency", records.check_lab_budget)
    # Charts, tables, claims and numbers read data that any page may have measured.
    app.connect("doctree-resolved", lab_directives.resolve)
    app.connect("env-updated", records.prune_run_cache)
    app.connect("env-check-consistency", records.check_study_budget)
    app.connect("doctree-read", add_page_provenance)
    app.connect("doctree-resolved", fill_execution_report)
    app.connect("doctree-resolved", fill_label_index)
    app.connect("build-finished", records.write_manifest)
    # Graphviz diagrams inline, coloured by the theme; no id repeated by inline drawings
    # (before the repairs and the assets).
    app.connect("html-page-context", prepare_figures, priority=850)
    # After furo (priority 500) has rendered its navigation tree.
    app.connect("html-page-context", repair_page, priority=900)
    # After sphinxext-opengraph (priority 500) has added og:description.
    app.connect("html-page-context", set_descriptions, priority=950)
    # Last: the page's body is final, so its classes say which files it uses.
    app.connect("html-page-context", drop_unused_assets, priority=990)
    i18n.register_catalogue(app)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
