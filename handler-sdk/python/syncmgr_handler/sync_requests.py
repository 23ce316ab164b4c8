"""synchronize/prepareForSync, synchronize/synchronize and synchronize/setItemStatus (§5.2, §4.4).

Both phases answer at once and complete from a thread of their own; a completion is sent only once
every progress report of the phase was answered, so no verdict crosses it."""

from __future__ import annotations

import sys
import traceback
from typing import Any, Dict

from . import constants as c
from .contexts import ItemContext, PhaseContext
from .handler_state import HandlerState
from .item_runner import ItemRunner, report_final
from .progress_coalescer import ProgressCoalescer
from .replies import Reply, guid_list_param, guid_param, hr, int_param
from .structs import ItemStatus
from .sync_run import ItemControl, SyncRun

Params = Dict[str, Any]


def prepare_for_sync(state: HandlerState, params: Params) -> Reply:
    item_ids = guid_list_param(params, "itemIds")
    progress_box: Dict[str, ProgressCoalescer] = {}

    def finish_stopped(control: ItemControl) -> None:
        report_final(progress_box["progress"], control.item_id, ItemStatus(control.stop_reason or "stopped"))

    run = SyncRun(item_ids, state.catalog, finish_stopped)
    progress = ProgressCoalescer(state.host.progress, run.apply)
    progress_box["progress"] = progress
    state.run, state.progress = run, progress

    def prepare() -> None:
        with state.phase_lock:
            ctx = PhaseContext(state.host_context(), run, progress)
            items = [control.item for control in run.controls if control.item is not None]
            try:
                declined = state.handler.prepare_for_sync(items, ctx) is False
                outcome = c.S_FALSE if declined else c.S_OK
            except Exception:
                traceback.print_exc(file=sys.stderr)
                outcome = c.E_FAIL
            progress.settled()
            state.host.complete("callback/prepareForSyncCompleted", {"hr": outcome})

    return Reply({"hr": c.S_OK}, after=prepare)


def synchronize(state: HandlerState, params: Params) -> Reply:
    run, progress = state.run, state.progress
    if run is None or progress is None:
        return hr(c.E_FAIL)  # no prepareForSync before: the host never does this

    def synchronize_all() -> None:
        with state.phase_lock:
            base = state.host_context()
            runner = ItemRunner(
                run.controls,
                state.handler.synchronize_item,
                lambda control: ItemContext(base, control, progress),
                progress,
                state.handler.concurrency,
            )
            runner.run_all()
            progress.settled()
            state.host.complete("callback/synchronizeCompleted", {"hr": c.S_OK})

    return Reply({"hr": c.S_OK}, after=synchronize_all)


def set_item_status(state: HandlerState, params: Params) -> Reply:
    item_id = guid_param(params, "itemId")
    status = int_param(params, "syncMgrStatus")
    # Only a skip means anything here; a status for an item already done is ignored (§4.4).
    if status == c.SYNCMGRSTATUS_SKIPPED and state.run is not None:
        state.run.skip(item_id)
    return hr(c.S_OK)
