"""The ``label-index`` directive: every citable label of the site, with its page and title.

Filled after all pages are read, from Sphinx's own label table, so it can never
list a label that does not exist or miss one that does. Its page is re-read on
every build, like the report pages.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from . import records

# Labels Sphinx itself defines on every site.
_BUILTIN = {"genindex", "modindex", "search", "py-modindex"}


class label_index(nodes.General, nodes.Element):
    """Placeholder for the label table."""


class LabelIndexDirective(SphinxDirective):
    def run(self) -> list[nodes.Node]:
        records.note_report_page(self.env, self.env.docname)
        return [label_index()]


def fill_label_index(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    labels = app.env.domaindata["std"]["labels"]
    for placeholder in list(doctree.findall(label_index)):
        table = nodes.bullet_list(classes=["pg-label-index"])
        for name in sorted(labels):
            if name in _BUILTIN:
                continue
            todoc, anchor, title = labels[name]
            uri = app.builder.get_relative_uri(docname, todoc) + f"#{anchor}"
            para = nodes.paragraph()
            para += nodes.literal(text=name)
            para += nodes.Text(": ")
            para += nodes.reference("", title or anchor, refuri=uri, internal=True)
            table += nodes.list_item("", para)
        placeholder.replace_self(table)
