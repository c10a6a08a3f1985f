"""Which page each of Sphinx's reader processes is on, so that a reader that dies is named.

Under ``-j``, Sphinx reads pages in forked processes. If one dies (killed, out of
memory, or an example that kills its parent), Sphinx stops with an ``EOFError`` from
its pipe and no word of the page. Each reader therefore keeps a small file, named
by its PID, saying which page (and which example script) it is on; when the build
fails, the files of readers that are no longer alive name what they were doing.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import psutil
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)


def _folder(app: Sphinx) -> Path:
    return Path(app.doctreedir) / "pool_guide_readers"


def _write(app: Sphinx, docname: str, script: str | None = None) -> None:
    folder = _folder(app)
    folder.mkdir(parents=True, exist_ok=True)
    data = {"docname": docname, "script": script}
    (folder / str(os.getpid())).write_text(json.dumps(data), encoding="utf-8")


def start_build(app: Sphinx) -> None:
    """On ``builder-inited``: forget the readers of a previous build."""
    shutil.rmtree(_folder(app), ignore_errors=True)


def reading(app: Sphinx, docname: str, source: list[str]) -> None:
    """On ``source-read``: this process now reads ``docname``."""
    _write(app, docname)


def running(app: Sphinx, docname: str, script: str) -> None:
    """Called by the example directive before it runs ``script``."""
    _write(app, docname, script)


def done(app: Sphinx, doctree: nodes.document) -> None:
    """On ``doctree-read``: this process has finished its page."""
    (_folder(app) / str(os.getpid())).unlink(missing_ok=True)


def report_dead_readers(app: Sphinx, exception: BaseException | None) -> None:
    """On ``build-finished`` after a failure: name the page of every reader that died."""
    if exception is None or not _folder(app).is_dir():
        return
    for marker in sorted(_folder(app).iterdir()):
        pid = int(marker.name)
        if pid == os.getpid() or _alive(pid):
            continue
        try:
            data = json.loads(marker.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        doing = f" while running {data['script']}" if data["script"] else ""
        logger.error(
            "the process reading page %r (PID %d) died%s, so the build stopped: %s",
            data["docname"],
            pid,
            doing,
            type(exception).__name__,
            location=data["docname"],
            type="pool_guide",
            subtype="reader",
        )


def _alive(pid: int) -> bool:
    # A reader that died is a zombie until Sphinx reaps it, which it does not do on failure.
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False
