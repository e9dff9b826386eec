"""The person's own limits for a remedy (from a label or a clinician): set or removed."""

from __future__ import annotations

from sorelog.domain.values import Limit
from sorelog.store import Journal, writes


def set_limit(journal: Journal, limit: Limit) -> Limit:
    """Change the limits given (None leaves one as it is); the remedy's limits now."""
    return writes.set_limit(journal, limit)


def clear_limit(journal: Journal, remedy: str) -> bool:
    """Remove a remedy's limits; False if it had none."""
    return writes.clear_limit(journal, remedy)
