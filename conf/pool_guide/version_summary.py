"""What a page's excerpts showed across the CPythons found, said once for the page.

The ``pool-source`` directive records each excerpt's comparison here. The
``excerpt-versions`` directive, placed in a page's introduction, states from those
records, not from typed text, in which exact versions every line the page's notes point
at exists, or names the notes whose line some version lacks.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import SphinxDirective

from . import records
from .excerpt import python_label
from .excerpt_versions import Comparison
from .i18n import _, versions_phrase
from .interpreters import Interpreter, others

STORE = "pool_guide_excerpt_versions"


class excerpt_versions_summary(nodes.General, nodes.Element):
    """Placeholder, filled once the whole page is read."""


def note_comparison(env: BuildEnvironment, qualname: str, comparison: Comparison) -> None:
    records.store(env, STORE).setdefault(env.docname, []).append(
        {
            "qualname": qualname,
            "identical": [i.version for i in comparison.identical],
            "different": [i.version for group, _theirs in comparison.different for i in group],
            "missing": [i.version for i, _why in comparison.missing],
            "notes_missing": {
                fragment: [i.version for i in absent]
                for fragment, absent in comparison.notes_missing.items()
            },
        }
    )


class ExcerptVersionsDirective(SphinxDirective):
    def run(self) -> list[nodes.Node]:
        return [excerpt_versions_summary()]


def _phrase(versions: set[str], known: list[Interpreter]) -> str:
    return versions_phrase([i for i in known if i.version in versions])


def fill(app: Sphinx, doctree: nodes.document) -> None:
    """On ``doctree-read``: the sentence, from this page's comparisons."""
    placeholders = list(doctree.findall(excerpt_versions_summary))
    if not placeholders:
        return
    known = others(app.config.pool_guide_cpythons)
    compared = records.store(app.env, STORE).get(app.env.docname, [])
    if not known:
        text = _(
            "This build found no CPython but its own ({python}), so the excerpts below were "
            "not compared with other versions."
        ).format(python=python_label())
    else:
        everywhere = {i.version for i in known}
        lacking = sorted(
            {(c["qualname"], f, tuple(v)) for c in compared for f, v in c["notes_missing"].items()}
        )
        differ = sorted({c["qualname"] for c in compared if c["different"] or c["missing"]})
        # Translators: followed by the next sentence, after the space
        text = _(
            "This build compared every excerpt on this page with the same definition in "
            "CPython {versions}, read from each one's pool.py. "
        ).format(versions=_phrase(everywhere, known))
        if lacking:
            exceptions = "; ".join(
                # Translators: {fragment}: a quoted text fragment of a line of {qualname}
                _("{fragment} in {qualname} (not in {versions})").format(
                    fragment=repr(fragment), qualname=qualname, versions=_phrase(set(v), known)
                )
                for qualname, fragment, v in lacking
            )
            text += _(
                "Every line the notes point at is in each of them, except: {exceptions}."
            ).format(exceptions=exceptions)
        elif differ:
            text += _(
                "Every line the notes point at is in each of them. Where a definition differs "
                "in other lines, the difference is shown under its excerpt."
            )
        else:
            text += _(
                "Every line the notes point at is in each of them, and every excerpt is "
                "identical in all of them."
            )
    for placeholder in placeholders:
        placeholder.replace_self(nodes.paragraph("", text, classes=["pg-excerpt-versions-summary"]))


class CPythonsDirective(SphinxDirective):
    """The CPythons this build found: exact versions, and which one built the site."""

    def run(self) -> list[nodes.Node]:
        found = [Interpreter.from_data(d) for d in self.config.pool_guide_cpythons]
        listing = nodes.bullet_list(classes=["pg-cpythons"])
        for interpreter in found:
            item = nodes.paragraph()
            item += nodes.strong(f"CPython {interpreter.version}", f"CPython {interpreter.version}")
            if interpreter.builds_the_site:
                # Translators: after "CPython 3.11.7", before the interpreter's path
                role = _(": runs the build and every example; its pool.py is the one quoted, ")
            elif not self.config.pool_guide_compare_versions:
                # Translators: after "CPython 3.11.7", before the interpreter's path
                role = _(": its pool.py is compared with each excerpt, ")
            elif interpreter.example_python:
                # Translators: after "CPython 3.11.7", before the interpreter's path
                role = _(
                    ": its pool.py is compared with each excerpt, and every example runs on it, "
                    "in the virtual environment the build session made for it; "
                )
            else:
                # Translators: after "CPython 3.11.7", before the interpreter's path
                role = _(
                    ": its pool.py is compared with each excerpt, and every example runs on it, "
                    "without the examples' packages (the build session made no environment "
                    "for it); "
                )
            item += nodes.Text(role)
            item += nodes.literal(interpreter.executable, interpreter.executable)
            listing += nodes.list_item("", item)
        if len(found) <= 1:
            note = nodes.paragraph(
                "",
                _(
                    "No other CPython 3.8 or newer was found on the machine that built this "
                    "copy of the site, so the excerpts and the examples' outputs are not "
                    "compared across versions."
                ),
            )
            return [listing, note]
        return [listing]


def setup(app: Sphinx) -> None:
    app.add_directive("cpythons", CPythonsDirective)
    app.add_directive("excerpt-versions", ExcerptVersionsDirective)
    app.add_node(excerpt_versions_summary)
    records.add_store(STORE)
    app.connect("doctree-read", fill)
