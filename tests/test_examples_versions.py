"""The versions page's own example: fork in a process with two threads warns from 3.12."""

from __future__ import annotations

import re

import pytest

from conftest import VERSIONS, needs, run_example

WARNING = re.compile(
    r"popen_fork\.py:\d+: DeprecationWarning: This process \(pid=\d+\) is multi-threaded, "
    r"use of fork\(\) may lead to deadlocks in the child\.$"
)


@pytest.mark.parametrize("version", VERSIONS)
def test_fork_with_a_thread_warns_from_3_12_only(version: str) -> None:
    code, lines = run_example("fork_warning.py", python=needs(version))
    assert code == 0
    assert "threads before the pool starts: 2" in lines
    # The squares, whole, on a line of their own or after the warning's line.
    assert any(line.endswith("[0, 1, 4, 9]") for line in lines)
    warnings = [line for line in lines if WARNING.search(line)]
    major, minor = map(int, version.split("."))
    assert len(warnings) == (1 if (major, minor) >= (3, 12) else 0), lines
