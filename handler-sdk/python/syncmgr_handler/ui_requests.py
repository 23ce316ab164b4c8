"""synchronize/showError (§4.5) and synchronize/showProperties (§4.6): answered at once, completed later."""

from __future__ import annotations

import sys
import traceback
from typing import Any, Dict, List

from . import constants as c
from .errors import HandlerSdkError
from .guids import canonical_guid
from .handler import overrides
from .handler_state import HandlerState
from .replies import Reply, guid_param, hr
from .structs import ShowErrorResult

Params = Dict[str, Any]


def show_error(state: HandlerState, params: Params) -> Reply:
    error_id = guid_param(params, "errorId")
    if not overrides(state.handler, "show_error"):
        return hr(c.E_NOTIMPL)

    def run() -> None:
        with state.phase_lock:
            try:
                retry = _retry_ids(state.handler.show_error(error_id, state.host_context()))
                completion = {"hr": c.S_SYNCMGR_RETRYSYNC if retry else c.S_OK, "itemIds": retry}
            except Exception:
                traceback.print_exc(file=sys.stderr)
                completion = {"hr": c.E_FAIL, "itemIds": []}
            state.host.complete("callback/showErrorCompleted", completion)

    return Reply({"hr": c.S_OK}, after=run)


def show_properties(state: HandlerState, params: Params) -> Reply:
    item_id = guid_param(params, "itemId")
    if not overrides(state.handler, "show_properties"):
        return hr(c.E_NOTIMPL)

    def run() -> None:
        try:
            outcome = state.handler.show_properties(None if item_id == c.GUID_NULL else item_id, state.host_context())
            outcome = c.S_OK if outcome is None else outcome
            if not isinstance(outcome, int) or not 0 <= outcome <= 0xFFFFFFFF:
                raise HandlerSdkError("INVALID_HRESULT", f"show_properties returned {outcome!r}, not an HRESULT")
        except Exception:
            traceback.print_exc(file=sys.stderr)
            outcome = c.E_FAIL
        state.host.complete("callback/showPropertiesCompleted", {"hr": outcome})

    return Reply({"hr": c.S_OK}, after=run)


def _retry_ids(result: Any) -> List[str]:
    ids = result.retry_item_ids if isinstance(result, ShowErrorResult) else (result or [])
    canonical = [canonical_guid(item_id) for item_id in ids]
    if any(item_id is None for item_id in canonical):
        raise HandlerSdkError("INVALID_ITEM", f"show_error returned item IDs that are not GUIDs: {ids!r}")
    return [item_id for item_id in canonical if item_id is not None]
