"""A PEP 517 (and PEP 660) build backend with no dependencies, for the pure-Python package
syncmgr_handler: wheels and sdists are written with zipfile and tarfile. Metadata comes from the
constants below, kept in step with pyproject.toml's [project] table."""

from __future__ import annotations

import base64
import hashlib
import io
import os
import tarfile
import zipfile
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

NAME = "syncmgr_handler"
DIST = "syncmgr_handler"
VERSION = "0.1.0"
SUMMARY = "Write SyncMgr handlers in Python: the handler SDK of syncmgr (standard library only)"
ROOT = Path(__file__).resolve().parent.parent
TAG = "py3-none-any"


def get_requires_for_build_wheel(config_settings: Optional[Dict[str, Any]] = None) -> List[str]:
    return []


def get_requires_for_build_sdist(config_settings: Optional[Dict[str, Any]] = None) -> List[str]:
    return []


def get_requires_for_build_editable(config_settings: Optional[Dict[str, Any]] = None) -> List[str]:
    return []


def _metadata() -> bytes:
    return (
        f"Metadata-Version: 2.1\nName: syncmgr-handler\nVersion: {VERSION}\nSummary: {SUMMARY}\n"
        "Requires-Python: >=3.9\nLicense: MIT\n"
    ).encode()


def _wheel_file() -> bytes:
    return f"Wheel-Version: 1.0\nGenerator: zipfile_backend\nRoot-Is-Purelib: true\nTag: {TAG}\n".encode()


def _package_files() -> List[Tuple[str, bytes]]:
    files = []
    for path in sorted((ROOT / NAME).rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix in (".py", ".typed"):
            files.append((path.relative_to(ROOT).as_posix(), path.read_bytes()))
    return files


def _write_wheel(wheel_directory: str, files: List[Tuple[str, bytes]]) -> str:
    dist_info = f"{DIST}-{VERSION}.dist-info"
    files = files + [(f"{dist_info}/METADATA", _metadata()), (f"{dist_info}/WHEEL", _wheel_file())]
    record_lines = []
    for name, data in files:
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        record_lines.append(f"{name},sha256={digest},{len(data)}")
    record_lines.append(f"{dist_info}/RECORD,,")
    files.append((f"{dist_info}/RECORD", ("\n".join(record_lines) + "\n").encode()))
    wheel_name = f"{DIST}-{VERSION}-{TAG}.whl"
    with zipfile.ZipFile(os.path.join(wheel_directory, wheel_name), "w", zipfile.ZIP_DEFLATED) as wheel:
        for name, data in files:
            wheel.writestr(zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0)), data, zipfile.ZIP_DEFLATED)
    return wheel_name


def build_wheel(wheel_directory: str, config_settings: Optional[Dict[str, Any]] = None, metadata_directory: Optional[str] = None) -> str:
    return _write_wheel(wheel_directory, _package_files())


def build_editable(wheel_directory: str, config_settings: Optional[Dict[str, Any]] = None, metadata_directory: Optional[str] = None) -> str:
    # PEP 660: a .pth file that puts this checkout on sys.path, so edits take effect at once.
    return _write_wheel(wheel_directory, [(f"{DIST}_editable.pth", (str(ROOT) + "\n").encode())])


def build_sdist(sdist_directory: str, config_settings: Optional[Dict[str, Any]] = None) -> str:
    base = f"{DIST}-{VERSION}"
    sdist_name = f"{base}.tar.gz"
    members = [("pyproject.toml", (ROOT / "pyproject.toml").read_bytes()), ("PKG-INFO", _metadata())]
    if (ROOT / "README.md").exists():
        members.append(("README.md", (ROOT / "README.md").read_bytes()))
    members += [(f"build_backend/{Path(__file__).name}", Path(__file__).read_bytes())]
    members += _package_files()
    with tarfile.open(os.path.join(sdist_directory, sdist_name), "w:gz", format=tarfile.PAX_FORMAT) as sdist:
        for name, data in members:
            info = tarfile.TarInfo(f"{base}/{name}")
            info.size = len(data)
            info.mtime = 1577836800
            sdist.addfile(info, io.BytesIO(data))
    return sdist_name
