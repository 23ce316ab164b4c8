"""Keeps stdout for frames and stdin for the host (§2.2).

The real descriptors are moved to private, non-inheritable ones; fd 1 then points at stderr, so a
print(), a C library or a child process writing to "stdout" cannot corrupt the framing, and fd 0
at /dev/null, so a child (git asking for a password) cannot eat the host's frames."""

from __future__ import annotations

import io
import os
import sys
from typing import BinaryIO, Tuple


def claim_stdio() -> Tuple[BinaryIO, BinaryIO]:
    """(frames_in, frames_out): binary streams on the host's pipes, for the connection only."""
    frames_in_fd = os.dup(0)
    frames_out_fd = os.dup(1)
    os.dup2(2, 1)
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.close(devnull)
    sys.stdout = sys.stderr
    frames_in = io.open(frames_in_fd, "rb", buffering=65536)
    frames_out = io.open(frames_out_fd, "wb", buffering=0)
    return frames_in, frames_out  # type: ignore[return-value]
