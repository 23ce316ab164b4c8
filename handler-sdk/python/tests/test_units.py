"""Pure units: framing, coalescing, stable IDs and the wire checks."""

from __future__ import annotations

import io
import threading
import unittest
import uuid
from typing import Any, Callable, Dict, List, Optional, Tuple

from handler_process import SDK_ROOT  # noqa: F401  (puts the SDK on sys.path)
from syncmgr_handler import HandlerInfo, HandlerSdkError, ItemStatus, SyncItem, Verdict, stable_item_id
from syncmgr_handler.constants import S_SYNCMGR_CANCELITEM
from syncmgr_handler.errors import FrameError
from syncmgr_handler.framing import encode_frame, read_frame
from syncmgr_handler.progress_coalescer import ProgressCoalescer
from syncmgr_handler.structs import ProgressUpdate
from syncmgr_handler.wire import handler_info_to_wire, item_to_wire, log_error_params, progress_to_wire

NAMESPACE = "3f2a9c1e-5b7d-4e8a-9c21-7d4e6b0a1f35"


class Framing(unittest.TestCase):
    def test_content_length_counts_utf8_bytes(self) -> None:
        frame = encode_frame({"jsonrpc": "2.0", "id": 12, "method": "callback/logError", "params": {"errorText": "résumé"}})
        header, body = frame.split(b"\r\n\r\n", 1)
        self.assertEqual(int(header.split(b": ")[1]), len(body))
        self.assertNotEqual(len(body), len(body.decode("utf-8")))

    def test_round_trip_and_clean_end(self) -> None:
        stream = io.BytesIO(encode_frame({"jsonrpc": "2.0", "id": 0, "result": {}}) * 2)
        self.assertEqual(read_frame(stream), {"jsonrpc": "2.0", "id": 0, "result": {}})
        self.assertEqual(read_frame(stream)["id"], 0)  # type: ignore[index]
        self.assertIsNone(read_frame(stream))

    def test_other_headers_are_ignored_and_names_are_case_insensitive(self) -> None:
        body = b'{"jsonrpc":"2.0","id":1,"result":{}}'
        stream = io.BytesIO(b"content-length: %d\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n" % len(body) + body)
        self.assertEqual(read_frame(stream)["id"], 1)  # type: ignore[index]

    def assert_frame_error(self, data: bytes, code: str, max_bytes: int = 1 << 24) -> None:
        with self.assertRaises(FrameError) as raised:
            read_frame(io.BytesIO(data), max_bytes)
        self.assertEqual(raised.exception.code, code)

    def test_malformed_frames_have_codes(self) -> None:
        self.assert_frame_error(b"X-Other: 1\r\n\r\n{}", "NO_CONTENT_LENGTH")
        self.assert_frame_error(b"Content-Length: ten\r\n\r\n", "BAD_HEADER")
        self.assert_frame_error(b"hello world\n", "BAD_HEADER")
        self.assert_frame_error(b"Content-Length: 100\r\n\r\n{}", "TRUNCATED")
        self.assert_frame_error(b"Content-Length: 5\r\n\r\nnope!", "NOT_JSON")
        self.assert_frame_error(b"Content-Length: 2\r\n\r\n[]", "NOT_JSONRPC")
        self.assert_frame_error(b"Content-Length: 99\r\n\r\n", "TOO_LARGE", max_bytes=10)
        self.assert_frame_error(b"X: " + b"a" * 2000 + b"\r\n\r\n", "HEADER_TOO_LONG")


class FakeHost:
    """Records sends; answers only when told to, so the test decides what is in flight."""

    def __init__(self) -> None:
        self.sent: List[Tuple[str, Dict[str, Any]]] = []
        self.unanswered: List[Callable[[Optional[int]], None]] = []
        self.verdicts: List[Tuple[Verdict, str]] = []

    def send(self, item_id: str, item: Dict[str, Any], answered: Callable[[Optional[int]], None]) -> None:
        self.sent.append((item_id, item))
        self.unanswered.append(answered)

    def answer_first(self, hr: int = 0) -> None:
        self.unanswered.pop(0)(hr)


def update(**fields: Any) -> Dict[str, Any]:
    return progress_to_wire(ProgressUpdate(**fields))


class Coalescing(unittest.TestCase):
    def setUp(self) -> None:
        self.host = FakeHost()
        self.coalescer = ProgressCoalescer(self.host.send, lambda verdict, item: self.host.verdicts.append((verdict, item)))

    def test_updates_while_one_is_in_flight_are_merged_and_sent_on_its_answer(self) -> None:
        for value in range(1, 5):
            self.assertEqual(self.coalescer.report("a", update(value=value, text=f"v{value}" if value < 3 else None)), Verdict.CONTINUE)
        self.assertEqual(len(self.host.sent), 1)
        self.host.answer_first()
        self.assertEqual(len(self.host.sent), 2)
        self.assertEqual(self.host.sent[1][1], {"mask": 0x5, "progValue": 4, "statusText": "v2"})

    def test_a_final_status_is_sent_at_once_carrying_what_waited(self) -> None:
        self.coalescer.report("a", update(value=1))
        self.coalescer.report("a", update(value=2, max=9))
        self.coalescer.report("a", update(status=ItemStatus.SUCCEEDED, text="done"))
        self.assertEqual(len(self.host.sent), 2)
        self.assertEqual(self.host.sent[1][1]["progValue"], 2)
        self.assertEqual(self.host.sent[1][1]["statusType"], 4)
        self.host.answer_first()
        self.assertEqual(len(self.host.sent), 2)  # nothing waited any more

    def test_items_do_not_wait_for_each_other(self) -> None:
        self.coalescer.report("a", update(value=1))
        self.coalescer.report("b", update(value=1))
        self.assertEqual([item for item, _ in self.host.sent], ["a", "b"])

    def test_the_latest_verdict_is_returned_and_applied(self) -> None:
        self.coalescer.report("a", update(value=1))
        self.host.answer_first(S_SYNCMGR_CANCELITEM)
        self.assertEqual(self.host.verdicts, [(Verdict.CANCEL_ITEM, "a")])
        self.assertEqual(self.coalescer.report("a", update(value=2)), "cancel_item")

    def test_settled_waits_for_every_answer(self) -> None:
        self.coalescer.report("a", update(value=1))
        self.coalescer.report("a", update(value=2))
        settled = threading.Event()
        waiter = threading.Thread(target=lambda: (self.coalescer.settled(), settled.set()))
        waiter.start()
        self.host.answer_first()
        self.assertFalse(settled.is_set())  # the merged update is now in flight
        self.host.answer_first()
        waiter.join()
        self.assertTrue(settled.is_set())


class StableIds(unittest.TestCase):
    def test_uuid5_in_the_canonical_form(self) -> None:
        item_id = stable_item_id(NAMESPACE, "Documents")
        self.assertEqual(item_id, str(uuid.uuid5(uuid.UUID(NAMESPACE), "Documents")))
        self.assertRegex(item_id, r"^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")

    def test_a_namespace_with_braces_or_upper_case_gives_the_same_id(self) -> None:
        self.assertEqual(stable_item_id("{" + NAMESPACE.upper() + "}", "x"), stable_item_id(NAMESPACE, "x"))

    def test_a_namespace_that_is_not_a_guid_is_refused(self) -> None:
        with self.assertRaises(HandlerSdkError) as raised:
            stable_item_id("not-a-guid", "x")
        self.assertEqual(raised.exception.code, "INVALID_NAMESPACE")


class WireChecks(unittest.TestCase):
    def test_handler_name_is_1_to_32_characters(self) -> None:
        self.assertEqual(handler_info_to_wire(HandlerInfo("n" * 32))["handlerName"], "n" * 32)
        for name in ("", "n" * 33):
            with self.assertRaises(HandlerSdkError) as raised:
                handler_info_to_wire(HandlerInfo(name))
            self.assertEqual(raised.exception.code, "INVALID_HANDLER_INFO")

    def test_item_name_is_1_to_128_characters_and_the_id_a_guid(self) -> None:
        item_id = stable_item_id(NAMESPACE, "x")
        self.assertEqual(item_to_wire(SyncItem(item_id, "é" * 128))["itemName"], "é" * 128)
        for item in (SyncItem(item_id, "n" * 129), SyncItem(item_id, ""), SyncItem("nope", "x")):
            with self.assertRaises(HandlerSdkError) as raised:
                item_to_wire(item)
            self.assertEqual(raised.exception.code, "INVALID_ITEM")

    def test_an_error_id_makes_the_entry_actionable(self) -> None:
        params = log_error_params(3, "failed", item_id=NAMESPACE, error_id=NAMESPACE.upper())
        self.assertEqual(params["logErrorInfo"], {"mask": 7, "syncMgrErrorFlags": 1, "errorId": NAMESPACE, "itemId": NAMESPACE})
        self.assertNotIn("logErrorInfo", log_error_params(1, "note", None, None))

    def test_progress_mask_follows_the_fields_and_numbers_are_clamped(self) -> None:
        self.assertEqual(update(text="t", status="updating", value=2**40, max=-(2**40)), {"mask": 15, "statusText": "t", "statusType": 3, "progValue": 2**31 - 1, "maxValue": -(2**31)})


if __name__ == "__main__":
    unittest.main()
