"""synchronize/enumSyncMgrItems and enumItems/* (§5.3)."""

from __future__ import annotations

import sys
import traceback
from typing import Any, Dict

from . import constants as c
from .enumerators import Cursor
from .errors import RpcError
from .handler_state import HandlerState
from .replies import Reply, hr, int_param

Params = Dict[str, Any]


def enum_sync_mgr_items(state: HandlerState, params: Params) -> Reply:
    try:
        source = state.open_item_source()
    except Exception:
        traceback.print_exc(file=sys.stderr)
        return hr(c.E_FAIL)
    enumerator_id = state.enumerators.create(source)
    return hr(c.S_SYNCMGR_MISSINGITEMS if state.missing_items else c.S_OK, enumeratorId=enumerator_id)


def next_page(state: HandlerState, params: Params) -> Reply:
    cursor = _cursor(state, params)
    celt = int_param(params, "celt", 1, c.MAX_CELT)
    try:
        page = cursor.next_page(celt)
    except Exception:  # a bad item (HandlerSdkError names it) or a generator that raised
        traceback.print_exc(file=sys.stderr)
        return hr(c.E_FAIL, items=[])
    return hr(c.S_OK if len(page) == celt else c.S_FALSE, items=page)


def skip(state: HandlerState, params: Params) -> Reply:
    cursor = _cursor(state, params)
    celt = int_param(params, "celt")
    try:
        skipped_all = cursor.skip(celt)
    except Exception:
        traceback.print_exc(file=sys.stderr)
        return hr(c.E_FAIL)
    return hr(c.S_OK if skipped_all else c.S_FALSE)


def reset(state: HandlerState, params: Params) -> Reply:
    cursor = _cursor(state, params)
    try:
        state.enumerators.reset(cursor)
    except Exception:
        traceback.print_exc(file=sys.stderr)
        return hr(c.E_FAIL)
    return hr(c.S_OK)


def clone(state: HandlerState, params: Params) -> Reply:
    return hr(c.S_OK, enumeratorId=state.enumerators.clone(_cursor(state, params)))


def release(state: HandlerState, params: Params) -> Reply:
    _cursor(state, params)
    state.enumerators.release(params["enumeratorId"])
    return hr(c.S_OK)


def _cursor(state: HandlerState, params: Params) -> Cursor:
    cursor = state.enumerators.get(params.get("enumeratorId"))
    if cursor is None:
        raise RpcError(c.UNKNOWN_ENUMERATOR, f"unknown enumerator {params.get('enumeratorId')!r}")
    return cursor
