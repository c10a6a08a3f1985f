"""Benchmark the site build: cold, no change, one example edited, and the floor.

Run it with `nox -s bench` (arguments after `--` come here, e.g. `--repeat 5`).
Every scenario builds a private copy of the site, so the checkout is never edited.
The floor is the same site with example and notebook execution turned off.
Prints medians with min and max, how many scripts each scenario ran (from the
extension's log), and two ratios:

* cold / (floor cold + the examples' own run time): what running examples costs
  beyond the time the scripts themselves take;
* no-change / floor no-change: what the extension adds to a rebuild with nothing to do.
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
COPIED = ["conf", "docs", "examples"]
FLOOR = ["-D", "pool_guide_execute=0", "-D", "nb_execution_mode=off"]


@dataclass
class Timing:
    seconds: float
    scripts_run: int


def build(site: Path, out: Path, extra: list[str]) -> Timing:
    started = time.perf_counter()
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-c",
            str(site / "conf"),
            "-b",
            "html",
            "-d",
            str(out / "doctrees"),
            *extra,
            str(site / "docs"),
            str(out / "html"),
        ],
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - started
    if proc.returncode != 0:
        sys.exit(f"build failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")
    ran = sum(line.startswith("pool_guide: ran ") for line in proc.stdout.splitlines())
    return Timing(seconds, ran)


def copy_site(dest: Path) -> Path:
    for name in COPIED:
        shutil.copytree(REPO / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
    return dest


def examples_run_time(out: Path) -> float:
    manifest = json.loads((out / "html" / "_pool_guide" / "manifest.json").read_text())
    return sum(r["study"]["seconds"] if r["study"] else r["duration"] for r in manifest["runs"])


def scenario_runs(repeat: int) -> tuple[dict[str, list[Timing]], float]:
    results: dict[str, list[Timing]] = {
        k: [] for k in ("cold", "no-change", "edit-one", "floor cold", "floor no-change")
    }
    run_time = 0.0
    for i in range(repeat):
        with tempfile.TemporaryDirectory(prefix="pool-guide-bench-") as tmp:
            site = copy_site(Path(tmp) / "site")
            out, floor_out = Path(tmp) / "out", Path(tmp) / "floor"
            results["cold"].append(build(site, out, []))
            run_time = examples_run_time(out)
            results["no-change"].append(build(site, out, []))
            edited = site / "examples" / "map.py"
            edited.write_text(edited.read_text() + f"\n# benchmark edit {i}\n")
            results["edit-one"].append(build(site, out, []))
            results["floor cold"].append(build(site, floor_out, FLOOR))
            results["floor no-change"].append(build(site, floor_out, FLOOR))
        print(f"repeat {i + 1}/{repeat} done", file=sys.stderr)
    return results, run_time


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    results, run_time = scenario_runs(args.repeat)
    median = {k: statistics.median(t.seconds for t in v) for k, v in results.items()}

    print(f"\nPool Guide build benchmark: {args.repeat} repeats, medians (min-max)")
    print(f"{'scenario':<18}{'median s':>10}{'min-max s':>16}{'scripts run':>14}")
    for name, timings in results.items():
        secs = [t.seconds for t in timings]
        ran = sorted({t.scripts_run for t in timings})
        print(
            f"{name:<18}{median[name]:>10.2f}{min(secs):>8.2f}-{max(secs):<7.2f}"
            f"{'/'.join(map(str, ran)):>14}"
        )
    print(f"\nexamples' own run time (from the execution report): {run_time:.2f} s")
    cold_ratio = median["cold"] / (median["floor cold"] + run_time)
    print(f"cold / (floor cold + examples' run time) = {cold_ratio:.2f}")
    print(f"no-change / floor no-change = {median['no-change'] / median['floor no-change']:.2f}")


if __name__ == "__main__":
    main()
