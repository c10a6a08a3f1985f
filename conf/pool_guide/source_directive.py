"""The ``pool-source`` directive: a definition from this interpreter's pool.py, annotated.

Usage::

    ```{pool-source} Pool.apply
    :from: return self.apply_async
    - `return self.apply_async` `apply` is `apply_async(...)` followed by `get()`.
    ```

Each content item starts with a backquoted text fragment, which picks the line the
note is about (fragments, not line numbers, survive CPython's edits), then the
note in MyST. The excerpt is shown dedented, with pool.py's own line numbers; each
note sits beside its line (annotated_excerpt.py), and every line has its own anchor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from docutils import nodes
from docutils.parsers.rst import directives
from docutils.statemachine import StringList
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import make_id

from . import excerpt, excerpt_versions, records, version_summary
from .annotated_excerpt import annotated_excerpt, dedent, note_node
from .example_directive import EXTENSION_FILES
from .i18n import _, versions_phrase
from .interpreters import Interpreter, others
from .tables import details

logger = logging.getLogger(__name__)

_NOTE_START = re.compile(r"^- `(?P<fragment>[^`]+)`\s*(?P<text>.*)$")


@dataclass(frozen=True)
class Note:
    fragment: str
    text: list[str]
    content_offset: int


def parse_notes(lines: list[str]) -> list[Note]:
    """Split the directive's content into notes: "- `fragment` text", indented continuations."""
    notes: list[Note] = []
    for offset, line in enumerate(lines):
        match = _NOTE_START.match(line)
        if match:
            notes.append(Note(match["fragment"], [match["text"]], offset))
        elif line.strip() and notes and line.startswith(" "):
            notes[-1].text.append(line.strip())
        elif line.strip():
            raise ValueError(
                f"content line {offset + 1} is not a note: start each note with "
                "'- `text on the line` ' and indent its continuation lines"
            )
    return notes


class PoolSourceDirective(SphinxDirective):
    """Quote a definition of multiprocessing/pool.py with its real line numbers."""

    required_arguments = 1
    has_content = True
    option_spec = {
        "from": directives.unchanged_required,  # first shown line: a text fragment
        "to": directives.unchanged_required,  # last shown line: a text fragment
        "emphasize": directives.unchanged_required,  # fragments, separated by " | "
        "caption": directives.unchanged_required,
        "name": directives.unchanged,
    }

    def run(self) -> list[nodes.Node]:
        qualname = self.arguments[0]
        for dependency in EXTENSION_FILES:
            self.env.note_dependency(dependency)
        try:
            notes = parse_notes(list(self.content))
            found = excerpt.find(qualname)
            shown = found.narrowed(self.options.get("from"), self.options.get("to"))
            note_lines = [shown.line_of(n.fragment) for n in notes]
            extra = [
                shown.line_of(f.strip())
                for f in self.options.get("emphasize", "").split(" | ")
                if f.strip()
            ]
        except (excerpt.ExcerptError, ValueError) as exc:
            logger.warning(
                "pool-source %s: %s",
                qualname,
                exc,
                location=self.get_location(),
                type="pool_guide",
                subtype="excerpt",
            )
            return []

        records.add_excerpt(
            self.env,
            records.ExcerptRecord(
                docname=self.env.docname,
                qualname=qualname,
                path=str(shown.path),
                start=shown.start,
                end=shown.end,
                python_version=excerpt.python_label(),
            ),
        )
        container = nodes.container(classes=["pg-excerpt-block"])
        self.add_name(container)
        anchor = make_id(self.env, self.state.document, "pool-py", qualname)
        container["ids"].append(anchor)
        self.state.document.ids[anchor] = container
        caption = nodes.paragraph("", self._caption(shown), classes=["pg-excerpt-caption"])
        caption += nodes.reference(
            "",
            "#",
            refuri=f"#{anchor}",
            classes=["headerlink"],
            reftitle=str(_("Link to this excerpt")),
        )
        container += caption
        comparison = excerpt_versions.compare(
            shown,
            self.options.get("from"),
            self.options.get("to"),
            [n.fragment for n in notes],
            others(self.config.pool_guide_cpythons),
        )
        version_summary.note_comparison(self.env, qualname, comparison)
        container += self._annotated(shown, anchor, notes, note_lines, extra, comparison)
        container += self._link(shown)
        container += self._versions(shown, comparison)
        return [container]

    def _versions(self, shown: excerpt.Excerpt, comparison: excerpt_versions.Comparison) -> list:
        """Where the other CPythons found have the same lines, and how the others differ."""
        if not comparison.compared:
            return []
        mine = excerpt.python_label()
        para = nodes.paragraph(classes=["pg-excerpt-versions"])
        said = []
        # One sentence: "Identical in CPython 3.8.18; different in 3.13.0: read by this build
        # from each one's pool.py."
        if comparison.identical:
            said.append(
                # Translators: the first of the clauses joined by "; " (its first letter is
                # capitalised) before ": read by this build from each one's pool.py."
                _("Identical in CPython {versions}").format(
                    versions=versions_phrase(comparison.identical)
                )
            )
        for group, _theirs in comparison.different:
            said.append(_("different in {versions}").format(versions=versions_phrase(group)))
        for interpreter, why in comparison.missing:
            said.append(_("not in {version} ({why})").format(version=interpreter.version, why=why))
        text = "; ".join(said)
        para += nodes.Text(
            # Translators: {comparisons}: "Identical in CPython 3.8.18; different in 3.13.0"
            _("{comparisons}: read by this build from each one's pool.py.").format(
                comparisons=text[0].upper() + text[1:]
            )
        )
        found = [para]
        for group, theirs in comparison.different:
            first = group[0]
            diff = excerpt_versions.unified_diff(
                shown, mine, theirs, f"CPython {versions_phrase(group)}"
            )
            body = nodes.container(classes=["pg-excerpt-diff"])
            body += nodes.literal_block(diff, diff, language="diff")
            links = nodes.paragraph("", _("The same lines on GitHub: "))
            for n, interpreter in enumerate(group):
                if n:
                    links += nodes.Text(", ")
                links += nodes.reference(
                    "",
                    f"CPython {interpreter.tag}",
                    refuri=excerpt_versions.github_url(interpreter, theirs),
                    internal=False,
                )
            body += links
            if len(group) == 1:
                summary = _("How CPython {versions} differs from {mine}")
            else:
                summary = _(
                    "How CPython {versions} differ from {mine} (the same in each; lines as in "
                    "{version})"
                )
            summary = summary.format(
                versions=versions_phrase(group), mine=mine, version=first.version
            )
            found += details(summary, body, wrap=False)
        return found

    def _caption(self, shown: excerpt.Excerpt) -> str:
        if shown.end > shown.start:
            where = _("lines {first}-{last}").format(first=shown.start, last=shown.end)
        else:
            where = _("line {number}").format(number=shown.start)
        label = self.options.get("caption", shown.qualname)
        return f"{label} · pool.py {where} · {excerpt.python_label()} "

    def _link(self, shown: excerpt.Excerpt) -> nodes.Node:
        url = shown.github_url()
        para = nodes.paragraph(classes=["pg-excerpt-link"])
        if url is None:
            para += nodes.Text(
                _("Read from this build's interpreter (not CPython: no GitHub link).")
            )
        else:
            para += nodes.Text(_("Read from this build's interpreter; the same lines on GitHub: "))
            para += nodes.reference(
                "",
                f"CPython {excerpt.cpython_tag()}, pool.py#{url.rsplit('#', 1)[1]}",
                refuri=url,
                internal=False,
            )
        return para

    def _annotated(
        self,
        shown: excerpt.Excerpt,
        anchor: str,
        notes: list[Note],
        lines: list[int],
        marked: list[int],
        comparison: excerpt_versions.Comparison,
    ) -> annotated_excerpt:
        """The lines, dedented, with the notes in line order beside them."""
        text, width = dedent(list(shown.lines))
        ordered = sorted(zip(lines, notes, strict=True), key=lambda pair: pair[0])
        node = annotated_excerpt(
            anchor=anchor,
            first=shown.start,
            lines=text,
            dedent=width,
            note_lines=[line for line, _note in ordered],
            marked=sorted(set(lines) | set(marked)),
            classes=["pg-excerpt"],
        )
        for number, (line, note) in enumerate(ordered, 1):
            body = nodes.container()
            text_lines = StringList(note.text, source=self.get_source_info()[0])
            self.state.nested_parse(text_lines, self.content_offset + note.content_offset, body)
            absent: list[Interpreter] = comparison.notes_missing.get(note.fragment, [])
            if absent:
                body += nodes.paragraph(
                    "",
                    _("This line is not in CPython {versions}.").format(
                        versions=versions_phrase(absent)
                    ),
                    classes=["pg-note-versions"],
                )
            node += note_node(anchor, number, line, body)
        return node
