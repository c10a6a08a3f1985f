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
from .i18n import _

# Labels Sphinx itself defines on every site.
_BUILTIN = {"genindex", "modindex", "search", "py-modindex"}


class label_index(nodes.General, nodes.Element):
    """Placeholder for the label table."""


class LabelIndexDirective(SphinxDirective):
    def run(self) -> list[nodes.Node]:
        records.note_report_page(self.env, self.env.docname)
        return [label_index()]


def citable_labels(app: Sphinx) -> dict[str, tuple[str, str, str]]:
    """Every label: name -> (page, anchor, title), the same set ``objects.inv`` lists.

    Sphinx keeps a label before a heading in ``labels`` with the heading's title, and every
    label, one before a paragraph too, in ``anonlabels``. A label with no title is shown
    with its page's title.
    """
    std = app.env.domaindata["std"]
    found = {}
    for name, (todoc, anchor) in std["anonlabels"].items():
        if name in _BUILTIN:
            continue
        titled = std["labels"].get(name)
        if titled and titled[2]:
            title = titled[2]
        else:
            page = app.env.titles.get(todoc)
            # Translators: a label before a paragraph, named by its page's title
            title = _("{title} (a paragraph)").format(title=page.astext() if page else todoc)
        found[name] = (todoc, anchor, title)
    return found


def fill_label_index(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    labels = citable_labels(app)
    for placeholder in list(doctree.findall(label_index)):
        table = nodes.bullet_list(classes=["pg-label-index"])
        for name in sorted(labels):
            todoc, anchor, title = labels[name]
            uri = app.builder.get_relative_uri(docname, todoc) + f"#{anchor}"
            para = nodes.paragraph()
            para += nodes.literal(text=name)
            para += nodes.Text(": ")
            para += nodes.reference("", title or anchor, refuri=uri, internal=True)
            table += nodes.list_item("", para)
        placeholder.replace_self(table)
