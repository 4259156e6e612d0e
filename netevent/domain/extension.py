"""How a facilitator's own data file extends the packaged vocabulary (ask rules, contact spheres)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def merge_data(base: Mapping[str, Any], extra: Mapping[str, Any]) -> dict[str, Any]:
    """Lay a user's extension over the packaged data: lists are extended, tables merged, text replaced."""
    out: dict[str, Any] = dict(base)
    for key, value in extra.items():
        old = out.get(key)
        if isinstance(old, Mapping) and isinstance(value, Mapping):
            out[key] = merge_data(old, value)
        elif isinstance(old, list) and isinstance(value, list):
            out[key] = old + [v for v in value if v not in old]
        else:
            out[key] = value
    return out
