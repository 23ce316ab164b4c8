"""Reads git's progress from its stderr: lines end in \r while a counter runs, in \n when done.

    "Receiving objects:  45% (9/20), 1.20 KiB | 1.00 MiB/s"  ->  GitProgress("Receiving objects", 9, 20)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator, Optional

# "remote: " prefixes the server's phases (Counting, Compressing); the client's own have none.
PROGRESS = re.compile(r"^(?:remote: )?(?P<phase>[A-Z][A-Za-z ]+):\s+(?P<percent>\d+)% \((?P<done>\d+)/(?P<total>\d+)\)")


@dataclass(frozen=True)
class GitProgress:
    phase: str
    done: int
    total: int


def parse_progress(line: str) -> Optional[GitProgress]:
    match = PROGRESS.match(line.strip())
    if match is None:
        return None
    return GitProgress(match["phase"], int(match["done"]), int(match["total"]))


def split_lines(chunks: Iterator[bytes]) -> Iterator[str]:
    """git's stderr as lines, split on both \r and \n, as the bytes arrive."""
    pending = b""
    for chunk in chunks:
        pending += chunk
        parts = re.split(rb"[\r\n]", pending)
        pending = parts.pop()
        for part in parts:
            if part:
                yield part.decode("utf-8", "replace")
    if pending:
        yield pending.decode("utf-8", "replace")
