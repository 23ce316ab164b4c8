"""The Synchronize worker: one .tar.gz snapshot per prepared folder, reported through progress.

Cancel reaches us only as the answer to our own progress calls (S_SYNCMGR_CANCELITEM/ALL, compared
exactly); skip reaches us as setItemStatus, which the session records and we poll before each file.
Every item ends with exactly one final status: SUCCEEDED, FAILED, SKIPPED or STOPPED.
"""

import os
import stat
import tarfile
import tempfile
import threading
import traceback
from datetime import datetime, timezone

from snapshot_config import archive_name
from syncmgr_constants import (
    E_FAIL, S_OK, S_SYNCMGR_CANCELALL, S_SYNCMGR_CANCELITEM,
    SYNCMGRLOGERROR_ITEMID, SYNCMGRLOGLEVEL_ERROR, SYNCMGRLOGLEVEL_WARNING,
    SYNCMGRPROGRESSITEM_MAXVALUE, SYNCMGRPROGRESSITEM_PROGVALUE,
    SYNCMGRPROGRESSITEM_STATUSTEXT, SYNCMGRPROGRESSITEM_STATUSTYPE,
    SYNCMGRSTATUS_FAILED, SYNCMGRSTATUS_SKIPPED, SYNCMGRSTATUS_STOPPED,
    SYNCMGRSTATUS_SUCCEEDED, SYNCMGRSTATUS_UPDATING,
)
from syncmgr_wire import ConnectionClosed, log

# Archives being written, so an exit in the middle of one (shutdown, lost host) removes it.
_partial_archives = set()
_partial_lock = threading.Lock()


def remove_partial_archives():
    with _partial_lock:
        paths = list(_partial_archives)
    for path in paths:
        _remove_quietly(path)


def _remove_quietly(path):
    try:
        os.remove(path)
    except OSError:
        pass


class HostCallbacks:
    """The handler's calls back into the host, as JSON-RPC requests that wait for their answer."""

    def __init__(self, connection, progress_enabled):
        self._connection = connection
        self._progress_enabled = progress_enabled  # () -> bool: False after SetProgressCallback(NULL)

    def progress(self, item_id, status=None, text=None, value=None, maximum=None):
        """Report on one item; returns the host's verdict (S_OK or a cancel code)."""
        if not self._progress_enabled():
            return S_OK
        item, mask = {}, 0
        for bit, key, field in (
            (SYNCMGRPROGRESSITEM_STATUSTEXT, "statusText", text),
            (SYNCMGRPROGRESSITEM_STATUSTYPE, "statusType", status),
            (SYNCMGRPROGRESSITEM_PROGVALUE, "progValue", value),
            (SYNCMGRPROGRESSITEM_MAXVALUE, "maxValue", maximum),
        ):
            if field is not None:
                item[key] = field
                mask |= bit
        item["mask"] = mask
        result = self._connection.request("callback/progress", {"itemId": item_id, "progressItem": item})
        return result.get("hr", S_OK) if isinstance(result, dict) else S_OK

    def log_error(self, level, text, item_id=None):
        log(text)
        if not self._progress_enabled():
            return
        params = {"errorLevel": level, "errorText": text}
        if item_id is not None:
            params["logErrorInfo"] = {"mask": SYNCMGRLOGERROR_ITEMID, "itemId": item_id}
        self._connection.request("callback/logError", params)

    def complete(self, method, hr):
        self._connection.request(method, {"hr": hr})


class StopItem(Exception):
    """Ends the current item early with a final status (STOPPED, SKIPPED or FAILED)."""

    def __init__(self, status, text):
        super().__init__(text)
        self.status = status
        self.text = text


def list_files(root, excluded_dir):
    """(relative path with "/", full path) of every non-directory under root, sorted, plus the
    subdirectories that could not be listed. Symlinked directories are not followed (no cycles);
    excluded_dir (the archive directory) is never read, so we never archive our own output."""
    excluded = os.path.realpath(excluded_dir)
    files, unreadable_dirs = [], []
    pending = [("", root)]  # an explicit stack: a deep tree must not hit the recursion limit
    while pending:
        prefix, directory = pending.pop()
        if os.path.realpath(directory) == excluded:
            continue
        try:
            with os.scandir(directory) as scan:
                entries = list(scan)
        except OSError as error:
            if directory is root:
                raise
            unreadable_dirs.append((directory, error))
            continue
        for entry in entries:
            relative = prefix + entry.name
            if _is_real_directory(entry):
                pending.append((relative + "/", entry.path))
            else:
                files.append((relative, entry.path))
    files.sort()
    return files, unreadable_dirs


def _is_real_directory(entry):
    try:
        return entry.is_dir(follow_symlinks=False)
    except OSError:
        return False


def open_regular_file(path):
    """Open a file for archiving, following symlinks. O_NONBLOCK keeps a FIFO from blocking the
    open; anything but a regular file is refused."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError("not a regular file")
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def describe(error):
    return error.strerror if getattr(error, "strerror", None) else str(error)


def plural(count, noun):
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


class SnapshotRun:
    """One Synchronize: archives the prepared folders in order, then sends SynchronizeCompleted."""

    def __init__(self, config, item_ids, is_skipped, host, on_finished):
        self._config = config
        self._item_ids = list(item_ids)
        self._is_skipped = is_skipped  # (item_id) -> bool, fed by setItemStatus on the reader thread
        self._host = host
        self._on_finished = on_finished  # called before the completion is sent
        self._cancel_all = False
        self._current = None
        self._reported = set()

    def run(self):
        """The worker thread's body. Never raises: any failure still ends in a completion."""
        hr = S_OK
        try:
            self._archive_all()
        except ConnectionClosed as error:
            log(f"synchronize abandoned: {error}")
            self._on_finished()
            return
        except Exception as error:  # a bug or the host refusing a callback: report, don't vanish
            log(f"synchronize failed unexpectedly:\n{traceback.format_exc()}")
            hr = E_FAIL
            self._fail_remaining(error)
        self._on_finished()
        try:
            self._host.complete("callback/synchronizeCompleted", hr)
        except Exception as error:
            log(f"cannot send synchronizeCompleted: {error}")

    def _archive_all(self):
        for item_id in self._item_ids:
            self._current = item_id
            folder = self._config.folder_by_item_id(item_id)
            if self._cancel_all:
                self._finish(item_id, SYNCMGRSTATUS_STOPPED, "stopped: synchronization cancelled")
            elif self._is_skipped(item_id):
                self._finish(item_id, SYNCMGRSTATUS_SKIPPED, "skipped")
            else:
                try:
                    status, text = self._archive_folder(folder)
                except StopItem as stop:
                    status, text = stop.status, stop.text
                self._finish(item_id, status, text)
        self._current = None

    def _finish(self, item_id, status, text):
        verdict = self._host.progress(item_id, status=status, text=text)
        self._reported.add(item_id)
        if verdict == S_SYNCMGR_CANCELALL:
            self._cancel_all = True  # the item is done already; the cancel applies to the rest

    def _fail_remaining(self, error):
        try:
            self._host.log_error(SYNCMGRLOGLEVEL_ERROR, f"synchronize failed unexpectedly: {type(error).__name__}: {error}", self._current)
        except Exception as log_failure:
            log(f"cannot log the error: {log_failure}")
        for item_id in self._item_ids:
            if item_id in self._reported:
                continue
            try:
                self._host.progress(item_id, status=SYNCMGRSTATUS_FAILED, text="failed: internal error")
            except Exception as report_failure:
                log(f"cannot report {item_id} failed: {report_failure}")

    def _obey(self, item_id, verdict):
        """Act on a progress answer; the cancel codes are success codes, so compare exactly."""
        if verdict == S_SYNCMGR_CANCELALL:
            self._cancel_all = True
            raise StopItem(SYNCMGRSTATUS_STOPPED, "stopped: synchronization cancelled")
        if verdict == S_SYNCMGR_CANCELITEM:
            raise StopItem(SYNCMGRSTATUS_STOPPED, "stopped: cancelled")
        if self._is_skipped(item_id):
            raise StopItem(SYNCMGRSTATUS_SKIPPED, "skipped")

    def _fail(self, item_id, text):
        self._host.log_error(SYNCMGRLOGLEVEL_ERROR, text, item_id)
        return SYNCMGRSTATUS_FAILED, f"failed: {text}"

    def _archive_folder(self, folder):
        item_id = folder.item_id
        self._obey(item_id, self._host.progress(item_id, SYNCMGRSTATUS_UPDATING, f"scanning {folder.path}"))
        if not os.path.isdir(folder.path):
            return self._fail(item_id, f'folder "{folder.name}" is missing or not a directory: {folder.path}')
        try:
            files, unreadable_dirs = list_files(folder.path, self._config.archive_dir)
        except OSError as error:
            return self._fail(item_id, f'cannot read folder "{folder.name}" ({folder.path}): {describe(error)}')
        for directory, error in unreadable_dirs:
            text = f"cannot read directory {directory}: {describe(error)} (skipped)"
            self._host.log_error(SYNCMGRLOGLEVEL_WARNING, text, item_id)
        total = len(files)
        announce = f"archiving {plural(total, 'file')}"
        self._obey(item_id, self._host.progress(item_id, SYNCMGRSTATUS_UPDATING, announce, 0, total))
        archive_dir = self._config.archive_dir
        try:
            os.makedirs(archive_dir, exist_ok=True)
            fd, partial = tempfile.mkstemp(prefix=f".{folder.slug}-", suffix=".partial", dir=archive_dir)
        except OSError as error:
            return self._fail(item_id, f"cannot write to {archive_dir}: {describe(error)}")
        with _partial_lock:
            _partial_archives.add(partial)
        try:
            return self._write_archive(folder, files, fd, partial)
        finally:
            with _partial_lock:
                _partial_archives.discard(partial)
            _remove_quietly(partial)  # a no-op once os.replace has moved it into place

    def _write_archive(self, folder, files, fd, partial):
        """Write under a temporary name, then rename: nobody ever sees half an archive."""
        item_id = folder.item_id
        total = len(files)
        archived = 0
        try:
            with os.fdopen(fd, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz") as tar:
                for done, (relative, path) in enumerate(files, 1):
                    if self._add_file(tar, folder, relative, path):
                        archived += 1
                    verdict = self._host.progress(item_id, SYNCMGRSTATUS_UPDATING, relative, done, total)
                    self._obey(item_id, verdict)
        except OSError as error:  # writing the archive itself failed (e.g. the disk is full)
            return self._fail(item_id, f"cannot write the archive of {folder.path}: {describe(error)}")
        name = archive_name(folder.slug, datetime.now(timezone.utc))
        try:
            os.replace(partial, os.path.join(self._config.archive_dir, name))
        except OSError as error:
            return self._fail(item_id, f"cannot create {name}: {describe(error)}")
        text = f"archived {plural(archived, 'file')} to {name}"
        if archived < total:
            text += f" ({total - archived} unreadable, skipped)"
        return SYNCMGRSTATUS_SUCCEEDED, text

    def _add_file(self, tar, folder, relative, path):
        """Add one file; an unreadable one is logged as a warning and left out (False)."""
        try:
            source = open_regular_file(path)
        except OSError as error:
            text = f"cannot read {path}: {describe(error)} (skipped)"
            self._host.log_error(SYNCMGRLOGLEVEL_WARNING, text, folder.item_id)
            return False
        with source:
            info = tar.gettarinfo(arcname=relative, fileobj=source)
            try:
                tar.addfile(info, source)
            except OSError as error:
                # The member's header is written already: the archive cannot be repaired.
                text = f"archiving {path} failed midway: {describe(error)}; archive discarded"
                self._host.log_error(SYNCMGRLOGLEVEL_ERROR, text, folder.item_id)
                raise StopItem(SYNCMGRSTATUS_FAILED, f"failed: {text}") from None
        return True
