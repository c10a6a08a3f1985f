"""The sphinx-build command line, one definition for the nox sessions, the tests and the bench.

Plain Python with no imports beyond the standard library, so that the noxfile can
use it before Sphinx is installed.
"""

from __future__ import annotations

from pathlib import Path

#: Parallel readers (Sphinx's ``-j``). The examples mostly wait (sleeps, pool start-up),
#: so more readers than cores pays: measured on a 2-core machine with `nox -s bench`,
#: see the README. Runs that need the machine alone still run alone (run_lock).
JOBS = "6"


def sphinx_build_args(
    srcdir: Path | str,
    confdir: Path | str,
    outdir: Path | str,
    doctrees: Path | str,
    *,
    jobs: str = JOBS,
    builder: str = "html",
    strict: bool = True,
) -> list[str]:
    """Arguments after ``sphinx-build``: warnings are errors, and one build lists them all.

    ``strict=False`` drops ``-W --keep-going -n``: for builds that are not the site, such
    as the benchmark's floor, whose pages warn that their notebook cells were not run.
    """
    checks = ["-W", "--keep-going", "-n"] if strict else []
    return [
        "-c",
        str(confdir),
        "-b",
        builder,
        "-d",
        str(doctrees),
        "-j",
        jobs,
        # -W --keep-going: every warning is an error, and one build lists all of them.
        # -n: nitpicky, so a broken cross-reference is a warning too.
        *checks,
        str(srcdir),
        str(outdir),
    ]


#: The Chinese edition: its folder under the English site, and its language code.
ZH_CN = "zh_CN"


def edition_args(language: str, runs_from: Path | str) -> list[str]:
    """Extra arguments of a translated edition: its language, and the English build's runs.

    ``runs_from`` is the English build's doctree folder: the edition shows those runs
    and runs no example itself (pool_guide/shared_runs.py).
    """
    return ["-D", f"language={language}", "-D", f"pool_guide_runs_from={Path(runs_from)}"]
