"""Where an output came from: interpreter, machine, start method, date, commit."""

from __future__ import annotations

import multiprocessing
import os
import platform
import subprocess
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path

from .i18n import _


@dataclass(frozen=True)
class Provenance:
    implementation: str
    python_version: str
    python_build: str
    os_name: str
    machine: str
    cpu_count: int | None
    default_start_method: str
    built_at: str  # ISO 8601, UTC, to the second
    commit: str

    def summary(self) -> str:
        """One sentence for the top of a page."""
        return _(
            "{implementation} {python_version} on {os_name} {machine}, "
            "{cpu_count} CPUs, default start method {default_start_method}; "
            "run {built_at} at commit {commit}."
        ).format(**asdict(self))

    def as_rows(self) -> list[tuple[str, str]]:
        labels = {
            "implementation": _("Python implementation"),
            "python_version": _("Python version"),
            "python_build": _("Python build"),
            "os_name": _("Operating system"),
            "machine": _("Machine"),
            "cpu_count": _("CPU count (os.cpu_count())"),
            "default_start_method": _("Default start method"),
            "built_at": _("Run at (UTC)"),
            "commit": _("Site commit"),
        }
        return [(str(labels[k]), str(v)) for k, v in asdict(self).items()]


def collect(repo: Path) -> Provenance:
    """Read the facts now, from this process."""
    return Provenance(
        implementation=platform.python_implementation(),
        python_version=platform.python_version(),
        python_build=" ".join(platform.python_build()),
        os_name=_os_name(),
        machine=platform.machine(),
        cpu_count=os.cpu_count(),
        default_start_method=default_start_method(),
        built_at=datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC"),
        commit=git_commit(repo),
    )


def default_start_method() -> str:
    """The platform default, which scripts get unless they choose one."""
    # Documented: the first of get_all_start_methods() is the default. Asking
    # get_start_method() instead would fix the default in this process.
    return multiprocessing.get_all_start_methods()[0]


def _os_name() -> str:
    name = f"{platform.system()} {platform.release()}"
    try:
        distro = platform.freedesktop_os_release().get("PRETTY_NAME")
    except OSError:
        distro = None
    return f"{name} ({distro})" if distro else name


def git_commit(repo: Path) -> str:
    """Short commit of the site's checkout, "+changes" when the tree differs from it."""

    def git(*args: str) -> str:
        return subprocess.run(
            ["git", *args], cwd=repo, capture_output=True, text=True, check=True
        ).stdout.strip()

    try:
        commit = git("rev-parse", "--short=12", "HEAD")
        dirty = git("status", "--porcelain", "--untracked-files=no")
    except (OSError, subprocess.CalledProcessError):
        return str(_("unknown (not a git checkout)"))
    return str(_("{commit} (+ uncommitted changes)")).format(commit=commit) if dirty else commit
