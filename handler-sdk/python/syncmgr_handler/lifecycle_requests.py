"""syncmgr/handshake, syncmgr/shutdown, synchronize/initialize, getHandlerInfo, setProgressCallback."""

from __future__ import annotations

import base64
import binascii
import sys
from typing import Any, Dict

from . import constants as c
from .errors import HandlerSdkError, RpcError
from .handler_state import HandlerState
from .replies import Reply, hr, int_param
from .structs import SessionInfo
from .wire import handler_info_to_wire

Params = Dict[str, Any]


def handshake(state: HandlerState, params: Params) -> Reply:
    host_pid = params.get("hostPid")
    if isinstance(host_pid, int) and host_pid > 0:
        state.on_host_pid(host_pid)
    state.handshaken = True
    if isinstance(params.get("clsid"), str):
        state.clsid = params["clsid"]
    capabilities = params.get("capabilities")
    max_batch = capabilities.get("maxProgressBatch") if isinstance(capabilities, dict) else None
    if isinstance(max_batch, int) and not isinstance(max_batch, bool) and max_batch >= 1:
        state.host.offer_batches(max_batch)
    result: Dict[str, Any] = {"protocolVersion": c.PROTOCOL_VERSION, "capabilities": {"enumeratorNavigation": True}}
    result["handlerName"] = type(state.handler).__name__
    if state.handler.handler_version:
        result["handlerVersion"] = state.handler.handler_version
    return Reply(result)


def shutdown(state: HandlerState, params: Params) -> Reply:
    state.shutdown_requested = True
    state.host.enabled = False
    return Reply({})


def initialize(state: HandlerState, params: Params) -> Reply:
    flags = int_param(params, "syncMgrFlags")
    cookie = None
    if isinstance(params.get("cookie"), str):
        try:
            cookie = base64.b64decode(params["cookie"], validate=True)
        except (binascii.Error, ValueError):
            raise RpcError(c.INVALID_PARAMS, "cookie must be base64") from None
    event = c.EVENT_NAMES.get(flags & c.SYNCMGRFLAG_EVENTMASK, "unknown")
    state.session = SessionInfo(
        sync_mgr_flags=flags,
        event=event,
        may_bother_user=bool(flags & c.SYNCMGRFLAG_MAYBOTHERUSER),
        settings=bool(flags & c.SYNCMGRFLAG_SETTINGS),
        cookie=cookie,
        clsid=state.clsid,
    )
    try:
        takes_part = state.handler.initialize(state.session)
    except Exception as error:
        print(f"syncmgr_handler: initialize raised {type(error).__name__}: {error}", file=sys.stderr)
        return hr(c.E_FAIL)
    return hr(c.S_FALSE if takes_part is False else c.S_OK)


def get_handler_info(state: HandlerState, params: Params) -> Reply:
    try:
        info = handler_info_to_wire(state.handler.handler_info_for(state.require_session()))
    except HandlerSdkError as error:
        print(f"syncmgr_handler: {error}", file=sys.stderr)
        return hr(c.E_FAIL)
    return hr(c.S_OK, handlerInfo=info)


def set_progress_callback(state: HandlerState, params: Params) -> Reply:
    enabled = params.get("enabled")
    if not isinstance(enabled, bool):
        raise RpcError(c.INVALID_PARAMS, "enabled must be a boolean")
    state.host.enabled = enabled
    return hr(c.S_OK)


def get_item_object(state: HandlerState, params: Params) -> Reply:
    return hr(c.E_NOTIMPL)
