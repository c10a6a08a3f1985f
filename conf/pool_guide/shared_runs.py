"""A second edition of the site shows the runs of the first: it runs no example itself.

The Chinese edition (and the gettext build that extracts its messages) is another Sphinx
build of the same pages, with its own environment. Set ``pool_guide_runs_from`` to the
doctree folder of the English build: before any page is read, its cached runs (every
example, its runs on the other CPythons, the lab's measurements) are copied into this
build's environment, so every example directive finds its run there. An example with no
run to borrow fails the page ("build the English edition first"); it is never run here.

The one notebook page (MyST-NB) is executed by a Jupyter kernel, not by the directive.
The English build keeps its executed copy in a jupyter-cache (``nb_execution_cache_path``)
and always re-executes a page it reads (:func:`execute_afresh`): the second edition reads
the cache in MyST-NB's "cache" mode, so it shows the same kernel run.
"""

from __future__ import annotations

import pickle
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.errors import ExtensionError
from sphinx.util import logging

logger = logging.getLogger(__name__)

#: The environment stores that hold runs, keyed by what each run depends on.
CACHES = ("pool_guide_run_cache", "pool_guide_version_cache")


def borrowing(config: Any) -> bool:
    """True in a build that shows another build's runs."""
    return bool(config.pool_guide_runs_from)


def _first_environment(runs_from: str) -> BuildEnvironment:
    pickled = Path(runs_from) / "environment.pickle"
    if not pickled.is_file():
        raise ExtensionError(
            f"this build shows the runs of the build whose doctrees are in {runs_from}, and "
            "there are none: build that first (`nox -s docs` builds the English edition, "
            "then this one)"
        )
    with pickled.open("rb") as f:
        return pickle.load(f)


def adopt_interpreter(app: Sphinx, config: Any) -> None:
    """On ``config-inited``: the runs' keys name the first edition's interpreter.

    A run's cache key includes the Python that ran it; a build in another virtual
    environment (``nox -s translations``) would find none of them otherwise.
    """
    if not borrowing(config):
        return
    first = _first_environment(config.pool_guide_runs_from).config
    config.pool_guide_python = first.pool_guide_python
    config.pool_guide_python_version = first.pool_guide_python_version


def borrow_runs(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """On ``env-before-read-docs``: copy the first edition's runs into this environment."""
    if not borrowing(app.config):
        return
    first = _first_environment(app.config.pool_guide_runs_from)
    borrowed = 0
    for name in CACHES:
        theirs = getattr(first, name, {})
        mine = getattr(env, name, None)
        if mine is None:
            setattr(env, name, {})
            mine = getattr(env, name)
        mine.clear()  # only what the first edition shows now: no run of an older build
        mine.update(theirs)
        borrowed += len(theirs)
    env.pool_guide_borrowed = {  # type: ignore[attr-defined]
        "from": str(Path(app.config.pool_guide_runs_from)),
        "runs": len(getattr(first, CACHES[0], {})),
    }
    logger.info(
        "pool_guide: %d cached runs borrowed from %s", borrowed, app.config.pool_guide_runs_from
    )


def no_run_to_borrow(script: str, runs_from: str) -> str:
    """The error of an example directive that found no run to borrow."""
    return (
        f"example {script} has no run in the build whose doctrees are in {runs_from}; "
        "this edition shows that build's runs and runs nothing itself: build that one "
        "first (`nox -s docs` does both, in order)"
    )


def execute_afresh(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """On ``env-before-read-docs`` of the first edition: its notebooks run again when read.

    MyST-NB's "cache" mode would show a stale output after an edit to what a cell imports;
    emptying the cache before a notebook page is read makes it behave like "force", and
    leaves the run in the cache for the second edition.
    """
    if borrowing(app.config) or getattr(app.config, "nb_execution_mode", None) != "cache":
        return
    notebooks = [d for d in docnames if _is_notebook(env, d)]
    if not notebooks:
        return
    from jupyter_cache import get_cache

    cache = get_cache(app.config.nb_execution_cache_path)
    for record in cache.list_cache_records():
        cache.remove_cache(record.pk)


def _is_notebook(env: BuildEnvironment, docname: str) -> bool:
    path = Path(env.doc2path(docname))
    return path.suffix == ".ipynb" or "kernelspec:" in path.read_text(encoding="utf-8")[:600]


def place_notebook_cache(app: Sphinx, config: Any) -> None:
    """On ``config-inited``: the notebooks' cache sits with the first edition's doctrees."""
    if getattr(config, "nb_execution_mode", None) != "cache" or config.nb_execution_cache_path:
        return  # no MyST-NB, or it executes without a cache, or the cache is placed already
    first = Path(config.pool_guide_runs_from) if borrowing(config) else Path(app.doctreedir)
    config.nb_execution_cache_path = str(first / "jupyter_cache")
