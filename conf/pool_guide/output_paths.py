"""Shorten the long paths in an output: the checkout and the standard library."""

from __future__ import annotations

import sysconfig
from pathlib import Path


def shorten_paths(text: str, repo: Path, stdlib: Path | None = None) -> str:
    """Replace the checkout's folder by nothing and the stdlib's by ``<stdlib>``.

    ``stdlib`` is the standard library of the interpreter that ran: by default, this one.
    Only paths are changed. Addresses, PIDs, timings and orders stay as they ran.
    """
    replacements = [
        (str(repo.resolve()) + "/", ""),
        (str(stdlib or sysconfig.get_paths()["stdlib"]) + "/", "<stdlib>/"),
    ]
    for long, short in replacements:
        text = text.replace(long, short)
    return text
