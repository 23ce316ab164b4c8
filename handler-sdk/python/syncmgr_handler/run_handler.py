"""The entry point: serves one handler on stdin/stdout until the host closes stdin."""

from __future__ import annotations

import os
import sys
from typing import NoReturn

from .connection import Connection
from .dispatcher import dispatch
from .errors import FrameError
from .handler import Handler
from .handler_state import HandlerState
from .own_processes import end_own_processes
from .parent_watchdog import ParentWatchdog, parse_pid
from .stdio_guard import claim_stdio


def run_handler(handler: Handler) -> NoReturn:
    """Serves `handler`; exits 0 when stdin closes after syncmgr/shutdown, and ends what the handler
    started when the host vanished instead (stdin closed without shutdown, or the host pid gone)."""
    frames_in, frames_out = claim_stdio()
    watchdog = ParentWatchdog(lambda: _exit_orphaned("the host process is gone"))
    host_pid = parse_pid(os.environ.get("SYNCMGR_HOST_PID"))
    if host_pid is not None:
        watchdog.watch(host_pid)
    connection = Connection(frames_in, frames_out)
    state = HandlerState(handler, connection, watchdog.watch)
    try:
        connection.serve(lambda message: dispatch(state, message))
    except FrameError as error:
        # §7: a malformed stream cannot be resynchronized: say why on stderr and exit.
        print(f"syncmgr_handler: malformed frame from the host: {error}", file=sys.stderr)
        _exit(2)
    if not state.shutdown_requested:
        _exit_orphaned("stdin closed without syncmgr/shutdown")
    _exit(0)


def _exit_orphaned(why: str) -> NoReturn:
    print(f"syncmgr_handler: {why}; ending this handler and what it started", file=sys.stderr)
    sys.stderr.flush()
    end_own_processes()
    _exit(1)


def _exit(code: int) -> NoReturn:
    # os._exit: worker threads may be blocked on the host, which will never answer now.
    sys.stderr.flush()
    os._exit(code)
