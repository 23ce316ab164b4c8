"""What handler methods get as `ctx`: the session and the host's callbacks (HostContext), plus, for
prepare (PhaseContext) and for one item (ItemContext), progress and cancellation."""

from __future__ import annotations

import threading
from typing import Optional, Sequence, Union

from . import constants as c
from .errors import HandlerSdkError, ItemStoppedError
from .guids import canonical_guid
from .host_callbacks import HostCallbacks
from .modeless_prompt import Answers, Prompter
from .progress_coalescer import ProgressCoalescer
from .structs import ItemStatus, LogLevel, ProgressUpdate, PromptField, SessionInfo, Verdict
from .sync_run import ItemControl, SyncRun
from .wire import log_error_params, progress_to_wire

LEVELS = {LogLevel.INFORMATION: c.LOGLEVEL_INFORMATION, LogLevel.WARNING: c.LOGLEVEL_WARNING, LogLevel.ERROR: c.LOGLEVEL_ERROR}


class HostContext:
    def __init__(self, session: SessionInfo, host: HostCallbacks, prompter: Prompter) -> None:
        self.session = session
        self._host = host
        self._prompter = prompter

    def log_error(self, level: Union[LogLevel, str], text: str, error_id: Optional[str] = None, item_id: Optional[str] = None) -> None:
        """Adds an entry to the results; one with an error_id is actionable (show_error gets it back)."""
        self._host.log_error(log_error_params(LEVELS[LogLevel(level)], text, item_id, error_id))

    def delete_log_error(self, error_id: str = c.GUID_NULL) -> None:
        """Withdraws the entry logged with error_id (GUID_NULL: every entry of this handler)."""
        canonical = canonical_guid(error_id)
        if canonical is None:
            raise HandlerSdkError("INVALID_ITEM", f"error_id {error_id!r} is not a GUID")
        self._host.delete_log_error(canonical)

    def enable_modeless(self, enable: bool) -> bool:
        """Asks for the UI token (True) or gives it back (False); True when UI may be shown."""
        return self._host.enable_modeless(enable)

    def prompt(self, title: str, fields: Sequence[PromptField], text: Optional[str] = None) -> Optional[Answers]:
        """Takes the token, asks, gives it back: the answers, or None (no user may be asked, or refused)."""
        return self._prompter.prompt(title, fields, text)

    def establish_connection(self, connection: Optional[str] = None) -> bool:
        """Asks the host to bring up a connection profile (None: its default); True once it is up."""
        return self._host.establish_connection(connection)


class PhaseContext(HostContext):
    """prepare_for_sync's context: progress and cancellation of any item of the run."""

    def __init__(self, base: HostContext, run: SyncRun, progress: ProgressCoalescer) -> None:
        super().__init__(base.session, base._host, base._prompter)
        self._run = run
        self._progress = progress

    def progress(self, item_id: str, text: Optional[str] = None, value: Optional[int] = None, max: Optional[int] = None, status: Optional[ItemStatus] = None) -> Verdict:
        return self._progress.report(self._control(item_id).item_id, progress_to_wire(ProgressUpdate(text, value, max, status)))

    def is_stopped(self, item_id: str) -> bool:
        return self._control(item_id).stopped.is_set()

    def _control(self, item_id: str) -> ItemControl:
        control = self._run.control(canonical_guid(item_id) or "")
        if control is None:
            raise HandlerSdkError("UNKNOWN_ITEM", f"item {item_id} is not part of this sync")
        return control


class ItemContext(HostContext):
    """synchronize_item's context: log_error is attributed to the item."""

    def __init__(self, base: HostContext, control: ItemControl, progress: ProgressCoalescer) -> None:
        super().__init__(base.session, base._host, base._prompter)
        self.item_id = control.item_id
        self._control = control
        self._progress = progress

    def progress(self, text: Optional[str] = None, value: Optional[int] = None, max: Optional[int] = None, status: Optional[ItemStatus] = None) -> Verdict:
        """Reports without waiting for the host; returns the latest verdict the host gave for this item."""
        return self._progress.report(self.item_id, progress_to_wire(ProgressUpdate(text, value, max, status)))

    def log_error(self, level: Union[LogLevel, str], text: str, error_id: Optional[str] = None, item_id: Optional[str] = None) -> None:
        super().log_error(level, text, error_id, item_id or self.item_id)

    @property
    def cancelled(self) -> bool:
        """True once the host skipped or cancelled this item."""
        return self._control.stopped.is_set()

    @property
    def stop_reason(self) -> Optional[str]:
        """'skipped', 'stopped', or None while the item may go on."""
        return self._control.stop_reason

    @property
    def stop_event(self) -> threading.Event:
        """Set once the item is skipped or cancelled: wait on it, or hand it to a worker of yours."""
        return self._control.stopped

    def raise_if_stopped(self) -> None:
        """Raises ItemStoppedError once stopped; the item then ends skipped or stopped."""
        if self._control.stop_reason is not None:
            raise ItemStoppedError(self._control.stop_reason)

    def wait_stopped(self, timeout: Optional[float] = None) -> bool:
        """Waits until the item is skipped or cancelled (True) or the timeout passes (False)."""
        return self._control.stopped.wait(timeout)
