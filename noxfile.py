"""Build, preview, test and lint Pool Guide. Run `nox -l` for the list."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import nox

sys.path.insert(0, str(Path(__file__).parent / "conf"))
from example_venvs import make_all
from sphinx_command import ZH_CN, edition_args, sphinx_build_args  # conf/ is on the path now

nox.options.default_venv_backend = "uv|virtualenv"
nox.options.sessions = ["docs", "tests", "lint"]

ROOT = Path(__file__).parent
PYPROJECT = nox.project.load_toml("pyproject.toml")
CONSTRAINTS = ROOT / "conf" / "constraints.txt"
BUILD = ROOT / "build"
HTML = BUILD / "html"
# One venv per other CPython found, where the examples run on it (conf/example_venvs.py).
EXAMPLE_VENVS = BUILD / "pythons"
DOCTREES = BUILD / "doctrees"
# The Chinese edition, served under zh_CN/ beside the English pages; its catalogues.
ZH_HTML = HTML / ZH_CN
ZH_DOCTREES = BUILD / f"doctrees-{ZH_CN}"
LOCALE = ROOT / "docs" / "locale"
# Builds cache compiled modules even where PYTHONDONTWRITEBYTECODE is set (Docker images
# often set it): recompiling Sphinx, MyST-NB and matplotlib costs a build about 3 s on a
# 2-core machine. The caches go into the sessions' virtual environments (and are ignored
# by git); the examples themselves still run without writing bytecode (runner.build_env).
BUILD_ENV = {"PYTHONDONTWRITEBYTECODE": ""}
# npm tools of the lighthouse session, pinned here.
NPM_AUDIT_TOOLS = ["lighthouse@13.5.0", "serve@14.2.7"]


def refuse_windows(session: nox.Session) -> None:
    """The examples need a POSIX pseudo-terminal and process groups: say so before installing."""
    if sys.platform == "win32":
        session.error(
            "Pool Guide runs its examples on a POSIX pseudo-terminal, which Windows does not "
            "have: build it in WSL 2 (Ubuntu), or on Linux or macOS."
        )


def install_group(session: nox.Session, group: str) -> None:
    """Install one dependency group of pyproject.toml, pinned by the constraints file."""
    session.install("-c", str(CONSTRAINTS), *nox.project.dependency_groups(PYPROJECT, group))


def ensure_programs(session: nox.Session, programs: dict[str, str]) -> None:
    """Make sure system programs exist: {program: Debian package}.

    Graphviz's dot (the diagrams) and Chromium (the browser tests) do not come from
    PyPI. As root on Debian or Ubuntu the session installs them with apt-get;
    anywhere else it stops and says what to install.
    """
    missing = {prog: pkg for prog, pkg in programs.items() if shutil.which(prog) is None}
    if not missing:
        return
    packages = sorted(set(missing.values()))
    if os.geteuid() == 0 and shutil.which("apt-get"):
        session.run("apt-get", "update", "-qq", external=True)
        session.run(
            "apt-get",
            "install",
            "-y",
            "-qq",
            *packages,
            external=True,
            env={"DEBIAN_FRONTEND": "noninteractive"},
        )
    else:
        session.error(
            f"missing {', '.join(missing)}: install the system package(s) "
            f"{' '.join(packages)} (e.g. sudo apt-get install {' '.join(packages)})"
        )


def ensure_chinese_font(session: nox.Session) -> None:
    """A font with Chinese glyphs, for Chromium to draw the Chinese edition (browser tests,
    screenshots) as readers see it: without one, every character is an empty box."""
    fonts = (
        subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True, check=False).stdout
        if shutil.which("fc-list")
        else ""
    )
    if fonts.strip():
        return
    if os.geteuid() == 0 and shutil.which("apt-get"):
        session.run(
            "apt-get",
            "install",
            "-y",
            "-qq",
            "fonts-wqy-microhei",
            external=True,
            env={"DEBIAN_FRONTEND": "noninteractive"},
        )
    else:
        session.warn("no Chinese font: install one (e.g. fonts-wqy-microhei) to see zh_CN/")


def example_venvs(session: nox.Session) -> None:
    """The other CPythons' venvs, with the examples' dependencies: made once, then reused."""
    packages = nox.project.dependency_groups(PYPROJECT, "examples")
    others = make_all(EXAMPLE_VENVS, list(packages), log=session.log)
    found = ", ".join(i.version for i in others) or "none"
    session.log(f"other CPythons the examples run on: {found}")


@nox.session
def docs(session: nox.Session) -> None:
    """Build the site into build/html. Incremental; `nox -s docs -- --clean` starts afresh."""
    refuse_windows(session)
    install_group(session, "docs")
    ensure_programs(session, {"dot": "graphviz"})
    if "--clean" in session.posargs:
        # Everything built, but the other CPythons' venvs: environments, made once.
        for path in BUILD.glob("*"):
            if path.is_dir() and path != EXAMPLE_VENVS:
                shutil.rmtree(path, ignore_errors=True)
            elif path.is_file():
                path.unlink()
    example_venvs(session)
    session.run("sphinx-build", *sphinx_build_args("docs", "conf", HTML, DOCTREES), env=BUILD_ENV)
    # The Chinese edition shows the runs just made: it runs no example (shared_runs.py).
    session.run(
        "sphinx-build",
        *sphinx_build_args("docs", "conf", ZH_HTML, ZH_DOCTREES),
        *edition_args(ZH_CN, DOCTREES),
        env=BUILD_ENV,
    )
    session.log(f"Open {HTML / 'index.html'} (中文: {ZH_HTML / 'index.html'})")


@nox.session
def translations(session: nox.Session) -> None:
    """Update the Chinese catalogues (docs/locale) from the pages and the extension's code.

    Reads the pages as the English build does, with its runs (build it first: `nox -s
    docs`), so every message of the site is extracted; `sphinx-intl update` then adds the
    new messages to each page's .po file, marks changed ones fuzzy and drops the gone ones.
    The Chinese build fails until every message is translated and none is fuzzy.
    """
    refuse_windows(session)
    install_group(session, "translations")
    ensure_programs(session, {"dot": "graphviz"})
    pot = BUILD / "gettext"
    shutil.rmtree(pot, ignore_errors=True)
    session.run(
        "sphinx-build",
        *sphinx_build_args("docs", "conf", pot, BUILD / "doctrees-gettext", builder="gettext"),
        "-D",
        f"pool_guide_runs_from={DOCTREES}",
        env=BUILD_ENV,
    )
    # The extension's own words (captions, version notes, reports), wrapped in _().
    session.run(
        "pybabel",
        "extract",
        "--keyword=_",
        "--add-comments=Translators:",
        "--output-file",
        str(pot / "pool_guide.pot"),
        "conf/pool_guide",
    )
    session.run(
        "sphinx-intl", "update", "-p", str(pot), "-d", str(LOCALE), "-l", ZH_CN, "--no-obsolete"
    )


@nox.session(name="docs-live")
def docs_live(session: nox.Session) -> None:
    """Serve the site on 127.0.0.1:8000 and rebuild on edits to docs/, examples/ or conf/."""
    refuse_windows(session)
    install_group(session, "live")
    ensure_programs(session, {"dot": "graphviz"})
    example_venvs(session)
    session.run(
        "sphinx-autobuild",
        *sphinx_build_args("docs", "conf", HTML, DOCTREES),
        "--watch",
        "examples",
        "--watch",
        "conf",
        "--host",
        "127.0.0.1",
        "--port",
        "8000",
        *session.posargs,
        env=BUILD_ENV,
    )


@nox.session
def tests(session: nox.Session) -> None:
    """Run the test suite (unit, example invariants, built site). Extra args go to pytest."""
    refuse_windows(session)
    install_group(session, "tests")
    ensure_programs(session, {"dot": "graphviz", "chromium": "chromium"})
    ensure_chinese_font(session)
    example_venvs(session)
    # The site is built before pytest starts, alone: its measurements (docs/performance)
    # need the machine to themselves, and pytest-xdist would run other tests beside them.
    # The tests read the build's status and log from the record, and fail if it failed.
    record = BUILD / "test-site.json"
    record.unlink(missing_ok=True)
    session.run(
        "python",
        "tests/conftest.py",
        str(BUILD / "test-site" / "html"),
        str(record),
        env={**BUILD_ENV, "PYTHONPATH": "conf"},
    )
    session.run(
        "pytest", *session.posargs, env={**BUILD_ENV, "POOL_GUIDE_SITE_RECORD": str(record)}
    )


@nox.session
def bench(session: nox.Session) -> None:
    """Time cold, no-change and one-edit builds against the floor. `-- --repeat N`."""
    refuse_windows(session)
    install_group(session, "docs")
    ensure_programs(session, {"dot": "graphviz"})
    session.run("python", "tests/bench/build_bench.py", *session.posargs, env=BUILD_ENV)


@nox.session
def lighthouse(session: nox.Session) -> None:
    """Audit every page with Lighthouse (npm) against a compressing local server."""
    refuse_windows(session)
    install_group(session, "docs")
    ensure_programs(session, {"dot": "graphviz", "chromium": "chromium", "npm": "npm"})
    session.run("sphinx-build", *sphinx_build_args("docs", "conf", HTML, DOCTREES), env=BUILD_ENV)
    node = BUILD / "node"
    session.run(
        "npm",
        "install",
        "--silent",
        "--no-audit",
        "--no-fund",
        "--prefix",
        str(node),
        *NPM_AUDIT_TOOLS,
        external=True,
    )
    session.run(
        "python",
        "tests/bench/lighthouse_audit.py",
        "--html",
        str(HTML),
        "--node-bin",
        str(node / "node_modules" / ".bin"),
        *session.posargs,
    )


@nox.session
def screenshots(session: nox.Session) -> None:
    """Full-page PNGs of every page at 375 and 1280 px, light and dark, in build/screenshots.

    For people to look at; nothing is asserted. Uses build/html as it is, and builds it
    first only if it is missing or with `-- --build`. Page names after `--` pick pages.
    """
    refuse_windows(session)
    install_group(session, "tests")  # Playwright, and the docs group for a build
    ensure_programs(session, {"dot": "graphviz", "chromium": "chromium"})
    ensure_chinese_font(session)
    pages = [arg for arg in session.posargs if arg != "--build"]
    if "--build" in session.posargs or not (HTML / "index.html").exists():
        session.run(
            "sphinx-build", *sphinx_build_args("docs", "conf", HTML, DOCTREES), env=BUILD_ENV
        )
    session.run(
        "python",
        "tests/bench/screenshots.py",
        "--html",
        str(HTML),
        "--out",
        str(BUILD / "screenshots"),
        *pages,
    )


@nox.session
def linkcheck(session: nox.Session) -> None:
    """Check external links (needs the network; not run in CI)."""
    install_group(session, "docs")
    session.run(
        "sphinx-build",
        "-c",
        "conf",
        "-b",
        "linkcheck",
        "-d",
        str(DOCTREES),
        "-D",
        "pool_guide_execute=0",
        "-D",
        "nb_execution_mode=off",
        "docs",
        str(BUILD / "linkcheck"),
    )


@nox.session
def lint(session: nox.Session) -> None:
    """Check style and imports with ruff."""
    install_group(session, "lint")
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", "conf", "tests", "noxfile.py")


@nox.session
def lock(session: nox.Session) -> None:
    """Re-pin every dependency group into conf/constraints.txt (needs the network)."""
    session.install("uv")
    groups = [arg for g in PYPROJECT["dependency-groups"] for arg in ("--group", g)]
    session.run(
        "uv",
        "pip",
        "compile",
        "pyproject.toml",
        *groups,
        "--universal",
        "--python-version",
        "3.10",
        "-o",
        # Relative, so the command recorded in the file's header is the same on every machine.
        str(CONSTRAINTS.relative_to(ROOT)),
        "--quiet",
    )
