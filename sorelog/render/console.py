"""Printing to the terminal: a console, JSON on stdout, and the person's text made literal."""

from __future__ import annotations

import io
import json
import sys
import unicodedata
from collections.abc import Iterable
from typing import Any, TextIO, cast

from rich.console import Console
from rich.padding import Padding
from rich.text import Text

from sorelog.domain.safe_text import printable


def console() -> Console:
    """A console on stdout. Off a terminal (a pipe, a file) Rich would still pad every table
    cell and wrapped line to the width with spaces, which `diff`, `grep` and editors show as
    noise: there each line is written without its trailing spaces."""
    out = Console(highlight=False)
    if not out.is_terminal:
        out.file = cast(TextIO, TrimmedLines(sys.stdout))
    return out


class TrimmedLines(io.TextIOBase):
    """A text stream that writes each line to `target` without its trailing spaces.

    Spaces at the end of what has been written so far are held back until the rest of the
    line shows whether text follows them; a flush writes everything else, so nothing but
    those spaces ever waits."""

    def __init__(self, target: TextIO) -> None:
        super().__init__()
        self._target = target
        self._spaces = ""

    def isatty(self) -> bool:
        return False

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        lines = (self._spaces + text).split("\n")
        last = lines.pop()
        kept = last.rstrip(" ")
        self._spaces = last[len(kept) :]
        self._target.write("".join(line.rstrip(" ") + "\n" for line in lines) + kept)
        return len(text)

    def flush(self) -> None:
        self._target.flush()


def fits(renderable: Any, width: int) -> bool:
    """Whether `renderable` fits in `width` columns as it is, nothing wrapped or cut: Rich
    would otherwise squeeze some columns to nothing or to '…' to make room for others."""
    return natural_width(renderable) <= width


def indented(text: Text) -> Padding:
    """A detail line under its heading; wrapped lines keep the indent."""
    return Padding(text, (0, 0, 0, 2))


def natural_width(renderable: Any) -> int:
    """The width `renderable` takes when nothing wraps (exact for tables of no-wrap columns)."""
    from rich.measure import Measurement

    measuring = Console(width=10_000, highlight=False)
    return Measurement.get(measuring, measuring.options, renderable).maximum


def print_json(document: Any) -> None:
    """One JSON document on stdout and nothing else.

    Unicode stays readable, but C1 controls and format characters (bidi overrides),
    which json leaves raw, are written as \\u escapes so no terminal acts on them.
    """
    text = json.dumps(document, ensure_ascii=False, indent=2)
    sys.stdout.write("".join(_json_safe(ch) for ch in text) + "\n")


def print_json_list(key: str, items: Iterable[Any]) -> None:
    """`{"key": [...]}` exactly as print_json would write it, one item at a time: a long
    list (every record of a big journal) is never held whole."""
    out = sys.stdout
    out.write("{\n  " + json.dumps(key) + ": [")
    count = 0
    for item in items:
        text = json.dumps(item, ensure_ascii=False, indent=2).replace("\n", "\n    ")
        out.write(("\n    " if count == 0 else ",\n    ") + "".join(_json_safe(ch) for ch in text))
        count += 1
    out.write("\n  ]\n}\n" if count else "]\n}\n")


def _json_safe(char: str) -> str:
    if char.isascii() or unicodedata.category(char) not in ("Cc", "Cf", "Zl", "Zp", "Cs"):
        return char
    return json.dumps(char)[1:-1]  # json's own \\u escape (a surrogate pair above U+FFFF)


def literal(text: str | None, style: str = "") -> Text:
    """User text as a literal Text: no markup, no control characters."""
    return Text(printable(text or ""), style=style)
