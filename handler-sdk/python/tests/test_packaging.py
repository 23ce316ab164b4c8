"""The in-tree build backend: the wheel it writes holds the whole package and runs a handler."""

from __future__ import annotations

import importlib.util
import os
import tarfile
import tempfile
import unittest
import zipfile

from handler_process import SDK_ROOT, HandlerProcess, handler_script

BACKEND = os.path.join(SDK_ROOT, "build_backend", "zipfile_backend.py")


def load_backend():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("zipfile_backend", BACKEND)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class Packaging(unittest.TestCase):
    def setUp(self) -> None:
        self.backend = load_backend()
        self.folder = tempfile.TemporaryDirectory()
        self.addCleanup(self.folder.cleanup)

    def test_no_build_requirements(self) -> None:
        self.assertEqual(self.backend.get_requires_for_build_wheel(), [])
        self.assertEqual(self.backend.get_requires_for_build_sdist(), [])

    def test_a_handler_runs_from_the_unpacked_wheel(self) -> None:
        wheel = os.path.join(self.folder.name, self.backend.build_wheel(self.folder.name))
        site = os.path.join(self.folder.name, "site")
        with zipfile.ZipFile(wheel) as archive:
            names = archive.namelist()
            archive.extractall(site)
        sources = sorted(name for name in os.listdir(os.path.join(SDK_ROOT, "syncmgr_handler")) if name.endswith((".py", ".typed")))
        self.assertEqual(sorted(n.split("/", 1)[1] for n in names if n.startswith("syncmgr_handler/")), sources)
        self.assertTrue(any(n.endswith(".dist-info/RECORD") for n in names))
        handler = HandlerProcess(handler_script("configurable.py"), {"PYTHONPATH": site})
        self.addCleanup(handler.dispose)
        handler.start()
        self.assertEqual(handler.call("synchronize/getHandlerInfo")["result"]["hr"], 0)
        self.assertEqual(handler.finish(), 0)

    def test_the_sdist_can_build_again(self) -> None:
        sdist = os.path.join(self.folder.name, self.backend.build_sdist(self.folder.name))
        with tarfile.open(sdist) as archive:
            names = archive.getnames()
        base = names[0].split("/")[0]
        for needed in ("pyproject.toml", "build_backend/zipfile_backend.py", "syncmgr_handler/__init__.py", "syncmgr_handler/py.typed"):
            self.assertIn(f"{base}/{needed}", names)


if __name__ == "__main__":
    unittest.main()
