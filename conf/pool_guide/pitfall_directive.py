"""The ``pitfall`` directive: one entry of the pitfall catalogue, with a permanent ID.

```{pitfall} PG001
:symptom: what the reader sees (MyST inline markup)
:message: a regular expression | another   (optional: lines this build's outputs printed)
:explained: the label of the section that explains it
:fix: the label of the section with the fix run (optional)
:versions: where it holds
:review: a one-line review comment
```

The ID is registered as a ``std:pitfall`` object, so ``objects.inv`` lists it and
``{pitfall}`PG001``` links to it; a repeated ID is a build warning. The symptom's message
lines come from this build's outputs (:mod:`error_index`), never from the page's text: a
pattern that no output printed is a build warning. The review comment ends with the
absolute address of the explaining section, ready to paste.
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.builders.gettext import MessageCatalogBuilder
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from . import error_index
from .i18n import _

logger = logging.getLogger(__name__)

#: PG, then three digits. IDs are never reused or renumbered.
ID_FORMAT = re.compile(r"^PG\d{3}$")


class pitfall_messages(nodes.General, nodes.Element):
    """Placeholder: the message lines of this build's outputs that match the patterns."""


class pitfall_review(nodes.General, nodes.Element):
    """Placeholder: the review comment with the explaining section's absolute address."""


def _patterns(text: str) -> list[str]:
    return [p.strip() for p in text.split(" | ") if p.strip()]


class PitfallDirective(SphinxDirective):
    required_arguments = 1
    option_spec = {
        "symptom": str,
        "message": str,
        "explained": str,
        "fix": str,
        "versions": str,
        "review": str,
    }

    def run(self) -> list[nodes.Node]:
        pitfall_id = self.arguments[0]
        if not ID_FORMAT.match(pitfall_id):
            raise self.error(f"pitfall ID {pitfall_id!r}: use PG and three digits, e.g. PG007")
        missing = {"symptom", "explained", "versions", "review"} - set(self.options)
        if missing:
            raise self.error(f"pitfall {pitfall_id}: missing {', '.join(sorted(missing))}")
        patterns = _patterns(self.options.get("message", ""))
        for pattern in patterns:
            try:
                re.compile(pattern)
            except re.error as exc:
                raise self.error(
                    f"pitfall {pitfall_id}: bad :message: {pattern!r}: {exc}"
                ) from None

        node_id = pitfall_id.lower()
        self.env.get_domain("std").note_object(
            "pitfall", pitfall_id, node_id, location=self.get_location()
        )
        box = nodes.container(ids=[node_id], classes=["pg-pitfall"])
        box += nodes.paragraph(
            "", "", nodes.strong(pitfall_id, pitfall_id), classes=["pg-pitfall-id"]
        )
        fields = nodes.field_list(classes=["pg-pitfall-fields"])
        symptom = [self._translatable(self.options["symptom"])]
        if patterns:
            symptom.append(pitfall_messages(patterns=patterns, pitfall=pitfall_id))
        # Translators: the fields of a pitfall card: Symptom, Why, Fix, Applies to, Review comment
        fields += self._field(_("Symptom"), symptom)
        # Translators: a pitfall card's field: the link to the section that explains it
        fields += self._field(_("Why"), [self._ref_paragraph(self.options["explained"])])
        if "fix" in self.options:
            fields += self._field(_("Fix"), [self._ref_paragraph(self.options["fix"])])
        fields += self._field(
            # Translators: a pitfall card's field: the CPython versions where it holds
            _("Applies to"),
            [self._translatable(self.options["versions"])],
        )
        review = pitfall_review(
            text=self.options["review"], label=self.options["explained"], pitfall=pitfall_id
        )
        self.set_source_info(review)
        # The comment's words, where a translated edition puts its own (fill_pitfalls).
        review += self._translatable(self.options["review"])
        # Translators: a pitfall card's field: a comment to paste in a code review
        fields += self._field(_("Review comment"), [review])
        box += fields
        return [box]

    def _translatable(self, text: str) -> nodes.paragraph:
        """A paragraph of an option's MyST text that gettext extracts and translates."""
        para = nodes.paragraph(text, "", *self._inline(text))
        self.set_source_info(para)
        return para

    def _inline(self, text: str) -> list[nodes.Node]:
        parsed, messages = self.state.inline_text(text, self.lineno)
        return [*parsed, *messages]

    def _ref_paragraph(self, label: str) -> nodes.paragraph:
        xref = addnodes.pending_xref(
            "",
            nodes.inline(label, label, classes=["xref", "std", "std-ref"]),
            refdomain="std",
            reftype="ref",
            reftarget=label,
            refexplicit=False,
            refwarn=True,
            refdoc=self.env.docname,
        )
        self.set_source_info(xref)
        return nodes.paragraph("", "", xref)

    @staticmethod
    def _field(name: str, body: list[nodes.Node]) -> nodes.field:
        name = str(name)  # a lazy translation: the node keeps a plain string
        # In each edition's words already (_()): not a message of the page for gettext.
        field_name = nodes.field_name(name, name, translatable=False)
        return nodes.field("", field_name, nodes.field_body("", *body))


def fill_pitfalls(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """On ``doctree-resolved``: the symptom's printed lines and the review comment's link."""
    if isinstance(app.builder, MessageCatalogBuilder):
        return  # the review comment's words stay a paragraph, for gettext to extract
    env = app.env
    placeholders = list(doctree.findall(pitfall_messages))
    printed = [e.message.line for e in error_index.entries(env)] if placeholders else []
    for placeholder in placeholders:
        lines = [
            line for line in printed if any(re.search(p, line) for p in placeholder["patterns"])
        ]
        if not lines:
            logger.warning(
                "pitfall %s: no output of this build printed a message matching %s",
                placeholder["pitfall"],
                " | ".join(placeholder["patterns"]),
                location=placeholder.parent.parent.parent,
                type="pool_guide",
                subtype="pitfall",
            )
        caption = nodes.paragraph(
            "", _("As printed in this build:"), classes=["pg-pitfall-printed"]
        )
        listing = nodes.bullet_list(classes=["pg-pitfall-messages"])
        for line in lines:
            listing += nodes.list_item("", nodes.paragraph("", "", nodes.literal(line, line)))
        placeholder.replace_self([caption, listing] if lines else [])

    labels = env.domaindata["std"]["anonlabels"]
    for placeholder in list(doctree.findall(pitfall_review)):
        label = placeholder["label"]
        if label not in labels:  # the pending_xref beside it already warns
            placeholder.replace_self([])
            continue
        todoc, anchor = labels[label]
        url = app.config.html_baseurl + app.builder.get_target_uri(todoc) + f"#{anchor}"
        comment = placeholder["text"]
        words = placeholder.next_node(nodes.paragraph)
        if words is not None and words.get("translated"):
            comment = _as_typed(words)
        text = _("{comment} See {url} (Pool Guide {pitfall})").format(
            comment=comment, url=url, pitfall=placeholder["pitfall"]
        )
        block = nodes.literal_block(text, text, language="text", classes=["pg-review-comment"])
        placeholder.replace_self(block)


def _as_typed(para: nodes.paragraph) -> str:
    """A translated comment as text to paste: code keeps its backticks."""
    return "".join(
        f"`{child.astext()}`" if isinstance(child, nodes.literal) else child.astext()
        for child in para.children
    )


def setup(app: Sphinx) -> None:
    app.add_object_type("pitfall", "pitfall", objname="pitfall")
    # The object type's own directive writes a signature; ours writes the catalogue entry.
    app.add_directive_to_domain("std", "pitfall", PitfallDirective, override=True)
    app.add_node(pitfall_messages)
    app.add_node(pitfall_review)
    app.connect("doctree-resolved", fill_pitfalls)
