"""Dotted key paths (``period.start``) into plain document data, and their ``$``-form."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def get(data: Mapping[str, Any], key: str) -> Any:
    """The value at a dotted key path, or ``None`` when any part is missing."""
    current: Any = data
    for part in key.split("."):
        if not isinstance(current, Mapping) or part not in current:
            return None
        current = current[part]
    return current


def put(data: dict[str, Any], key: str, value: Any) -> None:
    """Set the value at a dotted key path, creating tables on the way."""
    parts = key.split(".")
    current = data
    for part in parts[:-1]:
        current = current.setdefault(part, {})
    current[parts[-1]] = value


def dollar(key: str, *rest: str | int) -> str:
    """The key path as errors show it: ``dollar("budget", 0, "total")`` is ``$.budget[0].total``."""
    text = "$" + "".join(f".{part}" for part in key.split(".") if part)
    for part in rest:
        text += f"[{part}]" if isinstance(part, int) else f".{part}"
    return text
