"""The configuration of git-mirror: which repositories to mirror, and where.

    {"repositories": [{"name": "notes", "source": "~/src/notes", "mirror": "mirrors/notes.git"}]}

`source` is a local path or a URL; relative paths (of source and mirror) are taken from the
config file's folder. An item's ID is derived from its name, so keep names stable."""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from typing import Any, Dict, List


class ConfigError(Exception):
    """The config file is missing, not JSON, or lacks a field; `code` says which."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code


@dataclass
class Repository:
    name: str
    source: str  # as written: a path (maybe relative) or a URL
    mirror: str  # as written
    base_dir: str

    @property
    def is_url(self) -> bool:
        # As git sees it: scp-like "host:path" is a URL when no slash comes before the colon, but a
        # Windows drive letter ("C:\\") is not.
        prefix, colon, _ = self.source.partition(":")
        return "://" in self.source or (bool(colon) and "/" not in prefix and len(prefix) > 1)

    @property
    def source_location(self) -> str:
        return self.source if self.is_url else self._resolve(self.source)

    @property
    def mirror_path(self) -> str:
        return self._resolve(self.mirror)

    def _resolve(self, path: str) -> str:
        return os.path.normpath(os.path.join(self.base_dir, os.path.expanduser(path)))


def load_config(path: str) -> List[Repository]:
    try:
        with open(path, encoding="utf-8") as file:
            data = json.load(file)
    except OSError as error:
        raise ConfigError("CONFIG_UNREADABLE", f"cannot read {path}: {error.strerror}") from None
    except ValueError as error:
        raise ConfigError("CONFIG_NOT_JSON", f"{path} is not JSON: {error}") from None
    entries = data.get("repositories") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise ConfigError("CONFIG_INVALID", f'{path} needs a "repositories" array')
    base_dir = os.path.dirname(os.path.abspath(path))
    repositories = []
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict) or not all(isinstance(entry.get(key), str) and entry[key] for key in ("name", "source", "mirror")):
            raise ConfigError("CONFIG_INVALID", f"repositories[{index}] needs name, source and mirror strings")
        repositories.append(Repository(entry["name"], entry["source"], entry["mirror"], base_dir))
    return repositories


def save_config(path: str, repositories: List[Repository]) -> None:
    """Writes the config atomically, so a crash never leaves half a file."""
    data: Dict[str, Any] = {"repositories": [{"name": r.name, "source": r.source, "mirror": r.mirror} for r in repositories]}
    folder = os.path.dirname(os.path.abspath(path))
    fd, temporary = tempfile.mkstemp(dir=folder, prefix=".git-mirror-", suffix=".json")
    with os.fdopen(fd, "w", encoding="utf-8") as file:
        json.dump(data, file, indent=2)
        file.write("\n")
    os.replace(temporary, path)
