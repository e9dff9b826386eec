"""Progress bars for long imports: on stderr, only when a person is watching it.

Only the commands hold the bar; the layers below are told nothing of Rich, they take a
`Tick` (called with how much more is done) or None. A bar is drawn on stderr when it is a
terminal, so stdout stays the command's answer and a pipe or a log file never fills
with redrawn lines; it is transient, gone once the work is done.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.progress import Progress

Tick = Callable[[int], None]
Task = Callable[[str, int], Tick | None]


@contextmanager
def progress_bars() -> Iterator[Task]:
    """`task(label, total)`: a bar for work of that size, and what to advance it with;
    None (no bar) when stderr is not a terminal. Whether the work is big enough for one
    is the caller's to judge. Rich is loaded, and the bar drawn, on the first task."""
    if not sys.stderr.isatty():
        yield lambda label, total: None
        return
    shown: list[Progress] = []

    def task(label: str, total: int) -> Tick:
        if not shown:
            from rich.console import Console
            from rich.progress import Progress

            shown.append(Progress(console=Console(stderr=True), transient=True))
            shown[0].start()
        bar = shown[0]
        ident = bar.add_task(label, total=total)
        return lambda done: bar.advance(ident, done)

    try:
        yield task
    finally:
        if shown:
            shown[0].stop()
