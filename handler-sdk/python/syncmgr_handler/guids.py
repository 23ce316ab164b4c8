"""GUIDs as the protocol writes them (§3.5): 36 lower-case hex digits with dashes, no braces."""

from __future__ import annotations

import uuid
from typing import Optional

from .errors import HandlerSdkError


def canonical_guid(text: object) -> Optional[str]:
    """The canonical form of a GUID given with or without braces, in any case; None if it is not one."""
    if not isinstance(text, str):
        return None
    stripped = text.strip()
    if stripped.startswith("{") and stripped.endswith("}"):
        stripped = stripped[1:-1]
    if len(stripped) != 36:
        return None
    try:
        return str(uuid.UUID(stripped))
    except ValueError:
        return None


def stable_item_id(namespace: str, key: str) -> str:
    """A GUID derived from a name (UUID v5), so an item keeps its ID across sessions and the host
    keeps the user's choices for it. namespace is a GUID the handler's author picks once."""
    canonical = canonical_guid(namespace)
    if canonical is None:
        raise HandlerSdkError("INVALID_NAMESPACE", f"stable_item_id: namespace {namespace!r} is not a GUID")
    return str(uuid.uuid5(uuid.UUID(canonical), key))
