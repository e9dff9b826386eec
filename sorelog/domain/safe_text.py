"""Journal text made safe to show: literally, never as control codes or reordered text.

Everything read back from a journal passes through here on its way out, whoever wrote it:
a planted row is shown as the characters it holds, in the terminal and on the page.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable


def printable(text: str) -> str:
    """Replace control and format characters (ESC, BEL, bidi overrides...) with visible escapes.

    Tabs and line breaks become spaces, so one entry stays on one line.
    """
    return _escaped(text, lambda char: " ")


def visible(text: str) -> str:
    """As `printable`, but line breaks and tabs are kept: for a page, where a note's own
    lines may show as lines and bidirectional overrides must still not reorder it."""
    return _escaped(text, lambda char: char)


def _escaped(text: str, layout: Callable[[str], str]) -> str:
    """`text` with each control, format or separator character as a visible escape, but
    tabs and line breaks, which `layout` turns into what the output shows for them."""
    if text.isprintable():  # no control, format or separator character but the space
        return text
    out = []
    for char in text:
        if char in "\t\n\r":
            out.append(layout(char))
        elif unicodedata.category(char) in ("Cc", "Cf", "Cs", "Zl", "Zp"):
            out.append(f"\\u{ord(char):04x}" if ord(char) > 0xFF else f"\\x{ord(char):02x}")
        else:
            out.append(char)
    return "".join(out)
