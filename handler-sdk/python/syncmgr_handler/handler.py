"""The public shape of a handler: subclass Handler and override what you need.

The SDK answers the host, runs the items and reports their final statuses; a handler only says
what its items are and how to synchronize one."""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable, List, Optional, Sequence, Union

from .structs import EnumItems, HandlerInfo, ItemResult, SessionInfo, ShowErrorResult, SyncItem

if TYPE_CHECKING:
    from .contexts import HostContext, ItemContext, PhaseContext


class Handler:
    #: GetHandlerInfo's answer (a name of 1 to 32 characters), or override handler_info_for.
    handler_info: HandlerInfo = HandlerInfo("Python handler")
    #: How many items synchronize_item runs at once, on as many threads; 1: one after the other.
    concurrency: int = 1
    #: Reported in the handshake, for the host's logs.
    handler_version: Optional[str] = None

    def handler_info_for(self, session: SessionInfo) -> HandlerInfo:
        return self.handler_info

    def initialize(self, session: SessionInfo) -> Optional[bool]:
        """Return False to decline this session (S_FALSE). A raise answers E_FAIL."""
        return True

    def enum_items(self, session: SessionInfo) -> Union[Iterable[SyncItem], EnumItems]:
        """The items: a list, any iterable or a generator (read page by page as the host asks).
        Called for each enumeration and again for enumItems/reset."""
        return []

    def prepare_for_sync(self, items: Sequence[SyncItem], ctx: "PhaseContext") -> Optional[bool]:
        """Runs after PrepareForSync was answered. Return False to decline (S_FALSE); a raise completes with E_FAIL."""
        return None

    def synchronize_item(self, item: SyncItem, ctx: "ItemContext") -> Optional[ItemResult]:
        """Synchronizes one item; None means succeeded, a raise fails it (the message is logged for the item)."""
        raise NotImplementedError(f"{type(self).__name__} does not implement synchronize_item")

    def show_properties(self, item_id: Optional[str], ctx: "HostContext") -> Optional[int]:
        """An item's properties (item_id None: the handler's own). Returns the completion's HRESULT
        (S_SYNCMGR_ENUMITEMS: the items changed, enumerate again); None: S_OK. Not overridden: E_NOTIMPL."""
        return None

    def show_error(self, error_id: str, ctx: "HostContext") -> Union[None, ShowErrorResult, List[str]]:
        """The user opened an actionable entry: return item IDs (or a ShowErrorResult) to retry them.
        Not overridden: E_NOTIMPL."""
        return None


def overrides(handler: Handler, name: str) -> bool:
    """Whether the handler's class implements a method the base class only declares."""
    return getattr(type(handler), name) is not getattr(Handler, name)
