"""`sorelog config show`: every setting, its value, where it came from, what it means."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich import box
from rich.console import Group
from rich.table import Table
from rich.text import Text

from sorelog.domain.activity_parts import SPORT_NAMES, activity_table
from sorelog.domain.settings import KEYS, Config, default, meaning, shown
from sorelog.render.console import literal


def settings_document(config: Config, path: Path) -> dict[str, Any]:
    return {
        "path": str(path),
        "exists": path.exists(),
        "settings": {
            key: {
                "value": getattr(config, key),
                "source": config.sources.get(key, "default"),
                "default": default(key),
            }
            for key in KEYS
        },
        "activity_parts": {
            sport: {
                "parts": list(parts),
                "source": str(path) if own else "default",
                "names": list(SPORT_NAMES.get(sport, ())),  # the other names it covers
            }
            for sport, parts, own in activity_table(config.activity_parts)
        },
    }


def settings_renderable(config: Config, path: Path) -> Group:
    table = Table(box=box.SIMPLE_HEAD)
    table.add_column("setting", no_wrap=True)
    table.add_column("value", no_wrap=True)
    table.add_column("from", overflow="fold")
    table.add_column("meaning")
    for key in KEYS:
        source = config.sources.get(key, "default")
        table.add_row(key, literal(shown(key, getattr(config, key))), literal(source), meaning(key))
    state = "" if path.exists() else " (not created yet: all defaults)"
    return Group(table, _sports(config), literal(f"Config file: {path}{state}"))


def _sports(config: Config) -> Group:
    """The parts `workout import` gives each sport: the person's own entries, then the
    defaults they have not replaced, as two columns that wrap (never cut) at any width."""
    table = activity_table(config.activity_parts)
    own = [(sport, parts) for sport, parts, mine in table if mine]
    defaults = [(sport, parts) for sport, parts, mine in table if not mine]
    how = '[activity_parts] "sport" = ["part", ...]'
    lines: list[Any] = []
    if own:
        lines += [Text("Parts your [activity_parts] give a workout import's sports:"),
                  _sport_grid(own), Text("")]  # fmt: skip
    else:
        lines.append(Text(f"Parts for a workout import's sports: add your own as {how}."))
    cycling = ", ".join(SPORT_NAMES["cycling"][:4])
    lines += [Text("sorelog's default parts for " + ("other sports:" if own else "sports:")),
              _sport_grid(defaults),
              Text(f"Each also covers the other names exports give it (cycling: {cycling}, "
                   "...); 'sorelog config show --json' lists them."),
              Text("")]  # fmt: skip
    return Group(*lines)


def _sport_grid(rows: list[tuple[str, tuple[str, ...]]]) -> Table:
    grid = Table.grid(padding=(0, 2), pad_edge=True)
    grid.add_column(overflow="fold")
    grid.add_column(overflow="fold")
    for sport, parts in rows:
        grid.add_row(literal(sport), literal(", ".join(parts)))
    return grid
