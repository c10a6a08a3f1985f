"""Which page each of Sphinx's reader processes is on, so that a reader that dies is named.

Under ``-j``, Sphinx reads pages in forked processes. If one dies (killed, out of
memory, or an example that kills its parent), Sphinx stops with an ``EOFError`` from
its pipe and no word of the page. Each reader therefore keeps a small file, named
by its PID, saying which page (and which example script) it is on; when the build
fails, the file of a reader that was killed names what it was doing.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging

from .interrupts import stop_if_interrupted
from .processes import kill_marked

logger = logging.getLogger(__name__)


FOLDER = "pool_guide_readers"


def _folder(doctreedir: str | Path) -> Path:
    return Path(doctreedir) / FOLDER


def _write(
    doctreedir: str | Path, docname: str, script: str | None = None, token: str | None = None
) -> None:
    folder = _folder(doctreedir)
    folder.mkdir(parents=True, exist_ok=True)
    data = {"docname": docname, "script": script, "token": token}
    (folder / str(os.getpid())).write_text(json.dumps(data), encoding="utf-8")


def start_build(app: Sphinx) -> None:
    """On ``builder-inited``: forget the readers of a previous build."""
    shutil.rmtree(_folder(app.doctreedir), ignore_errors=True)


def reading(app: Sphinx, docname: str, source: list[str]) -> None:
    """On ``source-read``: this process now reads ``docname``."""
    stop_if_interrupted()
    _write(app.doctreedir, docname)


def running(doctreedir: str | Path, docname: str, script: str, token: str) -> None:
    """Called by the example directive before it runs ``script`` with this ``token``."""
    _write(doctreedir, docname, script, token)


def done(app: Sphinx, doctree: nodes.document) -> None:
    """On ``doctree-read``: this process has finished its page."""
    (_folder(app.doctreedir) / str(os.getpid())).unlink(missing_ok=True)


def report_dead_readers(app: Sphinx, exception: BaseException | None) -> None:
    """On ``build-finished`` after a failure: name the page of every reader that died.

    When the build fails, Sphinx stops its other readers with SIGTERM and does not wait
    for them; those, and readers that ended with an error of their own, are not what
    stopped the build. Only a reader killed by another signal is named, and the example
    it was running, whose processes it can no longer clean up, is killed here.
    """
    if exception is None or not _folder(app.doctreedir).is_dir():
        return
    for marker in sorted(_folder(app.doctreedir).iterdir()):
        signum = _killed_by(int(marker.name))
        if signum is None or signum == signal.SIGTERM:
            continue
        try:
            data = json.loads(marker.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        doing = ""
        if data["script"]:
            doing = f" while running {data['script']}"
            killed = kill_marked(data["token"]) if data["token"] else []
            if killed:
                doing += f" (the build killed the {len(killed)} process(es) it left)"
        logger.error(
            "the process reading page %r (PID %s) was killed by %s%s, so the build stopped",
            data["docname"],
            marker.name,
            signal.Signals(signum).name,
            doing,
            location=data["docname"],
            type="pool_guide",
            subtype="reader",
        )


def _killed_by(pid: int) -> int | None:
    """The signal that ended a reader (a child of this process), or None if it did not die so.

    Reaps it: Sphinx does not wait for its readers once the build has failed.
    """
    if pid == os.getpid():
        return None
    try:
        reaped, status = os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:  # not our child, or already reaped
        return None
    if reaped == 0 or not os.WIFSIGNALED(status):
        return None  # still running, or it exited on its own
    return os.WTERMSIG(status)
