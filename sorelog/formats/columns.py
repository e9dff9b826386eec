"""The export's columns, derived from the record kinds (domain.kinds)."""

from __future__ import annotations

from sorelog.domain.kinds import KINDS, RECORD_KEYS

# The spec's CSV header: one column per key of an exported record.
HEADER = RECORD_KEYS
# The header the first sorelog wrote. The header only ever grows at its end, so a file
# from any sorelog has a prefix of HEADER at least this long (older: fewer columns at the end).
FIRST_HEADER = HEADER[:14]
LIMIT_KEYS = ("remedy", "max_daily", "max_days", "max_days_in_30")
# The columns each kind leaves empty, by place in the header (after record, id and at).
UNUSED: dict[str, tuple[int, ...]] = {
    kind.name: tuple(
        i for i, name in enumerate(HEADER) if i > 2 and name not in kind.export_columns
    )
    for kind in KINDS
}
assert all(set(k.export_columns) <= set(HEADER) for k in KINDS), "a kind's field has no column"
