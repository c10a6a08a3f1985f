"""The error-message index: every exception or warning line the site's outputs printed.

Two directives:

* ``explains REGEX`` marks the section it sits in as the one that explains the messages
  the regular expression matches (searched in the masked message line).
* ``error-index`` is the generated list: each distinct message (masked by
  :mod:`messages`), the outputs that printed it and the sections that explain it.

After every page is read, the build warns about a message no section explains, and about
an ``explains`` that matches no message any more. The index page is re-read on every
build, like the report pages, so it always covers every run.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from . import records
from .i18n import _
from .messages import Message, find_messages, slug

logger = logging.getLogger(__name__)

EXPLAINS = "pool_guide_explains"
#: A printer's name for a notebook cell's output (in the build's warnings; translated where
#: the index shows it).
NOTEBOOK_CELL = "a notebook cell"
NOTEBOOK_MESSAGES = "pool_guide_notebook_messages"
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


class explains_marker(nodes.Invisible, nodes.Element):
    """Where an ``explains`` directive stood; replaced by nothing once its section is known."""


class error_index(nodes.General, nodes.Element):
    """Placeholder for the generated index."""


@dataclass(frozen=True)
class Explanation:
    pattern: str
    docname: str
    anchor: str  # the id of the section it sits in: its label
    title: str
    lineno: int


@dataclass(frozen=True)
class Printer:
    """An output that printed a message: an example's run, or a notebook cell's output."""

    docname: str
    anchor: str
    name: str  # the script's file name, or "a notebook cell"
    lineno: int


@dataclass
class Entry:
    """One distinct message: who printed it and who explains it."""

    message: Message
    printed_by: list[Printer] = field(default_factory=list)
    explained_by: list[Explanation] = field(default_factory=list)


class ExplainsDirective(SphinxDirective):
    """``explains REGEX``: this section explains the messages the expression matches."""

    required_arguments = 1
    final_argument_whitespace = True
    option_spec = {"class": directives.class_option}

    def run(self) -> list[nodes.Node]:
        pattern = self.arguments[0]
        try:
            re.compile(pattern)
        except re.error as exc:
            raise self.error(f"explains: {pattern!r} is not a regular expression: {exc}") from None
        return [explains_marker(pattern=pattern, lineno=self.lineno)]


def note_explanations(app: Sphinx, doctree: nodes.document) -> None:
    """On ``doctree-read``: record each marker with its section's label, then drop it."""
    env = app.env
    std_labels = env.domaindata["std"]["anonlabels"]
    found = []
    for marker in list(doctree.findall(explains_marker)):
        # The nearest enclosing section that has a label (a sub-heading may have none).
        section, labelled = marker.parent, []
        while section is not None and not labelled:
            if isinstance(section, nodes.section):
                labelled = [
                    i for i in section["ids"] if std_labels.get(i, (None,))[0] == env.docname
                ]
            if not labelled:
                section = section.parent
        if not labelled:
            logger.warning(
                "explains %r: no section around it has a label to link to",
                marker["pattern"],
                location=(env.docname, marker["lineno"]),
                type="pool_guide",
                subtype="errors",
            )
        else:
            title = section.next_node(nodes.title).astext()
            found.append(
                Explanation(marker["pattern"], env.docname, labelled[0], title, marker["lineno"])
            )
        marker.parent.remove(marker)
    records.store(env, EXPLAINS)[env.docname] = [e.__dict__ for e in found]
    records.store(env, NOTEBOOK_MESSAGES)[env.docname] = _notebook_messages(doctree, std_labels)


def _notebook_messages(doctree: nodes.document, std_labels: dict) -> list[dict]:
    """The messages in a notebook page's cell outputs, each with its section's label."""
    found = []
    for cell in doctree.findall(nodes.container):
        if "cell_output" not in cell["classes"]:
            continue
        section, anchor = cell.parent, ""
        while section is not None and not anchor:
            if isinstance(section, nodes.section):
                anchor = next((i for i in section["ids"] if i in std_labels), "")
            section = section.parent
        for message in find_messages(_ANSI.sub("", cell.astext())):
            found.append(
                {
                    "kind": message.kind,
                    "text": message.text,
                    "anchor": anchor,
                    "lineno": cell.line or 0,
                }
            )
    return found


def explanations(env: BuildEnvironment) -> list[Explanation]:
    store = records.store(env, EXPLAINS)
    return [Explanation(**e) for d in sorted(store) for e in store[d]]


def entries(env: BuildEnvironment) -> list[Entry]:
    """Every distinct message printed on the site, sorted by kind and text."""
    by_message: dict[Message, Entry] = {}
    for run in records.runs(env):
        printer = Printer(run.docname, run.anchor, run.script.rsplit("/", 1)[-1], run.lineno)
        for message in find_messages(run.output):
            by_message.setdefault(message, Entry(message)).printed_by.append(printer)
    notebooks = records.store(env, NOTEBOOK_MESSAGES)
    for docname in sorted(notebooks):
        for found in notebooks[docname]:
            message = Message(found["kind"], found["text"])
            printer = Printer(docname, found["anchor"], NOTEBOOK_CELL, found["lineno"])
            by_message.setdefault(message, Entry(message)).printed_by.append(printer)
    known = explanations(env)
    for entry in by_message.values():
        entry.explained_by = [e for e in known if re.search(e.pattern, entry.message.line)]
    return sorted(by_message.values(), key=lambda e: (_short(e.message.kind), e.message.text))


def _short(kind: str) -> str:
    return kind.rsplit(".", 1)[-1].lower()


def check_explained(app: Sphinx, env: BuildEnvironment) -> None:
    """On ``env-check-consistency``: every message explained, every explanation used."""
    all_entries = entries(env)
    for entry in all_entries:
        if not entry.explained_by:
            printer = entry.printed_by[0]
            logger.warning(
                "the output of %s prints %r, and no section explains it: add "
                "```{explains} REGEX``` to the section that does",
                printer.name,
                entry.message.line,
                location=(printer.docname, printer.lineno),
                type="pool_guide",
                subtype="errors",
            )
    used = {(e.docname, e.lineno) for entry in all_entries for e in entry.explained_by}
    for explanation in explanations(env):
        if (explanation.docname, explanation.lineno) not in used:
            logger.warning(
                "explains %r matches no message printed on the site",
                explanation.pattern,
                location=(explanation.docname, explanation.lineno),
                type="pool_guide",
                subtype="errors",
            )


class ErrorIndexDirective(SphinxDirective):
    def run(self) -> list[nodes.Node]:
        records.note_report_page(self.env, self.env.docname)
        return [error_index()]


def _link(app: Sphinx, fromdoc: str, todoc: str, anchor: str, text: str) -> nodes.reference:
    uri = app.builder.get_relative_uri(fromdoc, todoc) + f"#{anchor}"
    return nodes.reference("", text, refuri=uri, internal=True)


def _page_title(env: BuildEnvironment, docname: str) -> str:
    return env.titles[docname].astext() if docname in env.titles else docname


def _printer_name(printer: Printer) -> str:
    """The name the index shows: a script's file name, or "a notebook cell" translated."""
    if printer.name == NOTEBOOK_CELL:
        # Translators: link text: the output that printed a message was a notebook cell's
        return _("a notebook cell")
    return printer.name


def fill_error_index(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """On ``doctree-resolved``: the list, one item per message, with its id from its text."""
    env = app.env
    for placeholder in list(doctree.findall(error_index)):
        listing = nodes.bullet_list(classes=["pg-error-index"])
        for entry in entries(env):
            item = nodes.list_item(ids=[slug(entry.message)], classes=["pg-error-entry"])
            item += nodes.paragraph("", "", nodes.literal(entry.message.line, entry.message.line))
            # Translators: followed by links to sections, separated by commas
            explained = nodes.paragraph("", _("Explained in "))
            for n, e in enumerate(entry.explained_by):
                if n:
                    explained += nodes.Text(", ")
                explained += _link(app, docname, e.docname, e.anchor, e.title)
            item += explained
            # Translators: followed by "<page title>: " and links to the example scripts
            printed = nodes.paragraph("", _("Printed by "))
            by_page: dict[str, list[Printer]] = defaultdict(list)
            for printer in entry.printed_by:
                shown = [(p.anchor, p.name) for p in by_page[printer.docname]]
                if (printer.anchor, printer.name) not in shown:  # cells of one section: once
                    by_page[printer.docname].append(printer)
            for n, (page, printers) in enumerate(sorted(by_page.items())):
                if n:
                    printed += nodes.Text("; ")
                printed += nodes.Text(f"{_page_title(env, page)}: ")
                for m, printer in enumerate(printers):
                    if m:
                        printed += nodes.Text(", ")
                    printed += _link(app, docname, page, printer.anchor, _printer_name(printer))
            item += printed
            listing += item
        placeholder.replace_self(listing)


def setup(app: Sphinx) -> None:
    app.add_directive("explains", ExplainsDirective)
    app.add_directive("error-index", ErrorIndexDirective)
    app.add_node(explains_marker)
    app.add_node(error_index)
    records.add_store(EXPLAINS)
    records.add_store(NOTEBOOK_MESSAGES)
    app.connect("doctree-read", note_explanations)
    app.connect("env-check-consistency", check_explained)
    app.connect("doctree-resolved", fill_error_index)
