"""The lab's datasets: what a measuring script wrote, kept in the Sphinx environment.

A lab script (examples/performance/) writes JSON through its ``labkit``: rows of
*dimensions* (scalars naming a point) and *metrics* (lists, one number per
repeat). The ``measure`` directive stores that JSON here under a dataset name,
with the page that ran it. Charts, tables, claims and numbers in prose read it
through :class:`Dataset`, on any page, once every page has been read.
"""

from __future__ import annotations

import json
import statistics
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment

from .i18n import _

#: env attribute: {docname: {dataset name: data}} for the pages that ran them.
STORE = "pool_guide_lab"
#: env attribute: {docname: [dataset names the page reads]}.
USES = "pool_guide_lab_uses"


class LabDataError(LookupError):
    """A dataset, a row or a metric that the data does not have; the message says which."""


def _store(env: BuildEnvironment, name: str) -> dict[str, Any]:
    if not hasattr(env, name):
        setattr(env, name, {})
    return getattr(env, name)


def add_dataset(env: BuildEnvironment, docname: str, name: str, data: dict[str, Any]) -> None:
    _store(env, STORE).setdefault(docname, {})[name] = data


def note_use(env: BuildEnvironment, docname: str, name: str) -> None:
    uses = _store(env, USES).setdefault(docname, [])
    if name not in uses:
        uses.append(name)


def producers(env: BuildEnvironment) -> dict[str, str]:
    """{dataset name: the page that measured it}."""
    return {name: doc for doc, sets in _store(env, STORE).items() for name in sets}


def dataset(env: BuildEnvironment, name: str) -> Dataset:
    for sets in _store(env, STORE).values():
        if name in sets:
            return Dataset(name, sets[name])
    known = ", ".join(sorted(producers(env))) or "none"
    raise LabDataError(f"no dataset {name!r} was measured in this build (known: {known})")


def joined(env: BuildEnvironment, names: list[str]) -> Dataset:
    """Several datasets read as one: their rows one after the other (same kinds of rows)."""
    parts = [dataset(env, name) for name in names]
    if len(parts) == 1:
        return parts[0]
    data = dict(parts[0].data)
    data["rows"] = [row for part in parts for row in part.rows]
    data["repeats"] = min(part.repeats for part in parts)
    data["marks"] = [mark for part in parts for mark in part.data.get("marks", [])]
    # Translators: joins the dates of datasets measured at different times.
    data["ran_at"] = str(_(" and ")).join(
        sorted({str(part.data.get("ran_at", "?")) for part in parts})
    )
    return Dataset(" + ".join(names), data)


def all_datasets(env: BuildEnvironment) -> list[Dataset]:
    return [Dataset(n, d) for sets in _store(env, STORE).values() for n, d in sorted(sets.items())]


def duplicate_names(env: BuildEnvironment, docname: str, name: str) -> str | None:
    """The other page that already measured a dataset of this name, if any."""
    owner = producers(env).get(name)
    return owner if owner not in (None, docname) else None


def read_measurements(path: Path, config: Config) -> tuple[dict[str, Any] | None, str]:
    """A lab script's JSON, checked: (data, "") or (None, what is wrong with it)."""
    if not path.is_file():
        return None, "it wrote no measurements (is results.finish() called?)"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except ValueError as exc:
        return None, f"its measurements are not valid JSON ({exc})"
    for key in ("repeats", "machine", "rows"):
        if key not in data:
            return None, f"its measurements have no {key!r}"
    if not data["rows"]:
        return None, "it measured nothing (no rows)"
    least = config.pool_guide_lab_min_repeats
    if data["repeats"] < least:
        return None, f"it repeated each measurement {data['repeats']} times; at least {least}"
    for number, row in enumerate(data["rows"], 1):
        for key, value in row.items():
            if is_metric(value) and len(value) != data["repeats"] and not row.get("repeats_note"):
                return None, (
                    f"row {number} has {len(value)} values of {key!r} for "
                    f"{data['repeats']} repeats (a row measured fewer times says why in "
                    "'repeats_note')"
                )
    return data, ""


# -- Sphinx events -------------------------------------------------------------


def purge_doc(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    for name in (STORE, USES):
        _store(env, name).pop(docname, None)


def merge_info(
    app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment
) -> None:
    for name in (STORE, USES):
        mine, theirs = _store(env, name), _store(other, name)
        for docname in docnames:
            if docname in theirs:
                mine[docname] = theirs[docname]


def outdated_readers(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Pages that read a dataset measured on a page being read again: their numbers change."""
    made_by = producers(env)
    moving = {name for name, doc in made_by.items() if doc in changed | removed}
    return sorted(
        doc
        for doc, names in _store(env, USES).items()
        if doc in env.found_docs and moving.intersection(names)
    )


# -- Reading a dataset -----------------------------------------------------------


@dataclass(frozen=True)
class Dataset:
    """One script's measurements, with the questions pages ask of them."""

    name: str
    data: dict[str, Any]

    @property
    def rows(self) -> list[dict[str, Any]]:
        return self.data["rows"]

    @property
    def repeats(self) -> int:
        return self.data["repeats"]

    @property
    def machine(self) -> dict[str, Any]:
        return self.data["machine"]

    def select(self, where: dict[str, Any]) -> list[dict[str, Any]]:
        """The rows whose dimensions equal every value in ``where`` (compared as text too)."""
        for key in where:
            if not any(key in row for row in self.rows):
                raise LabDataError(f"dataset {self.name!r} has no dimension {key!r}")
        return [row for row in self.rows if all(_same(row.get(k), v) for k, v in where.items())]

    def row(self, where: dict[str, Any]) -> dict[str, Any]:
        found = self.select(where)
        if len(found) != 1:
            shown = ", ".join(f"{k}={v!r}" for k, v in where.items()) or "(no filter)"
            raise LabDataError(
                f"{len(found)} rows of dataset {self.name!r} match {shown}; exactly one must"
            )
        return found[0]

    def values(self, metric: str, where: dict[str, Any]) -> list[float]:
        row = self.row(where)
        if not isinstance(row.get(metric), list):
            raise LabDataError(f"dataset {self.name!r} has no metric {metric!r} in that row")
        return [float(v) for v in row[metric]]

    def median(self, metric: str, where: dict[str, Any]) -> float:
        return statistics.median(self.values(metric, where))

    def mark(self, label: str) -> float:
        for mark in self.data.get("marks", []):
            if mark["label"] == label:
                return float(mark["value"])
        raise LabDataError(f"dataset {self.name!r} has no mark {label!r}")


def is_metric(value: Any) -> bool:
    return isinstance(value, list)


def dimensions(rows: list[dict[str, Any]]) -> list[str]:
    keys: list[str] = []
    for row in rows:
        keys += [k for k, v in row.items() if not is_metric(v) and k not in keys]
    return keys


def _same(have: Any, want: Any) -> bool:
    if have == want:
        return True
    # ":where: chunksize=1" arrives as text; the JSON holds the number.
    return have is not None and str(have) == str(want)


def summary(values: list[float]) -> tuple[float, float, float]:
    """Median, min and max: the site shows the median with the full spread of the repeats."""
    return statistics.median(values), min(values), max(values)


def format_number(value: float) -> str:
    """Three significant figures, grouped thousands: 0.0123, 4.56, 789, 12,300."""
    if value != value:  # NaN
        # Translators: a number that could not be measured, in a table or a chart.
        return str(_("n/a"))
    if abs(value) >= 1000:
        return f"{float(f'{value:.3g}'):,.0f}"
    return f"{value:.3g}"
