"""The handler's configuration, and the identity of its items: one item per configured folder.

Config file (JSON); relative paths resolve against the config file's own directory:
    {"archiveDir": "archives",
     "folders": [{"name": "Photos", "path": "/home/me/Photos"}, ...]}
"""

import json
import os
import re
import unicodedata
import uuid
from dataclasses import dataclass
from datetime import datetime, timezone

from syncmgr_constants import MAX_SYNCMGRITEMNAME

# Item IDs are uuid5(ITEM_NAMESPACE, real path of the folder): stable across runs and machines
# without any state, which matters because the host keys the user's item choices on them.
ITEM_NAMESPACE = uuid.UUID("2f9a0c0e-3f3a-4848-b787-5cde71cab6e3")

# <slug>-20261125T152006123456Z.tar.gz: sortable, and unique down to the microsecond.
ARCHIVE_TIMESTAMP_FORMAT = "%Y%m%dT%H%M%S%fZ"
ARCHIVE_SUFFIX = ".tar.gz"


class ConfigError(Exception):
    """The config file cannot be used; the message says which file and why."""


@dataclass(frozen=True)
class Folder:
    name: str
    path: str
    item_id: str
    slug: str


@dataclass(frozen=True)
class Config:
    archive_dir: str
    folders: tuple

    def folder_by_item_id(self, item_id):
        return next((folder for folder in self.folders if folder.item_id == item_id), None)


def load_config(config_path):
    """Read and validate the config file; raises ConfigError with a precise message."""
    try:
        with open(config_path, "rb") as stream:
            data = json.loads(stream.read().decode("utf-8"))
    except OSError as error:
        raise ConfigError(f"config {config_path}: cannot read it: {error.strerror or error}") from None
    except UnicodeDecodeError as error:
        raise ConfigError(f"config {config_path}: not UTF-8 text: {error}") from None
    except json.JSONDecodeError as error:
        where = f"line {error.lineno} column {error.colno}"
        raise ConfigError(f"config {config_path}: invalid JSON at {where}: {error.msg}") from None
    base_dir = os.path.dirname(os.path.abspath(config_path))
    return _parse_config(data, config_path, base_dir)


def _parse_config(data, config_path, base_dir):
    def fail(problem):
        raise ConfigError(f"config {config_path}: {problem}")

    if not isinstance(data, dict):
        fail("the top level must be a JSON object")
    archive_dir = data.get("archiveDir")
    if not isinstance(archive_dir, str) or not archive_dir.strip():
        fail('"archiveDir" must be a non-empty string')
    folders = data.get("folders")
    if not isinstance(folders, list):
        fail('"folders" must be an array of {"name", "path"} objects')

    parsed = []
    for index, entry in enumerate(folders):
        where = f"folders[{index}]"
        if not isinstance(entry, dict):
            fail(f"{where} must be an object with \"name\" and \"path\"")
        name, path = entry.get("name"), entry.get("path")
        if not isinstance(name, str) or not name.strip():
            fail(f'{where}."name" must be a non-empty string')
        if len(name) > MAX_SYNCMGRITEMNAME:
            fail(f'{where}."name" has {len(name)} characters; at most {MAX_SYNCMGRITEMNAME} are allowed')
        if not isinstance(path, str) or not path.strip():
            fail(f'{where}."path" must be a non-empty string')
        absolute = _resolve(path, base_dir)
        item_id = item_id_for(absolute)
        parsed.append(Folder(name=name, path=absolute, item_id=item_id, slug=slugify(name, item_id)))

    _reject_duplicates(parsed, fail)
    return Config(archive_dir=_resolve(archive_dir, base_dir), folders=tuple(parsed))


def _reject_duplicates(folders, fail):
    """Two entries for one folder would share an item ID; two equal slugs would share archives."""
    seen_ids, seen_slugs = {}, {}
    for folder in folders:
        if folder.item_id in seen_ids:
            other = seen_ids[folder.item_id]
            fail(f'folders "{other}" and "{folder.name}" are the same folder ({folder.path})')
        if folder.slug in seen_slugs:
            other = seen_slugs[folder.slug]
            fail(f'folders "{other}" and "{folder.name}" would both archive as "{folder.slug}-*"')
        seen_ids[folder.item_id] = folder.name
        seen_slugs[folder.slug] = folder.name


def _resolve(path, base_dir):
    return os.path.normpath(os.path.join(base_dir, os.path.expanduser(path)))


def item_id_for(path):
    """The item ID of a folder, in the canonical lowercase GUID form of the wire."""
    return str(uuid.uuid5(ITEM_NAMESPACE, os.path.realpath(path)))


def slugify(name, item_id):
    """A file-name-safe form of a folder's display name ("My Photos" -> "my-photos")."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:60]
    return slug or f"folder-{item_id[:8]}"  # a name with no ASCII letters still needs a stable slug


def archive_name(slug, moment):
    return f"{slug}-{moment.strftime(ARCHIVE_TIMESTAMP_FORMAT)}{ARCHIVE_SUFFIX}"


def latest_archive_time(archive_dir, slug):
    """When the newest archive of this slug was taken, read from its name; None when there is none."""
    pattern = re.compile(re.escape(slug) + r"-(\d{8}T\d{12}Z)" + re.escape(ARCHIVE_SUFFIX) + "$")
    try:
        names = os.listdir(archive_dir)
    except OSError:
        return None  # no archive directory yet: nothing was archived
    stamps = [match.group(1) for match in map(pattern.match, names) if match]
    if not stamps:
        return None
    newest = max(stamps)  # the fixed-width format sorts chronologically
    return datetime.strptime(newest, ARCHIVE_TIMESTAMP_FORMAT).replace(tzinfo=timezone.utc)


def iso_utc(moment):
    """ISO 8601 in UTC with milliseconds, as the wire's lastUpdate: 2026-11-25T15:20:06.123Z."""
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"
