"""Evaluate a claim or a number from the lab's data, and say what it evaluated to.

Expressions are Python syntax evaluated by simpleeval (no names, no attribute
access, no imports): comparisons, arithmetic, ``and``/``or``, and the functions
below, which read this build's datasets. Each call's value is recorded, so a
claim can show its evidence: ``median(...) > median(...)`` becomes ``0.41 > 0.087``.
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from simpleeval import InvalidExpression, SimpleEval

from .lab_data import Dataset, LabDataError, format_number


class ClaimError(ValueError):
    """An expression that cannot be evaluated: bad syntax or data it does not find."""


@dataclass(frozen=True)
class Evaluation:
    value: Any
    evidence: str  # the expression with every data lookup replaced by its value
    datasets: tuple[str, ...]  # the datasets it read


def functions(
    load: Callable[[str], Dataset], settings: dict[str, Any] | None = None
) -> dict[str, Callable[..., Any]]:
    """The functions an expression may call; ``load`` finds a dataset by name.

    ``settings`` are the lab's own configuration values (its budget, say), which a
    page may quote rather than repeat.
    """

    def median(name: str, metric: str, **where: Any) -> float:
        return load(name).median(metric, where)

    def low(name: str, metric: str, **where: Any) -> float:
        return min(load(name).values(metric, where))

    def high(name: str, metric: str, **where: Any) -> float:
        return max(load(name).values(metric, where))

    def value(name: str, dimension: str, **where: Any) -> Any:
        row = load(name).row(where)
        if dimension not in row:
            raise LabDataError(f"dataset {name!r} has no dimension {dimension!r}")
        return row[dimension]

    def mark(name: str, label: str) -> float:
        return load(name).mark(label)

    def machine(name: str, key: str) -> Any:
        found = load(name).machine
        if key not in found:
            raise LabDataError(f"dataset {name!r} does not record the machine's {key!r}")
        return found[key]

    def repeats(name: str) -> int:
        return load(name).repeats

    def config(key: str) -> Any:
        if key not in (settings or {}):
            raise LabDataError(f"no lab setting {key!r} (known: {', '.join(settings or {})})")
        return (settings or {})[key]

    return {
        "median": median,
        "low": low,
        "high": high,
        "value": value,
        "mark": mark,
        "machine": machine,
        "repeats": repeats,
        "config": config,
        "min": min,
        "max": max,
        "abs": abs,
    }


def evaluate(
    expression: str, load: Callable[[str], Dataset], settings: dict[str, Any] | None = None
) -> Evaluation:
    """Evaluate ``expression``; raise :class:`ClaimError` with the reason when it cannot."""
    try:
        tree = ast.parse(expression.strip(), mode="eval")
    except SyntaxError as exc:
        raise ClaimError(f"not a valid expression: {exc.msg}") from None
    names: list[str] = []

    def loading(name: str) -> Dataset:
        if name not in names:
            names.append(name)
        return load(name)

    known = functions(loading, settings)
    shown: dict[int, Any] = {}  # id of a Call node -> what it returned
    evaluator = SimpleEval(functions=known, names={})

    original = evaluator.nodes[ast.Call]

    def call(node: ast.Call) -> Any:
        result = original(node)
        shown[id(node)] = result
        return result

    evaluator.nodes[ast.Call] = call
    try:
        value = evaluator.eval(expression.strip(), previously_parsed=tree.body)
    except LabDataError as exc:
        raise ClaimError(str(exc)) from None
    except (InvalidExpression, TypeError, ValueError, ZeroDivisionError) as exc:
        raise ClaimError(f"{type(exc).__name__}: {exc}") from None
    return Evaluation(value, _evidence(tree, shown), tuple(names))


def format_value(value: Any, spec: str = "") -> str:
    if spec:
        try:
            return format(value, spec)
        except (TypeError, ValueError) as exc:
            raise ClaimError(f"format {spec!r} does not apply to {value!r}: {exc}") from None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return format_number(float(value)) if isinstance(value, float) else f"{value:,}"
    return str(value)


class _ShowValues(ast.NodeTransformer):
    def __init__(self, shown: dict[int, Any]) -> None:
        self.shown = shown

    def visit_Call(self, node: ast.Call) -> ast.AST:
        if id(node) in self.shown:
            found = self.shown[id(node)]
            if isinstance(found, str):  # quoted, so it reads as the text it is
                return ast.Constant(found)
            return ast.Name(id=format_value(found))
        return self.generic_visit(node)


def _evidence(tree: ast.Expression, shown: dict[int, Any]) -> str:
    return ast.unparse(_ShowValues(shown).visit(tree))
