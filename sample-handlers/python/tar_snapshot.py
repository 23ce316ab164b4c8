#!/usr/bin/env python3
"""tar-snapshot: a SyncMgr handler written in Python with the standard library only.

It knows the protocol, not our SDK: it speaks JSON-RPC 2.0 over Content-Length frames on
stdin/stdout (syncmgr_wire.py). Each configured folder is one item; synchronizing an item
writes a .tar.gz snapshot of the folder into the archive directory.

Usage: tar_snapshot.py --config FILE   (the config format is described in snapshot_config.py)
"""

import argparse
import os
import signal
import sys
import threading
import uuid

sys.dont_write_bytecode = True  # run from a source checkout: leave no __pycache__ next to the sources

from host_watchdog import HostWatchdog, end_own_process_group
from snapshot_config import ConfigError, iso_utc, latest_archive_time, load_config
from snapshot_sync import HostCallbacks, SnapshotRun, remove_partial_archives
from syncmgr_constants import (
    E_INVALIDARG, E_NOTIMPL, E_UNEXPECTED, ENV_HOST_PID, INVALID_PARAMS, NOT_HANDSHAKEN,
    PROTOCOL_VERSION, S_FALSE, S_OK, SYNCMGRITEM_LASTUPDATETIME, SYNCMGRITEMSTATE_CHECKED,
    SYNCMGRSTATUS_SKIPPED, UNKNOWN_ENUMERATOR,
)
from syncmgr_wire import Connection, ConnectionClosed, FrameError, FrameWriter, RpcError, log

HANDLER_DISPLAY_NAME = "Folder snapshots (Python)"  # GetHandlerInfo: at most 32 characters
MAX_CELT = 10000


def require(params, key, kind, method, description):
    """params[key] if it has the expected JSON type; otherwise refuse the request (InvalidParams)."""
    value = params.get(key)
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise RpcError(INVALID_PARAMS, f'{method}: "{key}" must be {description}')
    return value


def parse_guid(value, label, method):
    """The canonical (lowercase) form of a GUID param, whatever case or braces it came in."""
    try:
        if isinstance(value, str):
            return str(uuid.UUID(value))
    except ValueError:
        pass
    raise RpcError(INVALID_PARAMS, f'{method}: "{label}" must be a GUID string, not {value!r}')


class Enumerator:
    """ISyncMgrEnumItems: a cursor over a snapshot of the item list, addressed by an id."""

    def __init__(self, items, position=0):
        self.items = items
        self.position = position

    def next(self, celt):
        batch = self.items[self.position:self.position + celt]
        self.position += len(batch)
        return {"hr": S_OK if len(batch) == celt else S_FALSE, "items": batch}

    def skip(self, celt):
        skipped = min(celt, len(self.items) - self.position)
        self.position += skipped
        return {"hr": S_OK if skipped == celt else S_FALSE}


class Session:
    """Prepare/synchronize bookkeeping, shared by the reader thread and the workers."""

    IDLE, PREPARING, PREPARED, SYNCING = "idle", "preparing", "prepared", "syncing"

    def __init__(self):
        self._lock = threading.Lock()
        self._phase = self.IDLE
        self._prepared = []
        self._skipped = set()

    def begin_prepare(self, item_ids):
        with self._lock:
            if self._phase in (self.PREPARING, self.SYNCING):
                return False
            self._phase, self._prepared, self._skipped = self.PREPARING, list(item_ids), set()
            return True

    def end_prepare(self):
        with self._lock:
            self._phase = self.PREPARED

    def begin_sync(self):
        """The prepared items, or None when there was no completed PrepareForSync to run."""
        with self._lock:
            if self._phase != self.PREPARED:
                return None
            self._phase = self.SYNCING
            return list(self._prepared)

    def end_sync(self):
        with self._lock:
            self._phase = self.IDLE

    def skip(self, item_id):
        """Record a skip; False when the item is not one of the prepared items."""
        with self._lock:
            if item_id not in self._prepared:
                return False
            self._skipped.add(item_id)
            return True

    def is_skipped(self, item_id):
        with self._lock:
            return item_id in self._skipped


class TarSnapshotHandler:
    """The ISyncMgrSynchronize and ISyncMgrEnumItems methods, one function per wire method."""

    def __init__(self, config, connection, watchdog):
        self._config = config
        self._watchdog = watchdog
        self._session = Session()
        self._enumerators = {}
        self._handshaken = False
        self._progress_enabled = True  # False after SetProgressCallback(NULL): no more callbacks
        self.sync_mgr_flags = None  # Initialize's event and modifiers, kept for the session
        self._host = HostCallbacks(connection, lambda: self._progress_enabled)
        self.shutdown_requested = False
        connection.on("syncmgr/handshake", self.handshake)
        for method, function in {
            "syncmgr/shutdown": self.shutdown,
            "synchronize/initialize": self.initialize,
            "synchronize/getHandlerInfo": self.get_handler_info,
            "synchronize/enumSyncMgrItems": self.enum_sync_mgr_items,
            "synchronize/getItemObject": self.not_implemented,
            "synchronize/showProperties": self.not_implemented,
            "synchronize/showError": self.not_implemented,
            "synchronize/setProgressCallback": self.set_progress_callback,
            "synchronize/prepareForSync": self.prepare_for_sync,
            "synchronize/synchronize": self.synchronize,
            "synchronize/setItemStatus": self.set_item_status,
            "enumItems/next": self.enum_next,
            "enumItems/skip": self.enum_skip,
            "enumItems/reset": self.enum_reset,
            "enumItems/clone": self.enum_clone,
            "enumItems/release": self.enum_release,
        }.items():
            connection.on(method, self._after_handshake(method, function))

    def _after_handshake(self, method, function):
        def guarded(params):
            if not self._handshaken:
                raise RpcError(NOT_HANDSHAKEN, f"{method} arrived before syncmgr/handshake")
            return function(params)
        return guarded

    # --- lifecycle ---------------------------------------------------------------------------

    def handshake(self, params):
        version = params.get("protocolVersion")
        if not isinstance(version, str) or version.split(".")[0] != PROTOCOL_VERSION.split(".")[0]:
            log(f"host speaks protocol {version!r}; this handler speaks {PROTOCOL_VERSION}")
        host_pid = params.get("hostPid")
        if isinstance(host_pid, int) and not isinstance(host_pid, bool) and host_pid > 0:
            self._watchdog.watch(host_pid)
        self._handshaken = True
        return {
            "protocolVersion": PROTOCOL_VERSION,
            "handlerName": "tar-snapshot",
            "handlerVersion": "1.0",
            "capabilities": {"enumeratorNavigation": True},
        }

    def shutdown(self, params):
        self.shutdown_requested = True  # exit 0 once the host closes stdin
        return {}

    # --- ISyncMgrSynchronize -----------------------------------------------------------------

    def initialize(self, params):
        method = "synchronize/initialize"
        self.sync_mgr_flags = require(params, "syncMgrFlags", int, method, "an integer")
        return {"hr": S_OK}  # every event (manual, idle, scheduled, ...) is a fine time for a snapshot

    def get_handler_info(self, params):
        return {"hr": S_OK, "handlerInfo": {"handlerName": HANDLER_DISPLAY_NAME, "handlerFlags": 0}}

    def not_implemented(self, params):
        return {"hr": E_NOTIMPL}  # a failed call sends no completion

    def set_progress_callback(self, params):
        method = "synchronize/setProgressCallback"
        self._progress_enabled = require(params, "enabled", bool, method, "true or false")
        return {"hr": S_OK}

    def enum_sync_mgr_items(self, params):
        items = [self._item_of(folder) for folder in self._config.folders]
        return {"hr": S_OK, "enumeratorId": self._add_enumerator(Enumerator(items))}

    def _item_of(self, folder):
        item = {
            "itemId": folder.item_id,
            "flags": 0,
            "itemState": SYNCMGRITEMSTATE_CHECKED,
            "itemName": folder.name,
        }
        last = latest_archive_time(self._config.archive_dir, folder.slug)
        if last is not None:
            item["flags"] |= SYNCMGRITEM_LASTUPDATETIME
            item["lastUpdate"] = iso_utc(last)
        return item

    def prepare_for_sync(self, params):
        method = "synchronize/prepareForSync"
        raw_ids = require(params, "itemIds", list, method, "an array of item GUIDs")
        item_ids = []
        for index, raw_id in enumerate(raw_ids):
            item_id = parse_guid(raw_id, f"itemIds[{index}]", method)
            if item_id not in item_ids:
                item_ids.append(item_id)
        unknown = [item_id for item_id in item_ids if self._config.folder_by_item_id(item_id) is None]
        if unknown:
            log(f"prepareForSync: unknown item(s) {', '.join(unknown)}")
            return {"hr": E_INVALIDARG}
        if not self._session.begin_prepare(item_ids):
            log("prepareForSync while a prepare or a synchronize is still running")
            return {"hr": E_UNEXPECTED}
        # Nothing to ask the user: the folders are read at Synchronize time. The completion still
        # comes from another thread, as the contract wants (it may overtake this answer).
        threading.Thread(target=self._complete_prepare, name="prepare", daemon=True).start()
        return {"hr": S_OK}

    def _complete_prepare(self):
        self._session.end_prepare()  # before the completion, which lets the host call Synchronize
        try:
            self._host.complete("callback/prepareForSyncCompleted", S_OK)
        except Exception as error:
            log(f"cannot send prepareForSyncCompleted: {error}")

    def synchronize(self, params):
        item_ids = self._session.begin_sync()
        if item_ids is None:
            log("synchronize without a completed prepareForSync")
            return {"hr": E_UNEXPECTED}
        session = self._session
        run = SnapshotRun(self._config, item_ids, session.is_skipped, self._host, session.end_sync)
        threading.Thread(target=run.run, name="synchronize", daemon=True).start()
        return {"hr": S_OK}

    def set_item_status(self, params):
        method = "synchronize/setItemStatus"
        item_id = parse_guid(params.get("itemId"), "itemId", method)
        status = require(params, "syncMgrStatus", int, method, "a SYNCMGRSTATUS value")
        if status != SYNCMGRSTATUS_SKIPPED:
            log(f"setItemStatus {status}: only SYNCMGRSTATUS_SKIPPED is supported")
            return {"hr": E_INVALIDARG}
        if not self._session.skip(item_id):
            log(f"setItemStatus for {item_id}, which is not prepared")
            return {"hr": E_INVALIDARG}
        return {"hr": S_OK}

    # --- ISyncMgrEnumItems -------------------------------------------------------------------

    def _add_enumerator(self, enumerator):
        enumerator_id = str(uuid.uuid4())
        self._enumerators[enumerator_id] = enumerator
        return enumerator_id

    def _enumerator(self, params, method):
        enumerator_id = require(params, "enumeratorId", str, method, "a string")
        enumerator = self._enumerators.get(enumerator_id)
        if enumerator is None:
            raise RpcError(UNKNOWN_ENUMERATOR, f"{method}: unknown enumerator {enumerator_id!r}")
        return enumerator_id, enumerator

    def enum_next(self, params):
        _, enumerator = self._enumerator(params, "enumItems/next")
        celt = require(params, "celt", int, "enumItems/next", f"an integer from 1 to {MAX_CELT}")
        if not 1 <= celt <= MAX_CELT:
            raise RpcError(INVALID_PARAMS, f'enumItems/next: "celt" must be 1 to {MAX_CELT}, not {celt}')
        return enumerator.next(celt)

    def enum_skip(self, params):
        _, enumerator = self._enumerator(params, "enumItems/skip")
        celt = require(params, "celt", int, "enumItems/skip", "an integer")
        if celt < 0:
            raise RpcError(INVALID_PARAMS, f'enumItems/skip: "celt" must not be negative, not {celt}')
        return enumerator.skip(celt)

    def enum_reset(self, params):
        _, enumerator = self._enumerator(params, "enumItems/reset")
        enumerator.position = 0
        return {"hr": S_OK}

    def enum_clone(self, params):
        _, enumerator = self._enumerator(params, "enumItems/clone")
        clone = Enumerator(enumerator.items, enumerator.position)  # same snapshot, same position
        return {"hr": S_OK, "enumeratorId": self._add_enumerator(clone)}

    def enum_release(self, params):
        enumerator_id, _ = self._enumerator(params, "enumItems/release")
        del self._enumerators[enumerator_id]
        return {"hr": S_OK}


def terminate(code, orphaned=False):
    """Leave at once from any thread, without half-written archives; an orphan takes its children."""
    remove_partial_archives()
    sys.stderr.flush()
    if orphaned:
        end_own_process_group()
    os._exit(code)


def claim_stdout():
    """Reserve fd 1 for frames: the protocol writes to a private duplicate of it, and fd 1 and
    sys.stdout now lead to stderr, so a stray print() can never corrupt the stream."""
    wire_fd = os.dup(1)
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    return os.fdopen(wire_fd, "wb")


def host_pid_from_environment():
    value = os.environ.get(ENV_HOST_PID, "")
    return int(value) if value.isdigit() and int(value) > 0 else None


def main(argv=None):
    parser = argparse.ArgumentParser(description="SyncMgr handler: .tar.gz snapshots of folders.")
    parser.add_argument("--config", required=True, metavar="FILE", help="JSON: archiveDir and folders")
    args = parser.parse_args(argv)
    try:
        config = load_config(args.config)
    except ConfigError as error:
        log(str(error))
        return 2  # before any frame: the host shows this stderr line

    connection = Connection(sys.stdin.buffer, FrameWriter(claim_stdout()))
    watchdog = HostWatchdog(host_pid_from_environment(), on_gone=lambda: terminate(1, orphaned=True))
    handler = TarSnapshotHandler(config, connection, watchdog)
    watchdog.start()
    if hasattr(signal, "SIGTERM"):
        signal.signal(signal.SIGTERM, lambda signum, frame: terminate(128 + signum))

    try:
        connection.serve()
    except FrameError as error:
        log(f"malformed frame from the host: {error}; the stream cannot be resynchronised")
        return 1
    except ConnectionClosed as error:
        log(str(error))
        return 1
    if handler.shutdown_requested:
        return 0
    log("stdin closed without syncmgr/shutdown")
    terminate(1, orphaned=True)


if __name__ == "__main__":
    terminate(main())
