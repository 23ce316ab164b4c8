"""The orphan watchdog (§2.4): a handler must not outlive its host.

The host's pid comes from SYNCMGR_HOST_PID (watched from the first instant) and from the
handshake's hostPid; once it is gone the handler ends what it started and exits."""

from __future__ import annotations

import os
import threading
from typing import Callable, Optional, Set

POLL_SECONDS = 0.5


def process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)  # signal 0: an existence check only
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # it exists, it is just not ours to signal
    return True


def parse_pid(text: Optional[str]) -> Optional[int]:
    return int(text) if text is not None and text.isdigit() and int(text) > 0 else None


class ParentWatchdog:
    def __init__(self, on_gone: Callable[[], None]) -> None:
        self._on_gone = on_gone
        self._pids: Set[int] = set()
        self._lock = threading.Lock()
        self._thread: Optional[threading.Thread] = None

    def watch(self, pid: int) -> None:
        with self._lock:
            self._pids.add(pid)
            if self._thread is None:
                self._thread = threading.Thread(target=self._poll, daemon=True, name="syncmgr-watchdog")
                self._thread.start()

    def _poll(self) -> None:
        stopped = threading.Event()
        while not stopped.wait(POLL_SECONDS):
            with self._lock:
                gone = any(not process_alive(pid) for pid in self._pids)
            if gone:
                self._on_gone()
                return
