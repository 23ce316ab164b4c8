#!/usr/bin/env python3
"""git-mirror's launcher: `python3 git_mirror.py --config FILE`.

It runs from the repository checkout without installing the SDK: handler-sdk/python is put on
sys.path unless syncmgr_handler is installed (`pip install ./handler-sdk/python`)."""

from __future__ import annotations

import argparse
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
try:
    import syncmgr_handler  # noqa: F401  (installed)
except ImportError:
    sys.path.insert(1, os.path.join(HERE, "..", "..", "handler-sdk", "python"))

from git_mirror_handler import GitMirrorHandler  # noqa: E402
from syncmgr_handler import run_handler  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description="SyncMgr handler that mirrors git repositories")
    parser.add_argument("--config", required=True, help="JSON file listing the repositories")
    arguments = parser.parse_args()
    run_handler(GitMirrorHandler(os.path.abspath(arguments.config)))


if __name__ == "__main__":
    main()
