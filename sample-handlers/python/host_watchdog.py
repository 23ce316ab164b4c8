"""The orphan watchdog: a handler must not outlive its host. The host's pid comes from the
SYNCMGR_HOST_PID environment variable (watched from the first instant) and from the handshake."""

import os
import signal
import threading
import time

from syncmgr_wire import log


def process_alive(pid):
    if os.name == "nt":
        return _windows_process_alive(pid)
    try:
        os.kill(pid, 0)  # signal 0: existence check only
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # it exists, it just is not ours to signal
    return True


def _windows_process_alive(pid):
    # os.kill(pid, 0) would send CTRL_C_EVENT on Windows, so ask the kernel instead.
    import ctypes
    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    kernel32.OpenProcess.restype = ctypes.c_void_p  # a HANDLE is pointer-sized
    kernel32.WaitForSingleObject.argtypes = (ctypes.c_void_p, ctypes.c_uint32)
    kernel32.CloseHandle.argtypes = (ctypes.c_void_p,)
    handle = kernel32.OpenProcess(0x00100000, False, pid)  # SYNCHRONIZE
    if not handle:
        return ctypes.get_last_error() == 5  # ERROR_ACCESS_DENIED: it exists
    try:
        return kernel32.WaitForSingleObject(handle, 0) == 0x102  # WAIT_TIMEOUT: still running
    finally:
        kernel32.CloseHandle(handle)


def end_own_process_group():
    """A handler whose host is gone ends what it started: when this process leads its group (the
    host starts every handler as a group leader), first every process carrying this instance's
    marker outside the group (a child that called setsid, a double-forked daemon), then the whole
    group, itself included. A process run by hand that does not lead its group leaves both alone."""
    if os.name == "nt" or os.getpgid(0) != os.getpid():
        return
    instance_id = os.environ.get("SYNCMGR_INSTANCE_ID")
    if instance_id:
        for pid in _processes_marked_with(instance_id):
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass  # gone already, or not ours to signal
    try:
        os.killpg(os.getpid(), signal.SIGKILL)
    except OSError:
        pass  # the group is gone already; the caller exits anyway


def _processes_marked_with(instance_id):
    """Linux: the processes whose /proc/<pid>/environ carries the marker; elsewhere none."""
    marker = b"\0SYNCMGR_INSTANCE_ID=" + instance_id.encode() + b"\0"
    try:
        names = [name for name in os.listdir("/proc") if name.isdigit()]
    except OSError:
        return []
    found = []
    for name in names:
        pid = int(name)
        if pid == os.getpid():
            continue
        try:
            with open(f"/proc/{name}/environ", "rb") as environ:
                if marker in b"\0" + environ.read():
                    found.append(pid)
        except OSError:
            continue  # gone meanwhile, or not ours to read
    return found


class HostWatchdog:
    """Checks every second that the host lives, and calls on_gone once it does not: a crashed
    host must not leave orphan handlers behind."""

    def __init__(self, pid, on_gone):
        self._pid = pid
        self._on_gone = on_gone

    def watch(self, pid):
        self._pid = pid

    def start(self):
        threading.Thread(target=self._run, name="host-watchdog", daemon=True).start()

    def _run(self):
        while True:
            time.sleep(1)
            pid = self._pid
            if pid and not process_alive(pid):
                log(f"host process {pid} is gone; exiting")
                self._on_gone()
                return
