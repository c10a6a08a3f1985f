"""Error and warning messages in the outputs of the build's runs.

The error-message index (``error_index``) lists every exception or warning line that an
output on the site printed. This module finds those lines in an output and masks what
differs from run to run (PIDs, addresses, paths, worker numbers), so that the same message
from two runs, or two pages, is one entry. Pure functions: no Sphinx here.
"""

from __future__ import annotations

import re
from typing import NamedTuple

#: An exception as Python prints it at the end of a traceback ("ValueError: bad"), or as a
#: script prints it ("get() raised ValueError: bad", "raised ValueError('bad')", "outcome=
#: BrokenProcessPool"): a (dotted) class name that ends like an exception class, then ": text",
#: a repr with one string argument, or the end of the line.
_EXCEPTION = re.compile(
    r"(?<![\w.'\"<])(?P<kind>(?:[A-Za-z_]\w*\.)*(?:[A-Z]\w*)?"
    r"(?:Error|Exception|Warning|Interrupt|Exit|Traceback|BrokenProcessPool|KilledWorker))"
    r"(?:: (?P<text>.*)|\((?P<quote>['\"])(?P<repr>.*?)(?P=quote)\)|:?\s*$)"
)
#: A warning as the warnings module prints it: "path:line: Category: message".
_WARNING = re.compile(r"^\S+?:\d+: (?P<kind>\w*Warning): (?P<text>.*)$")
#: threading's excepthook, when a thread dies of an exception (a raising callback).
THREAD_DIED = "Exception in thread"
_THREAD = re.compile(r"^(?P<kind>Exception in thread) (?P<text>.*):$")
#: Exceptions at shutdown that Python can only report ("Exception ignored in: ...").
_IGNORED = re.compile(r"^(?P<kind>Exception ignored in): (?P<text>.*)$")

_MASKS = [
    (re.compile(r"0x[0-9a-fA-F]+"), "0x…"),
    (re.compile(r"\bpid=\d+"), "pid=…"),
    (re.compile(r"\b((?:Fork|Spawn|Forkserver)?PoolWorker|Thread|Process)-\d+(?::\d+)*"), r"\1-…"),
    # A path keeps its last part: "/tmp/x/examples/apply.py" -> "…/apply.py".
    (re.compile(r"(?<![\w.])(?:/[^/\s'\"():,]+)+/([^/\s'\"():,]+)"), r"…/\1"),
]


class Message(NamedTuple):
    """One message line, masked: its kind (the exception class, the warning category) and text."""

    kind: str
    text: str

    @property
    def line(self) -> str:
        if self.kind == THREAD_DIED:
            return f"{self.kind} {self.text}:"
        return f"{self.kind}: {self.text}" if self.text else self.kind


def mask(text: str) -> str:
    """The text with what varies between runs replaced by an ellipsis."""
    for pattern, replacement in _MASKS:
        text = pattern.sub(replacement, text)
    return text


def _message(line: str) -> Message | None:
    for pattern in (_WARNING, _THREAD, _IGNORED):
        match = pattern.match(line)
        if match:
            return Message(match["kind"], mask(match["text"].strip()))
    match = _EXCEPTION.search(line)
    if match and match["kind"] != "Traceback":  # "Traceback:" alone is a log's heading
        text = match["text"] if match["text"] is not None else match["repr"] or ""
        return Message(match["kind"], mask(text.strip()))
    return None


def find_messages(output: str) -> list[Message]:
    """Each distinct exception, warning or thread-death line of an output, in order, masked.

    Source lines quoted in a traceback (the line after 'File "...", line N') are code, not
    messages: ``raise ValueError("bad")`` there is skipped.
    """
    found: list[Message] = []
    lines = [raw.strip() for raw in output.splitlines()]
    for n, line in enumerate(lines):
        if n and lines[n - 1].startswith('File "'):
            continue
        message = _message(line)
        if message is None:
            continue
        if (
            not message.text
            and line.endswith(":")
            and n + 1 < len(lines)
            and re.search(r"[A-Za-z]", lines[n + 1])
        ):
            # A message that starts with a newline: Python prints "RuntimeError: " and the
            # text on the lines below; its first line says what it is.
            message = Message(message.kind, mask(lines[n + 1]))
        if message not in found:
            found.append(message)
    return found


def slug(message: Message) -> str:
    """A stable anchor for a message: the same message gets the same id in every build."""
    words = re.findall(r"[a-z0-9]+", message.line.lower())
    return "msg-" + "-".join(words)[:80].rstrip("-")
