"""Routes the host's requests to the request modules and answers them (§3.1, §3.3).

Requests are handled on the reader thread, so each answers at once; the asynchronous calls leave
their work to a thread of their own, started only once their answer is written."""

from __future__ import annotations

import sys
import threading
import traceback
from typing import Any, Callable, Dict

from . import constants as c
from . import enum_requests, lifecycle_requests, sync_requests, ui_requests
from .errors import RpcError
from .handler_state import HandlerState
from .replies import Reply

RequestFunction = Callable[[HandlerState, Dict[str, Any]], Reply]

METHODS: Dict[str, RequestFunction] = {
    "syncmgr/handshake": lifecycle_requests.handshake,
    "syncmgr/shutdown": lifecycle_requests.shutdown,
    "synchronize/initialize": lifecycle_requests.initialize,
    "synchronize/getHandlerInfo": lifecycle_requests.get_handler_info,
    "synchronize/setProgressCallback": lifecycle_requests.set_progress_callback,
    "synchronize/getItemObject": lifecycle_requests.get_item_object,
    "synchronize/enumSyncMgrItems": enum_requests.enum_sync_mgr_items,
    "enumItems/next": enum_requests.next_page,
    "enumItems/skip": enum_requests.skip,
    "enumItems/reset": enum_requests.reset,
    "enumItems/clone": enum_requests.clone,
    "enumItems/release": enum_requests.release,
    "synchronize/prepareForSync": sync_requests.prepare_for_sync,
    "synchronize/synchronize": sync_requests.synchronize,
    "synchronize/setItemStatus": sync_requests.set_item_status,
    "synchronize/showError": ui_requests.show_error,
    "synchronize/showProperties": ui_requests.show_properties,
}


def dispatch(state: HandlerState, message: Dict[str, Any]) -> None:
    request_id = message["id"]
    method = message.get("method")
    try:
        reply = _reply(state, method, message.get("params", {}))
    except RpcError as refusal:
        state.connection.refuse(request_id, refusal.code, refusal.message)
        return
    except Exception:  # an SDK or handler bug in a quick call: a failed HRESULT, not a dead process
        traceback.print_exc(file=sys.stderr)
        reply = Reply({"hr": c.E_FAIL})
    state.connection.answer(request_id, reply.result)
    if reply.after is not None:
        threading.Thread(target=reply.after, daemon=True, name=f"syncmgr-{method}").start()


def _reply(state: HandlerState, method: object, params: object) -> Reply:
    function = METHODS.get(method) if isinstance(method, str) else None
    if function is None:
        raise RpcError(c.METHOD_NOT_FOUND, f"unknown method {method!r}")
    if not state.handshaken and method != "syncmgr/handshake":
        raise RpcError(c.NOT_HANDSHAKEN, f"{method} before syncmgr/handshake")
    if not isinstance(params, dict):
        raise RpcError(c.INVALID_PARAMS, "params must be one JSON object")
    return function(state, params)
