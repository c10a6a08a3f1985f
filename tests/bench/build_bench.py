"""Benchmark the site build: cold, no change, one example edited, and the floor.

Run it with `nox -s bench` (arguments after `--` come here, e.g. `--repeat 5`).
Every scenario builds a private copy of the site, so the checkout is never edited.
The floor is the same site with example and notebook execution turned off.
Prints medians with min and max, how many scripts each scenario ran (from the
extension's log), and two ratios:

* cold / (floor cold + the examples' own run time): what running examples costs
  beyond the time the scripts themselves take;
* no-change / floor no-change: what the extension adds to a rebuild with nothing to do;
* cold / cold with one CPython: what running every example on the other CPythons found
  costs (docs/versions.md), with the venvs `nox -s docs` made in build/pythons;
* Chinese edition / cold: what the second edition adds to a cold `nox -s docs`. It is
  built from scratch after the cold English build, with that build's runs, and must run
  no script (docs/locale, pool_guide/shared_runs.py).

It also reports which scripts the no-change and one-edit rebuilds ran (none, and the
edited script once per page that shows it), and how many runs were exclusive.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "conf"))
from sphinx_command import JOBS, ZH_CN, edition_args, sphinx_build_args  # noqa: E402

COPIED = ["conf", "docs", "examples"]
FLOOR = ["-D", "pool_guide_execute=0", "-D", "nb_execution_mode=off"]
# The copy runs the other CPythons' examples in the checkout's venvs (made by nox -s docs).
VENVS = ["-D", f"pool_guide_example_venvs={REPO / 'build' / 'pythons'}"]
ONE_PYTHON = ["-D", "pool_guide_compare_versions=0"]


EDITED = "map.py"


@dataclass
class Timing:
    seconds: float
    scripts_run: int
    pages_run: list[str]  # the pages whose examples ran, one entry per run
    compared: int = 0  # runs on the other CPythons


def build(
    site: Path, out: Path, extra: list[str], jobs: str, language: str | None = None
) -> Timing:
    """Build the English site into out/html, or an edition into out/html/<language>."""
    html, doctrees = out / "html", out / "doctrees"
    if language:
        extra = [*extra, *edition_args(language, doctrees)]
        html, doctrees = html / language, out / f"doctrees-{language}"
    started = time.perf_counter()
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            *sphinx_build_args(
                site / "docs",
                site / "conf",
                html,
                doctrees,
                jobs=jobs,
                strict=extra != FLOOR,  # the floor's notebook pages warn that they did not run
            ),
            *VENVS,
            *extra,
        ],
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - started
    if proc.returncode != 0:
        sys.exit(f"build failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")
    # "pool_guide: ran examples/map.py for map (0.07 s)"
    lines = proc.stdout.splitlines()
    ran = [line.split()[4] for line in lines if line.startswith("pool_guide: ran ")]
    compared = sum(line.startswith("pool_guide: compared ") for line in lines)
    return Timing(seconds, len(ran), sorted(ran), compared)


def copy_site(dest: Path) -> Path:
    for name in COPIED:
        shutil.copytree(REPO / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
    return dest


def manifest_runs(out: Path) -> list[dict]:
    return json.loads((out / "html" / "_pool_guide" / "manifest.json").read_text())["runs"]


def run_time(runs: list[dict]) -> float:
    """The scripts' own run time: every run, every run of an ordering study included."""
    return sum(r["study"]["seconds"] if r["study"] else r["duration"] for r in runs)


def scenario_runs(repeat: int, jobs: str) -> tuple[dict[str, list[Timing]], list[dict]]:
    results: dict[str, list[Timing]] = {
        k: []
        for k in (
            "cold",
            "Chinese edition",
            "no-change",
            "edit-one",
            "cold, one CPython",
            "floor cold",
            "floor no-change",
        )
    }
    runs: list[dict] = []
    for i in range(repeat):
        with tempfile.TemporaryDirectory(prefix="pool-guide-bench-") as tmp:
            site = copy_site(Path(tmp) / "site")
            out, floor_out = Path(tmp) / "out", Path(tmp) / "floor"
            results["cold"].append(build(site, out, [], jobs))
            runs = manifest_runs(out)
            results["Chinese edition"].append(build(site, out, [], jobs, language=ZH_CN))
            results["no-change"].append(build(site, out, [], jobs))
            edited = site / "examples" / EDITED
            edited.write_text(edited.read_text() + f"\n# benchmark edit {i}\n")
            results["edit-one"].append(build(site, out, [], jobs))
            one_out = Path(tmp) / "one"
            results["cold, one CPython"].append(build(site, one_out, ONE_PYTHON, jobs))
            results["floor cold"].append(build(site, floor_out, FLOOR, jobs))
            results["floor no-change"].append(build(site, floor_out, FLOOR, jobs))
        print(f"repeat {i + 1}/{repeat} done", file=sys.stderr)
    return results, runs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--jobs", default=JOBS, help=f"sphinx-build -j (default {JOBS})")
    args = parser.parse_args()
    results, runs = scenario_runs(args.repeat, args.jobs)
    median = {k: statistics.median(t.seconds for t in v) for k, v in results.items()}
    scripts = run_time(runs)

    print(f"\nPool Guide build benchmark: -j {args.jobs}, {args.repeat} repeats, medians (min-max)")
    print(f"{'scenario':<18}{'median s':>10}{'min-max s':>16}{'scripts run':>14}")
    for name, timings in results.items():
        secs = [t.seconds for t in timings]
        ran = sorted({t.scripts_run for t in timings})
        print(
            f"{name:<18}{median[name]:>10.2f}{min(secs):>8.2f}-{max(secs):<7.2f}"
            f"{'/'.join(map(str, ran)):>14}"
        )
    using = sorted(r["docname"] for r in runs if r["script"] == f"examples/{EDITED}")
    edit_pages = sorted({p for t in results["edit-one"] for p in t.pages_run})
    exclusive = [r for r in runs if r.get("exclusive")]
    print(f"\nscripts' own run time (every run, studies included): {scripts:.2f} s")
    print(f"runs: {len(runs)} blocks, {len(exclusive)} exclusive ({run_time(exclusive):.2f} s)")
    lab = [r for r in runs if r.get("lab") is not None]
    print(f"the lab: {len(lab)} measurements ({run_time(lab):.2f} s, all exclusive)")
    print(f"edit-one: examples/{EDITED} is shown on {using}; the rebuild ran it for {edit_pages}")
    versions = [v for r in runs for v in r.get("versions", [])]
    elsewhere = sum(v["duration"] for v in versions if v["status"] != "not run")
    print(
        f"other CPythons: {max(t.compared for t in results['cold'])} runs in the cold build, "
        f"{elsewhere:.2f} s of their own run time"
    )
    # The cold build runs every example on every CPython found: all of it is run time.
    cold_ratio = median["cold"] / (median["floor cold"] + scripts + elsewhere)
    print(f"cold / (floor cold + scripts' run time on every CPython) = {cold_ratio:.2f}")
    # Exclusive runs cannot overlap anything, by design: what overlap saves is in the rest.
    alone = run_time(exclusive)
    shared_ratio = (median["cold"] - alone) / (median["floor cold"] + scripts - alone + elsewhere)
    print(f"(cold - exclusive) / (floor cold + shared run time) = {shared_ratio:.2f}")
    one = median["cold, one CPython"] / (median["floor cold"] + scripts)
    print(f"cold with one CPython / (floor cold + scripts' run time) = {one:.2f}")
    print(f"no-change / floor no-change = {median['no-change'] / median['floor no-change']:.2f}")
    print(f"cold / cold with one CPython = {median['cold'] / median['cold, one CPython']:.2f}")
    edition = results["Chinese edition"]
    print(
        f"Chinese edition / cold = {median['Chinese edition'] / median['cold']:.2f}, "
        f"running {max(t.scripts_run for t in edition)} scripts"
    )


if __name__ == "__main__":
    main()
