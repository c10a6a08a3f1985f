"""The changelog's versions, and the roles that write this build's versions into prose."""

from __future__ import annotations

from pool_guide.cpython_roles import pick
from pool_guide.interpreters import Interpreter
from pool_guide.version_changes import is_after, parse_version


def interpreter(version: str, main: bool = False) -> Interpreter:
    info = tuple(int(p) for p in version.split("."))
    return Interpreter(info, version, f"v{version}", f"/py/{version}", "/pool.py", main)


FOUND = [
    interpreter("3.8.18"),
    interpreter("3.9.18"),
    interpreter("3.11.7", main=True),
    interpreter("3.13.0"),
]


def test_a_change_in_a_minor_or_a_patch_release() -> None:
    assert is_after((3, 13, 0), parse_version("3.13"))
    assert not is_after((3, 12, 1), parse_version("3.13"))
    assert not is_after((3, 13, 0), parse_version("3.13.8"))  # a later patch of 3.13
    assert is_after((3, 13, 8), parse_version("3.13.8"))
    assert is_after((3, 14, 0), parse_version("3.13.8"))


def test_the_roles_pick_versions_by_minor_range() -> None:
    def names(spec: str) -> list[str]:
        return [i.version for i in pick(FOUND, spec)]

    assert names("all") == ["3.8.18", "3.9.18", "3.11.7", "3.13.0"]
    assert names("main") == ["3.11.7"]
    assert names("3.11+") == ["3.11.7", "3.13.0"]
    assert names("-3.9") == ["3.8.18", "3.9.18"]
    assert names("3.9-3.11") == ["3.9.18", "3.11.7"]
    assert names("3.12") == []
