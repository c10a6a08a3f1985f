"""Ctrl-C in a parallel build stops it, even when the SIGINT lands while Sphinx forks.

Under ``-j``, Sphinx's main process forks one reader per chunk of pages. A SIGINT that
arrives during that fork raises ``KeyboardInterrupt`` inside logging's at-fork hook
(``os.register_at_fork``), where CPython prints "Exception ignored" and carries on. The
build then went on, and the reader just forked, which did not exist when the terminal sent
the signal, read its pages and ran their examples to the end (reproduced here with
py-spy: about 1 Ctrl-C in 20 under load).

So, in the main process, the first SIGINT also

* marks the build as interrupted: a reader forked later inherits the mark and stops
  before it reads a page or starts a run (:func:`stop_if_interrupted`);
* sends SIGTERM to the readers alive now, as Sphinx does when a build fails: a reader
  between two runs ends, and one in a run kills the example first (``runner``);

then raises ``KeyboardInterrupt`` as Python's own handler does.
"""

from __future__ import annotations

import os
import signal

import psutil
from sphinx.application import Sphinx

_main_pid: int | None = None
_interrupted = False


def watch(app: Sphinx) -> None:
    """On ``builder-inited`` of a parallel build: handle Ctrl-C in the main process."""
    global _main_pid
    if app.parallel > 1 and signal.getsignal(signal.SIGINT) is signal.default_int_handler:
        _main_pid = os.getpid()
        signal.signal(signal.SIGINT, _on_sigint)


def stop_if_interrupted() -> None:
    """In a reader: stop here if the build was interrupted before this process was forked."""
    if _interrupted:
        raise KeyboardInterrupt


def _on_sigint(signum: int, frame: object) -> None:
    global _interrupted
    first = not _interrupted
    _interrupted = True
    if first and os.getpid() == _main_pid:
        for reader in psutil.Process().children():
            try:
                reader.send_signal(signal.SIGTERM)
            except psutil.Error:
                continue  # ended meanwhile
    raise KeyboardInterrupt
