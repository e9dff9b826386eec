"""A name written as a TOML key, for a line a person pastes into the config file.

A hint that shows `yoga = ["PART"]` for an unmapped sport is copied into the config file,
which every command reads first: a key that is not valid TOML there would stop them all.
The sport comes from a file someone else made, so it may hold quotes, backslashes,
control characters or bidirectional marks; written here it is valid TOML naming exactly
that sport, and it is also inert on a terminal (no character of it acts as a control).
"""

from __future__ import annotations

import re

_BARE = re.compile(r"[A-Za-z0-9_-]+")  # TOML's bare keys
_SHORT = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f",
          "\r": "\\r"}  # fmt: skip


def toml_key(name: str) -> str:
    """`name` as a TOML key: bare when TOML allows it, else a basic string in which quotes,
    backslashes and every character that is not printable (controls, format and separator
    characters such as ESC, a line break, a right-to-left mark) are escapes. A lone
    surrogate, which no TOML text can hold, is written as U+FFFD."""
    if _BARE.fullmatch(name):
        return name
    return '"' + "".join(_escaped(char) for char in name) + '"'


def _escaped(char: str) -> str:
    if char in _SHORT:
        return _SHORT[char]
    if char.isprintable():
        return char
    code = ord(char)
    if 0xD800 <= code <= 0xDFFF:
        return "\\uFFFD"
    return f"\\u{code:04X}" if code <= 0xFFFF else f"\\U{code:08X}"
