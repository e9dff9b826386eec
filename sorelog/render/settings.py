"""`sorelog config show`: every setting, its value, where it came from, what it means."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich import box
from rich.console import Group
from rich.table import Table

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
    return Group(table, literal(f"Config file: {path}{state}"))
