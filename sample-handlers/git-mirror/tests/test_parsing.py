"""git-mirror's pure parts: git's progress lines and the config."""

from __future__ import annotations

import json
import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from git_progress import GitProgress, parse_progress, split_lines  # noqa: E402
from mirror_config import ConfigError, Repository, load_config, save_config  # noqa: E402


class Progress(unittest.TestCase):
    def test_counters_of_the_client_and_of_the_remote(self) -> None:
        self.assertEqual(parse_progress("Receiving objects:  45% (9/20), 1.20 KiB | 1.00 MiB/s"), GitProgress("Receiving objects", 9, 20))
        self.assertEqual(parse_progress("remote: Counting objects: 100% (3/3), done.        "), GitProgress("Counting objects", 3, 3))
        self.assertIsNone(parse_progress("Cloning into bare repository 'x.git'..."))
        self.assertIsNone(parse_progress("fatal: repository 'nope' does not exist"))

    def test_lines_split_on_carriage_returns_across_chunks(self) -> None:
        chunks = [b"Receiving objects:  3", b"3% (1/3)\rReceiving objects:  66% (2/3)\r", b"done\nfatal: x"]
        self.assertEqual(list(split_lines(iter(chunks))), ["Receiving objects:  33% (1/3)", "Receiving objects:  66% (2/3)", "done", "fatal: x"])


class Config(unittest.TestCase):
    def setUp(self) -> None:
        self.folder = tempfile.TemporaryDirectory()
        self.addCleanup(self.folder.cleanup)
        self.path = os.path.join(self.folder.name, "config.json")

    def write(self, data: object) -> None:
        with open(self.path, "w") as file:
            json.dump(data, file)

    def test_paths_are_taken_from_the_config_folder_and_urls_left_alone(self) -> None:
        self.write({"repositories": [{"name": "a", "source": "src/a", "mirror": "m/a.git"}, {"name": "b", "source": "https://example.invalid/b.git", "mirror": "/m/b.git"}, {"name": "c", "source": "git@example.invalid:c.git", "mirror": "c.git"}]})
        a, b, c = load_config(self.path)
        self.assertEqual((a.is_url, a.source_location, a.mirror_path), (False, os.path.join(self.folder.name, "src", "a"), os.path.join(self.folder.name, "m", "a.git")))
        self.assertEqual((b.is_url, b.source_location, b.mirror_path), (True, "https://example.invalid/b.git", "/m/b.git"))
        self.assertTrue(c.is_url)
        self.assertFalse(Repository("d", "./odd:name", "d.git", self.folder.name).is_url)  # a slash before the colon

    def test_a_saved_config_reads_back_the_same(self) -> None:
        self.write({"repositories": [{"name": "a", "source": "src/a", "mirror": "m/a.git"}]})
        repositories = load_config(self.path)
        repositories[0].mirror = "elsewhere/a.git"
        save_config(self.path, repositories)
        self.assertEqual(load_config(self.path)[0].mirror, "elsewhere/a.git")

    def test_bad_configs_have_codes(self) -> None:
        cases = [(None, "CONFIG_UNREADABLE"), ("{not json", "CONFIG_NOT_JSON"), ({"repos": []}, "CONFIG_INVALID"), ({"repositories": [{"name": "a"}]}, "CONFIG_INVALID")]
        for content, code in cases:
            if content is None:
                path = os.path.join(self.folder.name, "missing.json")
            else:
                path = self.path
                with open(path, "w") as file:
                    file.write(content if isinstance(content, str) else json.dumps(content))
            with self.assertRaises(ConfigError) as raised:
                load_config(path)
            self.assertEqual(raised.exception.code, code)


if __name__ == "__main__":
    unittest.main()
