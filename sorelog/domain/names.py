"""Normalising the free-text names of remedies and side effects, so a name matches itself
however it was typed: case, spaces and Unicode composition (NFC) do not matter."""

from __future__ import annotations

import unicodedata

from sorelog.domain.symptoms import SIDE_EFFECTS, SYMPTOM_ALIASES

MAX_NAME = 80


def _clean(text: str, what: str) -> str:
    # NFC: "é" typed as one character or as e + a combining accent is one name.
    words = unicodedata.normalize("NFC", text).strip().lower().split()
    if not words:
        raise ValueError(f"{what} name is empty")
    name = " ".join(words)
    if len(name) > MAX_NAME:
        raise ValueError(f"{what} name is longer than {MAX_NAME} characters")
    if any(not ch.isprintable() for ch in name):
        raise ValueError(f"{what} name contains control characters; use plain text")
    return name


def workout_name(text: str) -> str:
    """A workout's name as typed (kept exactly: it is the person's own words), under the
    same length limit as other names; ValueError for an empty or over-long one."""
    if not text.strip():
        raise ValueError("a workout needs a name, like 'leg day'")
    if len(text) > MAX_NAME:
        raise ValueError(f"a workout's name is longer than {MAX_NAME} characters")
    return text


def normalise_remedy(text: str) -> str:
    """'  Ibuprofen ' -> 'ibuprofen'; 'Fish  Oil' -> 'fish oil'."""
    return _clean(text, "remedy")


def normalise_effect(text: str) -> str:
    """'Digestive upset' -> 'digestive-upset', matching the spec's listed effects; the words
    people use for a listed effect ('short of breath', 'passed out') are stored as its name."""
    name = _clean(text, "side effect").replace("_", "-").replace(" ", "-")
    alias = SYMPTOM_ALIASES.get(name)
    return alias if alias in SIDE_EFFECTS else name
