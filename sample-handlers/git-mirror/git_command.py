"""Runs one git command as a child process (an argv list, never a shell), feeding its progress to a
callback and ending it when the item is stopped."""

from __future__ import annotations

import os
import subprocess
import threading
from dataclasses import dataclass
from typing import Callable, List, Optional

from git_progress import GitProgress, parse_progress, split_lines

# How long git gets to exit after SIGTERM before it is killed.
TERMINATE_GRACE_SECONDS = 2.0
# How often the handler reports while git is silent (connecting, a server thinking): the answer to a
# report is the only way a cancel reaches it, and the host's hang timeout wants a message well
# within 60 s.
HEARTBEAT_SECONDS = 1.0
# The tail of git's stderr kept for the error message of a failed command.
KEPT_LINES = 8


@dataclass
class GitOutcome:
    exit_code: int
    stopped: bool  # ended because the item was stopped
    message: str  # git's last error lines ('fatal: …'), for the log


def run_git(args: List[str], on_progress: Callable[[Optional[GitProgress]], None], stop: threading.Event, cwd: Optional[str] = None) -> GitOutcome:
    """Runs git; on_progress gets each progress line parsed, and None as a heartbeat while git is silent."""
    # LC_ALL=C: messages in English, so the progress parser understands them; no prompt for
    # credentials: a handler has no terminal, and a prompt would hang it.
    env = dict(os.environ, LC_ALL="C", GIT_TERMINAL_PROMPT="0", GIT_ASKPASS="", SSH_ASKPASS="")
    child = subprocess.Popen(["git", *args], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=cwd, env=env)
    finished = threading.Event()
    stopper = threading.Thread(target=_terminate_on_stop, args=(child, stop, finished, on_progress), daemon=True)
    stopper.start()
    tail: List[str] = []
    assert child.stderr is not None
    for line in split_lines(iter(lambda: child.stderr.read1(65536), b"")):  # type: ignore[union-attr]
        progress = parse_progress(line)
        if progress is not None:
            on_progress(progress)
        else:
            tail = (tail + [line])[-KEPT_LINES:]
    exit_code = child.wait()
    finished.set()
    was_stopped = stop.is_set()
    errors = [line for line in tail if line.startswith(("fatal:", "error:"))] or tail[-2:]
    return GitOutcome(exit_code, was_stopped and exit_code != 0, " ".join(errors).strip())


def _terminate_on_stop(child: "subprocess.Popen[bytes]", stop: threading.Event, finished: threading.Event, on_progress: Callable[[Optional[GitProgress]], None]) -> None:
    # The item's event is not ours to set, so wait on it in slices until git has finished.
    while not stop.wait(HEARTBEAT_SECONDS):
        if finished.is_set():
            return
        on_progress(None)
    if child.poll() is not None:
        return
    child.terminate()
    try:
        child.wait(TERMINATE_GRACE_SECONDS)
    except subprocess.TimeoutExpired:
        child.kill()
