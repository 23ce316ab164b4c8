"""syncmgr_handler: write a SyncMgr handler in Python (standard library only).

    from syncmgr_handler import Handler, HandlerInfo, SyncItem, run_handler, stable_item_id
"""

from __future__ import annotations

from . import constants
from .contexts import HostContext, ItemContext, PhaseContext
from .errors import ConnectionClosed, FrameError, HandlerSdkError, ItemStoppedError, RpcError
from .guids import canonical_guid, stable_item_id
from .handler import Handler
from .run_handler import run_handler
from .structs import (
    EnumItems,
    HandlerInfo,
    ItemResult,
    ItemStatus,
    LogLevel,
    ProgressUpdate,
    PromptField,
    SessionInfo,
    ShowErrorResult,
    SyncItem,
    Verdict,
)

__version__ = "0.1.0"

__all__ = [
    "ConnectionClosed",
    "EnumItems",
    "FrameError",
    "Handler",
    "HandlerInfo",
    "HandlerSdkError",
    "HostContext",
    "ItemContext",
    "ItemResult",
    "ItemStatus",
    "ItemStoppedError",
    "LogLevel",
    "PhaseContext",
    "ProgressUpdate",
    "PromptField",
    "RpcError",
    "SessionInfo",
    "ShowErrorResult",
    "SyncItem",
    "Verdict",
    "canonical_guid",
    "constants",
    "run_handler",
    "stable_item_id",
]
