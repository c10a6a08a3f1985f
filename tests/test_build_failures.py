"""A broken example or excerpt fails the build.

The build names page, script and cause, and leaves nothing running.
"""

from __future__ import annotations

from pathlib import Path

import psutil
import pytest

from conftest import Build, copy_site, sphinx_build

pytestmark = pytest.mark.site


@pytest.fixture(scope="module")
def failed_build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    tmp = tmp_path_factory.mktemp("failures")
    src = copy_site("failures", tmp)
    return sphinx_build(src, src, tmp / "html")


def warning_for(build: Build, needle: str) -> str:
    """The whole warning (with its continuation lines) that mentions ``needle``."""
    blocks = build.output.split("WARNING")[1:]
    hits = [b for b in blocks if needle in b]
    assert hits, f"no warning mentions {needle!r}:\n{build.output}"
    return hits[0]


def test_the_build_fails_and_lists_every_problem(failed_build: Build) -> None:
    assert failed_build.returncode != 0
    assert failed_build.output.count("WARNING") >= 7, failed_build.output


def test_a_raising_example_names_page_script_status_and_traceback(failed_build: Build) -> None:
    text = warning_for(failed_build, "raises.py exited")
    assert "raises.md:3" in failed_build.output.split("raises.py exited")[0].splitlines()[-1]
    assert "exited with status 1" in text
    assert "ValueError: bad input" in text  # the script's own traceback


def test_a_hanging_example_is_killed_at_its_timeout(failed_build: Build) -> None:
    text = warning_for(failed_build, "hangs.py timed out")
    assert "timed out after 2 s" in text
    assert "hangs.md:3" in failed_build.output.split("hangs.py timed out")[0].splitlines()[-1]


def test_a_missing_example_is_named(failed_build: Build) -> None:
    text = warning_for(failed_build, "missing.py")
    assert "examples/missing.py does not exist" in text
    assert "raises.md:6" in failed_build.output.split("missing.py does not exist")[0]


def test_an_expected_failure_that_succeeds_is_an_error(failed_build: Build) -> None:
    text = warning_for(failed_build, "succeeds.py")
    assert "was expected to fail with status 1 but succeeded" in text


def test_bad_excerpts_name_the_definition_fragment_and_python(failed_build: Build) -> None:
    import platform

    missing = warning_for(failed_build, "Pool.no_such_method")
    assert platform.python_version() in missing
    fragment = warning_for(failed_build, "no such text on any line")
    assert "Pool.apply" in fragment and platform.python_version() in fragment


def test_half_a_line_check_is_refused(failed_build: Build) -> None:
    assert ":study-line: and :study-expect-lines: go together" in failed_build.output


def test_studies_over_the_build_budget_are_reported(failed_build: Build) -> None:
    text = warning_for(failed_build, "ordering studies took")
    assert "over the budget of 0.001 s" in text


def test_no_example_process_outlives_the_build(failed_build: Build) -> None:
    survivors = []
    for proc in psutil.process_iter(["cmdline"]):
        cmdline = " ".join(proc.info["cmdline"] or [])
        if "hangs.py" in cmdline or "raises.py" in cmdline:
            survivors.append((proc.pid, cmdline))
    assert survivors == []


def test_a_failed_page_fails_the_next_build_too(
    failed_build: Build, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Sphinx skips unchanged pages; a broken one must be re-read and fail again."""
    src = failed_build.outdir.parent / "failures"
    again = sphinx_build(src, src, failed_build.outdir)
    assert again.returncode != 0
    assert "raises.py exited with status 1" in again.output
    assert "hangs.py timed out" in again.output


def test_rebuilds_run_only_what_changed(tmp_path: Path) -> None:
    src = copy_site("incremental", tmp_path)
    out = tmp_path / "html"
    first = sphinx_build(src, src, out)
    assert first.returncode == 0, first.output
    assert sorted(first.scripts_run()) == ["one.py", "two.py"]

    second = sphinx_build(src, src, out)
    assert second.returncode == 0 and second.scripts_run() == []

    (src / "examples" / "two.py").write_text('print("two has changed")\n')
    third = sphinx_build(src, src, out)
    assert third.returncode == 0 and third.scripts_run() == ["two.py"]
    assert "two has changed" in (out / "two.html").read_text()
    assert "one says hello" in (out / "one.html").read_text()

    # A page re-read for its prose keeps the runs of its unchanged scripts.
    (src / "one.md").write_text((src / "one.md").read_text() + "\nMore prose.\n")
    fourth = sphinx_build(src, src, out)
    assert fourth.returncode == 0 and fourth.scripts_run() == []
    assert "More prose." in (out / "one.html").read_text()
    assert "one says hello" in (out / "one.html").read_text()


def test_each_page_shows_a_run_of_its_own(tmp_path: Path) -> None:
    """The same script with the same options on two pages runs once for each page."""
    import json

    src = copy_site("incremental", tmp_path)
    (src / "three.md").write_text("# Three\n\n```{example} one.py\n```\n")
    index = src / "index.md"
    index.write_text(index.read_text().replace("two\n", "two\nthree\n"))
    build = sphinx_build(src, src, tmp_path / "html")
    assert build.returncode == 0, build.output
    assert sorted(build.scripts_run()) == ["one.py", "one.py", "two.py"]
    manifest = json.loads((tmp_path / "html" / "_pool_guide" / "manifest.json").read_text())
    runs = {r["docname"]: r["run_id"] for r in manifest["runs"]}
    assert runs["one"] != runs["three"]
