"""The versions page's changelog: one entry per change of Pool's behaviour, with its evidence.

An entry names the version that changed (``3.13``, or a patch release, ``3.13.8``), its
primary sources (``:source:``, issue or PR addresses) and, where this build can show it,
the example blocks whose runs show the change (``:example: docname#output-anchor``).

When the page is written the entry states, from this build's runs, on which versions
each example gave the same output as the interpreter that built the site and on which it
differed. The build checks that the runs agree with the entry: every version on the same
side of the change as the building interpreter gives the same output, every version on
the other side a different one (or a failure). A run that contradicts its entry, or an
example that is not on the site, is a build warning.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from . import records
from .i18n import _, versions_phrase
from .interpreters import Interpreter
from .version_nodes import versions_anchor

logger = logging.getLogger(__name__)

SAME = {"same", "reordered"}
CHANGED = {"differs", "fails"}


class version_change_evidence(nodes.General, nodes.Element):
    """Placeholder: the runs that show one change, filled once every page is read."""


def parse_version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split("."))


def is_after(version_info: tuple[int, ...], changed_in: tuple[int, ...]) -> bool:
    """Whether a CPython of ``version_info`` has a change made in ``changed_in``."""
    return tuple(version_info[: len(changed_in)]) >= changed_in


class VersionChangeDirective(SphinxDirective):
    """``{version-change} 3.13`` with a body, ``:source:`` links and ``:example:`` runs."""

    required_arguments = 1
    has_content = True
    option_spec = {
        "source": lambda arg: arg.split(),
        "example": lambda arg: arg.split(),
    }

    def run(self) -> list[nodes.Node]:
        records.note_report_page(self.env, self.env.docname)
        changed_in = self.arguments[0]
        try:
            parse_version(changed_in)
        except ValueError:
            raise self.error(f"not a version: {changed_in!r} (e.g. 3.13 or 3.13.8)") from None
        box = nodes.container(classes=["pg-version-change"])
        body = nodes.container(classes=["pg-version-change-body"])
        self.state.nested_parse(self.content, self.content_offset, body)
        box += body
        sources = self.options.get("source", [])
        if sources:
            para = nodes.paragraph(classes=["pg-version-change-sources"])
            # Translators: followed by links to issues and pull requests.
            para += nodes.Text(_("Sources: "))
            for i, url in enumerate(sources):
                if i:
                    # Translators: between two links in a list.
                    para += nodes.Text(_(", "))
                para += nodes.reference(url, _short(url), refuri=url)
            # Translators: the full stop after a link that ends a sentence.
            para += nodes.Text(_("."))
            box += para
        examples = self.options.get("example", [])
        box += version_change_evidence(changed_in=changed_in, examples=examples, lineno=self.lineno)
        if not sources and not examples:
            raise self.error("a version change needs a :source: or an :example: as evidence")
        return [box]


def _short(url: str) -> str:
    """``github.com/python/cpython/issues/109649`` as ``gh-109649``; PRs as ``PR #n``."""
    parts = url.rstrip("/").split("/")
    if "github.com" in url and len(parts) >= 2 and parts[-2] in ("issues", "pull"):
        return f"gh-{parts[-1]}" if parts[-2] == "issues" else f"PR #{parts[-1]}"
    return url.split("://", 1)[-1]


def _find(runs: list[records.RunRecord], target: str) -> records.RunRecord | None:
    docname, _sep, anchor = target.partition("#")
    return next((r for r in runs if r.docname == docname and r.anchor == anchor), None)


def fill(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """On ``doctree-resolved``: each entry's evidence, checked against the runs."""
    placeholders = list(doctree.findall(version_change_evidence))
    if not placeholders:
        return
    runs = records.runs(app.env)
    found = [Interpreter.from_data(d) for d in app.config.pool_guide_cpythons]
    main = next((i for i in found if i.builds_the_site), None)
    for placeholder in placeholders:
        changed_in = parse_version(placeholder["changed_in"])
        where = (docname, placeholder["lineno"])
        out: list[nodes.Node] = []
        after = [i for i in found if is_after(i.version_info, changed_in)]
        if not app.config.pool_guide_compare_versions:  # the examples ran on one CPython
            text = _(
                "Not shown by a run here: this build ran the examples on CPython {main} only."
            ).format(main=main.version if main else _("none"))
            out.append(nodes.paragraph(text=text, classes=["pg-version-change-unrun"]))
        elif not after or len(after) == len(found):
            # Translators: no CPython was found, in "(the newest is none)".
            newest = max(found).version if found else _("none")
            text = (
                _(
                    "Not shown by a run here: of the CPythons this build found (the newest "
                    "is {newest}), none has this change, so there is nothing to compare."
                )
                if not after
                else _(
                    "Not shown by a run here: of the CPythons this build found (the newest "
                    "is {newest}), all have this change, so there is nothing to compare."
                )
            )
            out.append(
                nodes.paragraph(
                    text=text.format(newest=newest), classes=["pg-version-change-unrun"]
                )
            )
        elif main is not None:
            for target in placeholder["examples"]:
                run = _find(runs, target)
                if run is None:
                    logger.warning(
                        "version change %s: no example block %r on the site",
                        placeholder["changed_in"],
                        target,
                        location=where,
                    )
                    continue
                out.append(_evidence(app, docname, run, main, found, changed_in, where))
        placeholder.replace_self(out)


def _evidence(
    app: Sphinx,
    fromdoc: str,
    run: records.RunRecord,
    main: Interpreter,
    found: list[Interpreter],
    changed_in: tuple[int, ...],
    where: tuple[str, int],
) -> nodes.Node:
    status = {v["version"]: v["status"] for v in run.versions}
    status[main.version] = "same"
    main_after = is_after(main.version_info, changed_in)
    same = [i for i in found if status.get(i.version) in SAME]
    changed = [i for i in found if status.get(i.version) in CHANGED]
    for i in found:
        expected = SAME if is_after(i.version_info, changed_in) == main_after else CHANGED
        if status.get(i.version) not in expected:
            logger.warning(
                "version change %s: %s on %s is %r, which does not fit a change in %s",
                ".".join(map(str, changed_in)),
                run.script,
                i.version,
                status.get(i.version, "not run"),
                ".".join(map(str, changed_in)),
                location=where,
            )
    para = nodes.paragraph(classes=["pg-version-change-evidence"])
    # Translators: followed by a linked script, then "gives one output on ...".
    para += nodes.Text(_("Run here: "))
    uri = app.builder.get_relative_uri(fromdoc, run.docname) + f"#{versions_anchor(run)}"
    ref = nodes.reference("", "", refuri=uri, internal=True)
    ref += nodes.literal(text=run.script.removeprefix("examples/"))
    para += ref
    para += nodes.Text(
        # Translators: follows a linked script; {same} and {changed} list CPython versions.
        _(" gives one output on {same} and another on {changed}.").format(
            same=versions_phrase(same), changed=versions_phrase(changed)
        )
    )
    return para
