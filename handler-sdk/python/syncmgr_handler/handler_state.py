"""Everything one handler process knows about its session, shared by the request modules."""

from __future__ import annotations

import os
import threading
from typing import Callable, Dict, Optional

from .connection import Connection
from .contexts import HostContext
from .enumerators import EnumeratorTable, ItemSource
from .handler import Handler
from .host_callbacks import HostCallbacks
from .modeless_prompt import Prompter
from .progress_coalescer import ProgressCoalescer
from .structs import EnumItems, SessionInfo, SyncItem
from .sync_run import SyncRun


class HandlerState:
    def __init__(self, handler: Handler, connection: Connection, on_host_pid: Callable[[int], None]) -> None:
        self.handler = handler
        self.connection = connection
        self.host = HostCallbacks(connection)
        self.prompter = Prompter(self.host)
        self.on_host_pid = on_host_pid
        self.handshaken = False
        # The class ID this process serves: the environment's (§2.4), then the handshake's.
        self.clsid: Optional[str] = os.environ.get("SYNCMGR_CLSID")
        self.shutdown_requested = False
        self.session: Optional[SessionInfo] = None
        self.catalog: Dict[str, SyncItem] = {}
        self.enumerators = EnumeratorTable(self.open_item_source)
        self.missing_items = False
        self.run: Optional[SyncRun] = None
        self.progress: Optional[ProgressCoalescer] = None
        # One asynchronous phase at a time: a retry's prepare waits for the previous phase's thread.
        self.phase_lock = threading.Lock()

    def require_session(self) -> SessionInfo:
        if self.session is None:  # the host always initializes first; a bare test may not
            self.session = SessionInfo(0x3, "manual", False, False, None, self.clsid)
        return self.session

    def host_context(self) -> HostContext:
        return HostContext(self.require_session(), self.host, self.prompter)

    def open_item_source(self) -> ItemSource:
        """Calls enum_items; remembers whether the list is knowingly incomplete."""
        produced = self.handler.enum_items(self.require_session())
        self.missing_items = isinstance(produced, EnumItems) and produced.missing_items
        items = produced.items if isinstance(produced, EnumItems) else produced
        return ItemSource(items, self.catalog)
