"""Ends what this handler started when it exits without an orderly shutdown (§7): first every
process carrying its SYNCMGR_INSTANCE_ID outside its group (a child that called setsid), then its
own process group, itself included. A process run by hand, not a group leader, leaves both alone."""

from __future__ import annotations

import os
import signal
from typing import List


def end_own_processes() -> None:
    if os.name == "nt" or os.getpgid(0) != os.getpid():
        return
    instance_id = os.environ.get("SYNCMGR_INSTANCE_ID")
    if instance_id:
        for pid in _marked_with(instance_id):
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass  # gone already, or not ours
    try:
        os.killpg(os.getpid(), signal.SIGKILL)
    except OSError:
        pass


def _marked_with(instance_id: str) -> List[int]:
    """Linux: the processes whose /proc/<pid>/environ carries the marker; elsewhere none."""
    marker = b"\0SYNCMGR_INSTANCE_ID=" + instance_id.encode() + b"\0"
    try:
        names = [name for name in os.listdir("/proc") if name.isdigit()]
    except OSError:
        return []
    found: List[int] = []
    for name in names:
        if int(name) == os.getpid():
            continue
        try:
            with open(f"/proc/{name}/environ", "rb") as environ:
                if marker in b"\0" + environ.read():
                    found.append(int(name))
        except OSError:
            continue
    return found
