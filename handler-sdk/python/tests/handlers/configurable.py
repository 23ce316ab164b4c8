"""A tiny handler for the SDK's tests: what it does is chosen by environment variables.

Items (IDs uuid5 of their names): 'plain' succeeds; 'boom' raises; 'waits' reports progress and
waits until it is stopped; 'chatty' prints to stdout (and so does a child process) and reports
several updates; 'connects' needs the connection "vpn". CONCURRENCY sets the handler's concurrency;
PREPARE=raise or decline makes prepare_for_sync raise or decline."""

from __future__ import annotations

import os
import subprocess
from typing import Iterator, List, Optional

from syncmgr_handler import (
    Handler,
    HandlerInfo,
    ItemContext,
    ItemResult,
    ItemStatus,
    PromptField,
    SessionInfo,
    SyncItem,
    constants,
    run_handler,
    stable_item_id,
)

NAMESPACE = "3f2a9c1e-5b7d-4e8a-9c21-7d4e6b0a1f35"
NAMES = os.environ.get("ITEMS", "plain").split(",")


def item_id(name: str) -> str:
    return stable_item_id(NAMESPACE, name)


class Configurable(Handler):
    handler_info = HandlerInfo(os.environ.get("HANDLER_NAME", "configurable"), constants.SYNCMGRHANDLER_HASPROPERTIES | constants.SYNCMGRHANDLER_MAYESTABLISHCONNECTION)
    concurrency = int(os.environ.get("CONCURRENCY", "1"))

    def initialize(self, session: SessionInfo) -> Optional[bool]:
        return os.environ.get("DECLINE") != "1"

    def enum_items(self, session: SessionInfo) -> Iterator[SyncItem]:
        # A generator: the SDK reads it page by page.
        for name in NAMES:
            yield SyncItem(item_id(name), name if name != "long" else "x" * 129)

    def prepare_for_sync(self, items, ctx) -> Optional[bool]:  # type: ignore[no-untyped-def]
        if os.environ.get("PREPARE") == "raise":
            raise RuntimeError("the store is unreachable")
        return False if os.environ.get("PREPARE") == "decline" else None

    def synchronize_item(self, item: SyncItem, ctx: ItemContext) -> Optional[ItemResult]:
        if item.item_name == "boom":
            raise ValueError("the item blew up")
        if item.item_name == "chatty":
            print("this goes to stderr, not to the frames")
            subprocess.run(["echo", "so does a child's stdout"], check=True)
            for value in range(1, 6):
                ctx.progress(text=f"step {value}", value=value, max=5)
        if item.item_name == "connects" and not ctx.establish_connection("vpn"):
            return ItemResult(ItemStatus.FAILED, "no connection")
        if item.item_name == "waits":
            ctx.progress(text="waiting to be stopped")
            ctx.wait_stopped()
            ctx.raise_if_stopped()
        return None

    def show_properties(self, item_id: Optional[str], ctx) -> Optional[int]:  # type: ignore[no-untyped-def]
        answers = ctx.prompt("Settings", [PromptField("folder", "Folder", "text", "docs")])
        return constants.S_SYNCMGR_ENUMITEMS if answers and answers.get("folder") == "changed" else None

    def show_error(self, error_id: str, ctx) -> List[str]:  # type: ignore[no-untyped-def]
        return [item_id("plain")]


if __name__ == "__main__":
    run_handler(Configurable())
