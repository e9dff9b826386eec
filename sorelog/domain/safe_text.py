"""Journal text made safe for a terminal: shown literally, never as control codes."""

from __future__ import annotations

import unicodedata


def printable(text: str) -> str:
    """Replace control and format characters (ESC, BEL, bidi overrides...) with visible escapes.

    Tabs and line breaks become spaces, so one entry stays on one line.
    """
    if text.isprintable():  # no control, format or separator character but the space
        return text
    out = []
    for char in text:
        if char in "\t\n\r":
            out.append(" ")
        elif unicodedata.category(char) in ("Cc", "Cf", "Cs", "Zl", "Zp"):
            out.append(f"\\u{ord(char):04x}" if ord(char) > 0xFF else f"\\x{ord(char):02x}")
        else:
            out.append(char)
    return "".join(out)
