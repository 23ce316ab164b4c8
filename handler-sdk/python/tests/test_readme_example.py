"""The README's example, run as a handler through pipes, so the documentation cannot rot."""

from __future__ import annotations

import os
import re
import tempfile
import unittest

from handler_process import SDK_ROOT, HandlerProcess

README = os.path.join(SDK_ROOT, "README.md")


class ReadmeExample(unittest.TestCase):
    def test_the_example_lists_and_synchronizes_its_items(self) -> None:
        with open(README, encoding="utf-8") as file:
            example = re.search(r"```python\n(.*?)```", file.read(), re.S).group(1)  # type: ignore[union-attr]
        with tempfile.TemporaryDirectory() as folder:
            script = os.path.join(folder, "example.py")
            with open(script, "w", encoding="utf-8") as file:
                file.write(example)
            handler = HandlerProcess(script)
            self.addCleanup(handler.dispose)
            handler.start()
            items = handler.enumerate_all()
            self.assertEqual([item["itemName"] for item in items], ["work notes", "home notes"])
            handler.call("synchronize/setProgressCallback", {"enabled": True})
            handler.send("synchronize/prepareForSync", {"itemIds": [item["itemId"] for item in items]})
            handler.until(lambda m: m.get("method") == "callback/prepareForSyncCompleted")
            handler.send("synchronize/synchronize")
            handler.until(lambda m: m.get("method") == "callback/synchronizeCompleted")
            texts = [m["params"]["progressItem"].get("statusText") for m in handler.callbacks if m["method"] == "callback/progress"]
            self.assertEqual(texts.count("up to date"), 2)
            self.assertEqual(handler.finish(), 0)


if __name__ == "__main__":
    unittest.main()
