"""Units of a run: cancellation order, lazy enumeration, prompt checks, the item runner's outcomes."""

from __future__ import annotations

import threading
import unittest
from typing import Any, Dict, Iterator, List, Optional

from handler_process import SDK_ROOT  # noqa: F401  (puts the SDK on sys.path)
from syncmgr_handler import HandlerSdkError, PromptField, SyncItem, Verdict, stable_item_id
from syncmgr_handler.enumerators import EnumeratorTable, ItemSource
from syncmgr_handler.modeless_prompt import answers_of, prompt_params
from syncmgr_handler.sync_run import ItemControl, SyncRun

NAMESPACE = "3f2a9c1e-5b7d-4e8a-9c21-7d4e6b0a1f35"
IDS = [stable_item_id(NAMESPACE, name) for name in ("a", "b", "c")]


class Cancellation(unittest.TestCase):
    def test_cancel_all_stops_pending_items_before_it_wakes_a_running_one(self) -> None:
        finished: List[str] = []
        run = SyncRun(IDS, {}, lambda control: finished.append(control.item_id))
        running = run.controls[0]
        self.assertTrue(running.try_start())
        seen_when_woken: List[List[str]] = []
        waiter = threading.Thread(target=lambda: (running.stopped.wait(), seen_when_woken.append([c.state for c in run.controls[1:]])))
        waiter.start()
        run.apply(Verdict.CANCEL_ALL, IDS[0])
        waiter.join()
        self.assertEqual(seen_when_woken, [["done", "done"]])
        self.assertEqual(finished, IDS[1:])  # the running item reports its own final status
        self.assertEqual(running.stop_reason, "stopped")

    def test_a_skip_of_a_pending_item_finishes_it_at_once_and_it_never_starts(self) -> None:
        finished: List[ItemControl] = []
        run = SyncRun(IDS, {}, finished.append)
        run.skip(IDS[1])
        self.assertEqual([(c.item_id, c.stop_reason) for c in finished], [(IDS[1], "skipped")])
        self.assertFalse(run.controls[1].try_start())
        run.apply(Verdict.CANCEL_ITEM, IDS[1])  # the first reason wins
        self.assertEqual(run.controls[1].stop_reason, "skipped")

    def test_a_status_for_an_item_already_done_is_ignored(self) -> None:
        run = SyncRun(IDS, {}, lambda control: None)
        control = run.controls[0]
        control.try_start()
        control.finish()
        run.skip(IDS[0])
        self.assertIsNone(control.stop_reason)


class LazyEnumeration(unittest.TestCase):
    def test_the_source_is_read_only_as_far_as_the_pages_asked(self) -> None:
        produced: List[int] = []

        def items() -> Iterator[SyncItem]:
            for n in range(10):
                produced.append(n)
                yield SyncItem(stable_item_id(NAMESPACE, str(n)), f"item {n}")

        catalog: Dict[str, SyncItem] = {}
        table = EnumeratorTable(lambda: ItemSource(items(), catalog))
        cursor = table.get(table.create(ItemSource(items(), catalog)))
        self.assertEqual(len(cursor.next_page(3)), 3)
        self.assertEqual(produced, [0, 1, 2])
        clone = table.get(table.clone(cursor))
        self.assertEqual([i["itemName"] for i in clone.next_page(2)], ["item 3", "item 4"])
        self.assertEqual([i["itemName"] for i in cursor.next_page(1)], ["item 3"])  # independent
        self.assertEqual(len(produced), 5)  # the clone shares what was read
        self.assertEqual(len(catalog), 5)

    def test_a_bad_item_is_refused_when_its_page_is_read(self) -> None:
        source = ItemSource([SyncItem("not-a-guid", "x")], {})
        with self.assertRaises(HandlerSdkError) as raised:
            source.item_at(0)
        self.assertEqual(raised.exception.code, "INVALID_ITEM")


class PromptChecks(unittest.TestCase):
    def assert_invalid(self, title: str, fields: List[PromptField]) -> None:
        with self.assertRaises(HandlerSdkError) as raised:
            prompt_params(title, fields, None)
        self.assertEqual(raised.exception.code, "INVALID_PROMPT")

    def test_what_the_host_would_refuse_is_refused_before_the_token_is_taken(self) -> None:
        self.assert_invalid(" ", [PromptField("a", "A")])
        self.assert_invalid("t", [])
        self.assert_invalid("t", [PromptField("a", "A")] * 2)
        self.assert_invalid("t", [PromptField("1a", "A")])
        self.assert_invalid("t", [PromptField("a", "A", "secret", "hunter2")])
        self.assert_invalid("t", [PromptField("a", "A", "confirm", "yes")])
        self.assert_invalid("t", [PromptField("a", "A", "choice")])
        self.assert_invalid("t", [PromptField(f"f{n}", "F") for n in range(17)])

    def test_only_declared_answers_of_their_kind_are_kept(self) -> None:
        fields = [PromptField("user", "User"), PromptField("ok", "OK", "confirm")]
        result: Optional[Dict[str, Any]] = {"hr": 0, "answers": {"user": "alice", "ok": "yes", "extra": "x"}}
        self.assertEqual(answers_of(fields, result), {"user": "alice"})
        self.assertIsNone(answers_of(fields, {"hr": 1}))
        self.assertIsNone(answers_of(fields, None))


if __name__ == "__main__":
    unittest.main()
