"""The lab's bookkeeping, kept out of the measuring scripts: options, the machine, the results.

A lab script measures something and hands each measurement to :class:`Results`:
``results.add(method="map", task_us=10, seconds=[...])``. Keys whose value is a
list of numbers are *metrics*, one number per repeat; every other key names the
point (a *dimension*). ``results.finish()`` prints a table a reader can read in a
terminal and, given ``--json PATH`` (the site's build does this), writes the same
data as JSON for the site's charts, tables and checked claims.

Nothing here changes what is measured: the timing loops are in the scripts.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

#: At least five repeats: the site shows the median and the spread.
DEFAULT_REPEATS = 5


def options(description: str = "") -> argparse.Namespace:
    """``--repeats N`` (default 5) and ``--json PATH`` for every lab script."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--repeats", type=int, default=DEFAULT_REPEATS)
    parser.add_argument("--json", type=Path, help="also write the results here, as JSON")
    return parser.parse_args()


def timed(function: Callable[..., Any], *args: Any, **kwargs: Any) -> float:
    """Seconds one call takes, by the monotonic high-resolution clock."""
    start = time.perf_counter()
    function(*args, **kwargs)
    return time.perf_counter() - start


def busy(seconds: float) -> float:
    """A CPU-bound task of a known length: ``seconds`` of this thread's CPU time.

    It counts CPU time, not the wall clock: a task that waits for a core (or, in a
    thread, for the GIL) does not count the wait as work. So a ThreadPool cannot
    look parallel, and more processes than cores cannot look faster than they are.
    """
    end = time.thread_time() + seconds
    while time.thread_time() < end:
        pass
    return seconds


def machine() -> dict[str, Any]:
    """What the numbers were measured on."""
    model = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    memory = None
    if hasattr(os, "sysconf") and "SC_PHYS_PAGES" in os.sysconf_names:
        memory = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None
    return {
        "cpu": model,
        "cpu_count": os.cpu_count(),
        "usable_cpus": usable,
        "memory_bytes": memory,
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "system": f"{platform.system()} {platform.release()}",
    }


class Results:
    """Measurements of one script: rows of dimensions and per-repeat metrics."""

    def __init__(self, args: argparse.Namespace, **params: Any) -> None:
        self.args = args
        self.params = params  # the workload, as the page describes it
        self.rows: list[dict[str, Any]] = []
        self.marks: list[dict[str, Any]] = []
        self.started = time.perf_counter()

    def add(self, **row: Any) -> None:
        """One point: dimensions (str, int, float) and metrics (lists, one value a repeat)."""
        self.rows.append(row)

    def mark(self, axis: str, value: float, label: str) -> None:
        """A line a chart draws across its x or y axis, e.g. the default chunksize."""
        self.marks.append({"axis": axis, "value": value, "label": label})

    def finish(self) -> None:
        """Print the medians; write the JSON when asked."""
        for row in self.rows:
            shown = []
            for key, value in row.items():
                if isinstance(value, list):
                    shown.append(f"{key}={_short(statistics.median(value))}")
                else:
                    shown.append(f"{key}={value}")
            print("  ".join(shown))
        seconds = time.perf_counter() - self.started
        print(f"({self.args.repeats} repeats, medians shown; {seconds:.1f} s)")
        if self.args.json:
            data = {
                "script": Path(sys.argv[0]).name,
                "repeats": self.args.repeats,
                "machine": machine(),
                "params": self.params,
                "rows": self.rows,
                "marks": self.marks,
                "seconds": round(seconds, 3),
            }
            self.args.json.write_text(json.dumps(data, indent=1), encoding="utf-8")


def _short(value: float) -> str:
    return f"{value:.3g}"
