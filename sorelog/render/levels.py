"""How each flag level is named and styled on every surface, and the line for no flags.

Every level has an entry in each table: a level missing from one would crash the output it
appears in, so tests/test_levels_surfaces.py renders every level on every surface.
"""

from __future__ import annotations

from sorelog.analysis.flag import Level

LEVEL_NAME = {
    Level.emergency: "EMERGENCY",
    Level.urgent: "URGENT",
    Level.follow_up: "follow up",
    Level.caution: "caution",
}
LEVEL_STYLE = {  # Rich styles for the terminal report
    Level.emergency: "bold reverse red",
    Level.urgent: "bold red",
    Level.follow_up: "yellow",
    Level.caution: "cyan",
}
LEVEL_COLOUR = {  # plotext colours for the terminal chart
    Level.emergency: "red+",
    Level.urgent: "red+",
    Level.follow_up: "yellow+",
    Level.caution: "cyan+",
}
NO_FLAGS = "No flags from sorelog's rules."  # said plainly: it is not an all-clear
