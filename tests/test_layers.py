"""The layout keeps its layers: imports point down, no module imports itself back, the
libraries that carry a layer's job (Typer, Rich, sqlite3, SQLModel) stay in that layer,
and the CLI reaches the store only to open the journal (every use case is a service).

Read from the source with `ast`, every import counted (inside functions and
TYPE_CHECKING blocks too): knowing about a module is what a layer must not do.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "sorelog"

# What each layer may import from sorelog (always itself too), from the bottom up.
ALLOWED: dict[str, set[str]] = {
    "domain": set(),
    "analysis": {"domain"},
    "formats": {"domain"},
    "store": {"domain"},
    "render": {"domain", "analysis"},
    "services": {"domain", "analysis", "formats", "store"},
    "cli": {"domain", "analysis", "formats", "store", "services", "render", "top"},
    "top": {"cli"},  # sorelog/__init__.py (the version) and __main__.py
}
# Third-party and standard modules that belong to one layer's job.
OWNED_BY = {
    "typer": {"cli"},
    "click": {"cli"},
    "rich": {"cli", "render"},
    "sqlite3": {"store"},
    "sqlmodel": {"store"},
    "sqlalchemy": {"store"},
    "psycopg": {"store"},  # and within it, store/postgres.py alone (test below)
    "plotext": {"render"},
    "jinja2": {"render"},
    "pygal": {"render"},
    "dateparser": {"domain"},  # and within it, domain/when_words.py alone (test below)
    "gpxpy": {"formats"},  # and within it, the activity readers alone (test below)
    "defusedxml": {"formats"},
    "fitdecode": {"formats"},
}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in ALLOWED else "top"


def imports(module: str) -> set[str]:
    """Every module `module` imports, as dotted names (sorelog's resolved to real modules)."""
    path = MODULES[module]
    tree = ast.parse(path.read_text(), str(path))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1])
                base = f"{base}.{node.module}" if node.module else base
            for alias in node.names:
                candidate = f"{base}.{alias.name}"
                found.add(candidate if candidate in MODULES else base)
    return found


GRAPH = {module: {name for name in imports(module) if name in MODULES} for module in MODULES}


def test_the_walk_sees_the_package() -> None:
    # A walk that found nothing would pass every check below.
    assert {"sorelog.cli.main", "sorelog.store.journal", "sorelog.domain.kinds"} <= set(MODULES)
    assert "sorelog.store.journal" in GRAPH["sorelog.store.opening"]
    assert all(layer(m) in ALLOWED for m in MODULES)


def upward(module: str, names: set[str]) -> list[str]:
    """The modules in `names` that `module`'s layer may not import."""
    own = layer(module)
    allowed = ALLOWED[own] | {own}
    return sorted(f"{name} ({layer(name)})" for name in names if layer(name) not in allowed)


def find_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Each import cycle found by a depth-first walk, as the modules around it."""
    cycles: list[list[str]] = []
    state: dict[str, str] = {}

    def visit(module: str, trail: list[str]) -> None:
        state[module] = "open"
        for name in sorted(graph.get(module, ())):
            if state.get(name) == "open":
                cycles.append([*trail[trail.index(name) :], name])
            elif name not in state:
                visit(name, [*trail, name])
        state[module] = "done"

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    return cycles


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_point_down(module: str) -> None:
    wrong = upward(module, GRAPH[module])
    assert not wrong, f"{module} ({layer(module)}) imports above or beside its layer: {wrong}"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_libraries_stay_in_their_layer(module: str) -> None:
    own = layer(module)
    wrong = sorted(
        name
        for name in imports(module)
        if name.split(".")[0] in OWNED_BY and own not in OWNED_BY[name.split(".")[0]]
    )
    assert not wrong, f"{module} ({own}) imports {wrong}, which belong to another layer"


def test_no_import_cycles() -> None:
    assert find_cycles(GRAPH) == []


def test_the_checks_catch_what_they_are_for() -> None:
    # On made-up imports: the store reaching up into the CLI, and two modules in a loop.
    assert upward("sorelog.store.writes", {"sorelog.cli.main", "sorelog.domain.kinds"}) == [
        "sorelog.cli.main (cli)"
    ]
    assert upward("sorelog.render.report", {"sorelog.store.reads"}) == [
        "sorelog.store.reads (store)"
    ]
    loop = {"sorelog.store.a": {"sorelog.store.b"}, "sorelog.store.b": {"sorelog.store.a"}}
    assert find_cycles(loop) == [["sorelog.store.a", "sorelog.store.b", "sorelog.store.a"]]


# Every use case goes cli -> services -> store: the CLI parses, calls one service and
# renders. Only its context module reaches the store, to open the journal a run names.
STORE_DOOR = "sorelog.cli.context"
# Command modules whose use cases are still being moved into services: this list only
# shrinks, and a module leaves it as soon as it no longer imports the store.
CLI_MODULES = sorted(module for module in MODULES if layer(module) == "cli")


def store_reaches(names: set[str]) -> list[str]:
    """The store modules among `names` (the package itself too)."""
    return sorted(
        name for name in names if name == "sorelog.store" or name.startswith("sorelog.store.")
    )


@pytest.mark.parametrize("module", CLI_MODULES)
def test_the_cli_reaches_the_store_only_to_open_the_journal(module: str) -> None:
    if module == STORE_DOOR:
        return
    wrong = store_reaches(imports(module))
    assert not wrong, f"{module} imports {wrong}: call a service (sorelog/services/) instead"


def test_the_store_check_sees_every_way_in() -> None:
    # The package, a module in it, and a name imported from either; services do not count.
    found = imports("sorelog.cli.context")
    assert "sorelog.store" in found and "sorelog.store.config_file" in found
    assert store_reaches({"sorelog.store", "sorelog.store.writes", "sorelog.services.chart"}) == [
        "sorelog.store",
        "sorelog.store.writes",
    ]


CLOCK_READS = {"now", "today", "utcnow", "time", "time_ns", "monotonic"}
CLOCK_OWNERS = {"datetime", "date", "time"}


def clock_reads(module: str) -> list[str]:
    """Every way to the clock in a module's source: any `.now`, `.today` or `.utcnow`
    (called or passed, on any name: dt.datetime.now too), `time.time`-like attributes,
    and those names imported straight from `time`."""
    tree = ast.parse(MODULES[module].read_text())
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in {"now", "today", "utcnow"}:
            found.append(f".{node.attr} on line {node.lineno}")
        elif (
            isinstance(node, ast.Attribute)
            and node.attr in CLOCK_READS
            and isinstance(node.value, ast.Name)
            and node.value.id in CLOCK_OWNERS
        ):
            found.append(f"{node.value.id}.{node.attr} on line {node.lineno}")
        elif isinstance(node, ast.ImportFrom) and node.module == "time":
            found += [
                f"from {node.module} import {alias.name} on line {node.lineno}"
                for alias in node.names
                if alias.name in CLOCK_READS | {"localtime", "gmtime", "strftime"}
            ]
    return found


def test_only_the_cli_context_reads_the_clock() -> None:
    # Everything below the CLI is handed "now", so every rule can be tested at any moment.
    readers = {module: found for module in MODULES if (found := clock_reads(module))}
    assert set(readers) == {"sorelog.cli.context"}, readers


def test_only_the_postgres_module_imports_psycopg() -> None:
    """One module speaks to the PostgreSQL driver; the rest of the store asks it."""
    users = {
        module
        for module in MODULES
        if any(name == "psycopg" or name.startswith("psycopg.") for name in imports(module))
    }
    assert users == {"sorelog.store.postgres"}


def test_only_when_words_imports_the_date_library() -> None:
    """One module reads dates in words; the rest of sorelog asks domain/when.py."""
    users = {
        module
        for module in MODULES
        if any(name.split(".")[0] == "dateparser" for name in imports(module))
    }
    assert users == {"sorelog.domain.when_words"}


def test_only_the_activity_readers_load_the_watch_libraries() -> None:
    """gpxpy, defusedxml and fitdecode are an optional extra: only the readers under
    formats/activities import them, and nothing outside that package imports those
    readers, so `sorelog add` and `--help` never load them."""
    readers = "sorelog.formats.activities"
    users = {
        module
        for module in MODULES
        if any(
            name.split(".")[0] in {"gpxpy", "defusedxml", "fitdecode"} for name in imports(module)
        )
    }
    assert users and all(module.startswith(f"{readers}.") for module in users), users
    outside = {
        module
        for module in MODULES
        if not module.startswith(readers)
        and any(name.startswith(f"{readers}.") for name in GRAPH[module])
    }
    # The import command's service alone, which only its command loads (and only when
    # it runs: `sorelog workout import --help` loads no reader either).
    assert outside == {"sorelog.services.workout_import"}, outside
    users = {module for module in MODULES if "sorelog.services.workout_import" in GRAPH[module]}
    assert users == {"sorelog.cli.workout_import"}, users


def test_no_module_asks_which_dialect_it_has() -> None:
    # What differs between SQLite and PostgreSQL is an attribute of the backend
    # (store/backend.py), never a comparison or a lookup by the dialect's name.
    import re

    asking = re.compile(r"dialect(\.name)?\s*(==|!=)|\[[\w.]*dialect\]|dialect\s+in\s")
    found = [
        f"{module}:{number}"
        for module, path in MODULES.items()
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if asking.search(line)
    ]
    assert found == []
