"""Roles that write the exact CPython versions of this build into prose, from its data.

``{cpython}`main``` is the version that built the site, ``3.11.7``. ``{cpythons}`all```
lists every CPython the build found; ``3.12+``, ``-3.11`` and ``3.9-3.12`` pick those of
some minor versions (inclusive). A sentence such as "the same on {cpythons}`all`" thus
names the versions this build really compared, never a list typed by hand.
"""

from __future__ import annotations

from docutils import nodes
from docutils.parsers.rst.states import Inliner
from sphinx.application import Sphinx

from .i18n import _, versions_phrase
from .interpreters import Interpreter


def _minor(text: str) -> tuple[int, int]:
    major, minor = text.split(".")[:2]
    return int(major), int(minor)


def pick(found: list[Interpreter], spec: str) -> list[Interpreter]:
    """The interpreters a spec names: ``all``, ``main``, ``3.12+``, ``-3.11``, ``3.9-3.12``."""
    spec = spec.strip()
    if spec == "all":
        return sorted(found)
    if spec == "main":
        return [i for i in found if i.builds_the_site]
    if spec.endswith("+"):
        low, high = _minor(spec[:-1]), (99, 99)
    elif spec.startswith("-"):
        low, high = (0, 0), _minor(spec[1:])
    elif "-" in spec:
        first, last = spec.split("-")
        low, high = _minor(first), _minor(last)
    else:
        low = high = _minor(spec)
    return sorted(i for i in found if low <= i.version_info[:2] <= high)


def _role(name, rawtext, text, lineno, inliner: Inliner, options=None, content=None):
    config = inliner.document.settings.env.config
    found = [Interpreter.from_data(d) for d in config.pool_guide_cpythons]
    spec = "main" if name == "cpython" else text
    try:
        chosen = pick(found, spec)
    except ValueError:
        message = inliner.reporter.error(
            f"{{{name}}} takes all, main, 3.12+, -3.11 or 3.9-3.12, not {text!r}", line=lineno
        )
        return [inliner.problematic(rawtext, rawtext, message)], [message]
    if not chosen:  # a build with fewer CPythons: true, and not an error
        return [nodes.inline(text=_("none of the CPythons this build found"))], []
    return [nodes.inline(text=versions_phrase(chosen), classes=["pg-cpythons-inline"])], []


def setup(app: Sphinx) -> None:
    app.add_role("cpython", _role)
    app.add_role("cpythons", _role)
