"""Hostile XML for the readers of watch and phone exports: one billion-laughs bomb."""

from __future__ import annotations


def billion_laughs(root: str, body: str) -> str:
    """A document whose DTD defines `&lol9;`, ten to the ninth "lol"s when expanded, with
    `root` as its document type and `body` (which uses `&lol9;`) as its content."""
    entities = ['<!ENTITY lol "lol">']
    for n in range(1, 10):
        inner = "&lol" + (str(n - 1) if n > 1 else "") + ";"
        entities.append(f'<!ENTITY lol{n} "{inner * 10}">')
    return (
        '<?xml version="1.0"?>\n'
        f"<!DOCTYPE {root} [\n" + "\n".join(entities) + "\n]>\n" + body + "\n"
    )
