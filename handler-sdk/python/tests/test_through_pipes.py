"""The SDK as the host sees it: a handler process spoken to in frames through its pipes."""

from __future__ import annotations

import os
import subprocess
import sys
import unittest
from typing import Any, Dict, List, Optional

from handler_process import FAILSAFE_SECONDS, HandlerProcess, Message, handler_script
from syncmgr_handler import constants as c
from syncmgr_handler import stable_item_id

NAMESPACE = "3f2a9c1e-5b7d-4e8a-9c21-7d4e6b0a1f35"
CONFIGURABLE = handler_script("configurable.py")


def item_id(name: str) -> str:
    return stable_item_id(NAMESPACE, name)


def finals(callbacks: List[Message]) -> Dict[str, int]:
    """Each item's last final status, from the progress callbacks."""
    statuses: Dict[str, int] = {}
    for message in callbacks:
        reports = [message["params"]] if message["method"] == "callback/progress" else message["params"].get("reports", [])
        for report in reports:
            progress = report["progressItem"]
            if progress["mask"] & c.PROGRESS_STATUSTYPE and progress["statusType"] in c.FINAL_STATUSES:
                statuses[report["itemId"]] = progress["statusType"]
    return statuses


def is_method(name: str):  # type: ignore[no-untyped-def]
    return lambda message: message.get("method") == name


class HandlerTestCase(unittest.TestCase):
    env: Dict[str, str] = {}

    def setUp(self) -> None:
        self.handler = HandlerProcess(CONFIGURABLE, self.env)
        self.addCleanup(self.handler.dispose)

    def sync(self, names: List[str], on_callback: Any = None) -> Message:
        """prepare and synchronize these items; returns synchronizeCompleted (answered)."""
        h = self.handler
        h.enumerate_all()
        h.call("synchronize/setProgressCallback", {"enabled": True})
        h.send("synchronize/prepareForSync", {"itemIds": [item_id(n) for n in names]})
        h.until(is_method("callback/prepareForSyncCompleted"), on_callback)
        h.send("synchronize/synchronize")
        return h.until(is_method("callback/synchronizeCompleted"), on_callback)


class Protocol(HandlerTestCase):
    def test_requests_before_the_handshake_are_refused_with_not_handshaken(self) -> None:
        self.assertEqual(self.handler.call("synchronize/getHandlerInfo")["error"]["code"], c.NOT_HANDSHAKEN)
        self.handler.start()
        self.assertEqual(self.handler.finish(), 0)

    def test_an_unknown_method_is_method_not_found_and_the_handler_goes_on(self) -> None:
        self.handler.start()
        self.assertEqual(self.handler.call("synchronize/noSuchThing")["error"]["code"], c.METHOD_NOT_FOUND)
        self.assertEqual(self.handler.call("synchronize/getHandlerInfo")["result"]["hr"], c.S_OK)
        self.assertEqual(self.handler.finish(), 0)

    def test_the_handshake_announces_the_version_and_enumerator_navigation(self) -> None:
        answer = self.handler.call("syncmgr/handshake", {"protocolVersion": "1.0", "hostPid": os.getpid(), "capabilities": {}})
        self.assertEqual(answer["result"]["protocolVersion"], "1.0")
        self.assertTrue(answer["result"]["capabilities"]["enumeratorNavigation"])
        self.assertEqual(self.handler.finish(), 0)

    def test_a_malformed_frame_from_the_host_makes_the_handler_exit_with_a_reason(self) -> None:
        self.handler.start()
        self.handler.write_raw(b"this is no frame\n")
        self.assertEqual(self.handler.process.wait(FAILSAFE_SECONDS), 2)
        self.assertIn("BAD_HEADER", "".join(self.handler.stderr_lines))

    def test_stdin_closed_without_shutdown_ends_the_handler(self) -> None:
        self.handler.start()
        self.assertNotEqual(self.handler.close(), 0)

    def test_stdin_closed_while_an_item_waits_still_ends_the_handler(self) -> None:
        handler = HandlerProcess(CONFIGURABLE, {"ITEMS": "waits"})
        self.addCleanup(handler.dispose)
        handler.start()
        handler.enumerate_all()
        handler.call("synchronize/setProgressCallback", {"enabled": True})
        handler.send("synchronize/prepareForSync", {"itemIds": [item_id("waits")]})
        handler.until(is_method("callback/prepareForSyncCompleted"))
        handler.send("synchronize/synchronize")
        handler.until(lambda m: m.get("method") == "callback/progress" and m["params"]["progressItem"].get("statusText") == "waiting to be stopped")
        self.assertNotEqual(handler.close(), 0)  # not held up by the item's thread

    def test_it_exits_when_the_host_process_is_gone(self) -> None:
        stand_in = subprocess.Popen([sys.executable, "-c", "import sys; sys.stdin.read()"], stdin=subprocess.PIPE)
        handler = HandlerProcess(CONFIGURABLE, {"SYNCMGR_HOST_PID": str(stand_in.pid)})
        self.addCleanup(handler.dispose)
        handler.start()
        stand_in.stdin.close()  # type: ignore[union-attr]
        stand_in.wait()
        self.assertEqual(handler.process.wait(FAILSAFE_SECONDS), 1)
        self.assertIn("host process is gone", "".join(handler.stderr_lines))


class Discovery(HandlerTestCase):
    env = {"ITEMS": "a,b,c,d,e"}

    def test_initialize_and_handler_info(self) -> None:
        self.handler.start()
        info = self.handler.call("synchronize/getHandlerInfo")["result"]
        self.assertEqual(info, {"hr": 0, "handlerInfo": {"handlerName": "configurable", "handlerFlags": c.SYNCMGRHANDLER_HASPROPERTIES | c.SYNCMGRHANDLER_MAYESTABLISHCONNECTION}})
        self.assertEqual(self.handler.finish(), 0)

    def test_pages_follow_celt_and_end_with_s_false(self) -> None:
        self.handler.start()
        enumerator = self.handler.call("synchronize/enumSyncMgrItems")["result"]["enumeratorId"]
        pages = [self.handler.call("enumItems/next", {"enumeratorId": enumerator, "celt": 2})["result"] for _ in range(3)]
        self.assertEqual([(p["hr"], len(p["items"])) for p in pages], [(0, 2), (0, 2), (1, 1)])
        self.assertEqual(pages[0]["items"][0], {"itemId": item_id("a"), "itemName": "a", "itemState": 1, "flags": 0})
        self.assertEqual(self.handler.finish(), 0)

    def test_skip_clone_reset_and_release(self) -> None:
        h = self.handler
        h.start()
        enumerator = h.call("synchronize/enumSyncMgrItems")["result"]["enumeratorId"]
        self.assertEqual(h.call("enumItems/skip", {"enumeratorId": enumerator, "celt": 2})["result"]["hr"], 0)
        clone = h.call("enumItems/clone", {"enumeratorId": enumerator})["result"]["enumeratorId"]
        names = lambda e, n: [i["itemName"] for i in h.call("enumItems/next", {"enumeratorId": e, "celt": n})["result"]["items"]]  # noqa: E731
        self.assertEqual(names(enumerator, 1), ["c"])
        self.assertEqual(names(clone, 2), ["c", "d"])  # an independent cursor
        self.assertEqual(h.call("enumItems/reset", {"enumeratorId": enumerator})["result"]["hr"], 0)
        self.assertEqual(names(enumerator, 1), ["a"])
        self.assertEqual(h.call("enumItems/skip", {"enumeratorId": clone, "celt": 9})["result"]["hr"], 1)
        h.call("enumItems/release", {"enumeratorId": clone})
        self.assertEqual(h.call("enumItems/next", {"enumeratorId": clone, "celt": 1})["error"]["code"], c.UNKNOWN_ENUMERATOR)
        self.assertEqual(h.finish(), 0)


class Declines(HandlerTestCase):
    env = {"DECLINE": "1"}

    def test_initialize_returning_false_answers_s_false(self) -> None:
        self.handler.call("syncmgr/handshake", {"protocolVersion": "1.0", "capabilities": {}})
        self.assertEqual(self.handler.call("synchronize/initialize", {"syncMgrFlags": 3})["result"]["hr"], c.S_FALSE)
        self.assertEqual(self.handler.finish(), 0)


class NameTooLong(HandlerTestCase):
    env = {"HANDLER_NAME": "n" * 33, "ITEMS": "long"}

    def test_a_name_over_the_limit_fails_with_a_clear_error(self) -> None:
        self.handler.start()
        self.assertEqual(self.handler.call("synchronize/getHandlerInfo")["result"]["hr"], c.E_FAIL)
        enumerator = self.handler.call("synchronize/enumSyncMgrItems")["result"]["enumeratorId"]
        page = self.handler.call("enumItems/next", {"enumeratorId": enumerator, "celt": 10})["result"]
        self.assertEqual((page["hr"], page["items"]), (c.E_FAIL, []))
        stderr = "".join(self.handler.stderr_lines)
        self.assertIn("INVALID_HANDLER_INFO", stderr)
        self.assertIn("INVALID_ITEM", stderr)
        self.assertEqual(self.handler.finish(), 0)


class Synchronizing(HandlerTestCase):
    env = {"ITEMS": "plain,boom,chatty,waits"}

    def test_final_statuses_a_failing_item_is_logged_and_prints_go_to_stderr(self) -> None:
        self.handler.start()

        def cancel_waits(message: Message) -> Optional[Dict[str, Any]]:
            params = message["params"]
            if message["method"] == "callback/progress" and params["itemId"] == item_id("waits") and params["progressItem"].get("statusText") == "waiting to be stopped":
                return {"hr": c.S_SYNCMGR_CANCELITEM}
            return None

        self.sync(["plain", "boom", "chatty", "waits"], cancel_waits)
        expected = {item_id("plain"): c.SYNCMGRSTATUS_SUCCEEDED, item_id("boom"): c.SYNCMGRSTATUS_FAILED, item_id("chatty"): c.SYNCMGRSTATUS_SUCCEEDED, item_id("waits"): c.SYNCMGRSTATUS_STOPPED}
        self.assertEqual(finals(self.handler.callbacks), expected)
        logged = [m["params"] for m in self.handler.callbacks if m["method"] == "callback/logError"]
        self.assertEqual([(p["errorLevel"], p["logErrorInfo"]["itemId"]) for p in logged], [(3, item_id("boom"))])
        self.assertIn("this goes to stderr", "".join(self.handler.stderr_lines))
        self.assertIn("so does a child's stdout", "".join(self.handler.stderr_lines))
        self.handler.call("synchronize/setProgressCallback", {"enabled": False})
        self.assertEqual(self.handler.finish(), 0)

    def test_a_final_status_goes_beside_an_unanswered_update_and_the_completion_follows_the_answers(self) -> None:
        self.handler.start()
        held: List[Message] = []

        def hold_chatty(message: Message) -> Any:
            if message["method"] == "callback/progress" and message["params"]["itemId"] == item_id("chatty") and not held:
                held.append(message)
                return False  # not answered yet
            return None

        h = self.handler
        h.enumerate_all()
        h.call("synchronize/setProgressCallback", {"enabled": True})
        h.send("synchronize/prepareForSync", {"itemIds": [item_id("chatty")]})
        h.until(is_method("callback/prepareForSyncCompleted"))
        h.send("synchronize/synchronize")
        # The final status goes beside the held update; then nothing more until it is answered.
        final = h.until(lambda m: m.get("method") == "callback/progress" and m["params"]["progressItem"].get("statusType") == c.SYNCMGRSTATUS_SUCCEEDED, hold_chatty)
        self.assertEqual(final["params"]["progressItem"]["progValue"], 5)  # the merged updates rode along
        h.answer(final["id"], {"hr": 0})
        h.answer(held[0]["id"], {"hr": 0})
        completed = h.until(is_method("callback/synchronizeCompleted"))
        self.assertEqual(completed["params"], {"hr": 0})
        self.assertEqual(h.finish(), 0)

    def test_a_skip_stops_the_running_item_and_it_ends_skipped(self) -> None:
        self.handler.start()
        h = self.handler

        def skip_when_waiting(message: Message) -> Optional[Dict[str, Any]]:
            if message["method"] == "callback/progress" and message["params"]["progressItem"].get("statusText") == "waiting to be stopped":
                h.send("synchronize/setItemStatus", {"itemId": item_id("waits"), "syncMgrStatus": c.SYNCMGRSTATUS_SKIPPED})
            return None

        self.sync(["waits", "plain"], skip_when_waiting)
        self.assertEqual(finals(h.callbacks), {item_id("waits"): c.SYNCMGRSTATUS_SKIPPED, item_id("plain"): c.SYNCMGRSTATUS_SUCCEEDED})
        self.assertEqual(h.finish(), 0)

    def test_cancel_all_stops_the_items_not_yet_started(self) -> None:
        self.handler.start()

        def cancel_all(message: Message) -> Optional[Dict[str, Any]]:
            if message["method"] == "callback/progress" and message["params"]["itemId"] == item_id("waits"):
                return {"hr": c.S_SYNCMGR_CANCELALL}
            return None

        self.sync(["waits", "plain", "chatty"], cancel_all)
        self.assertEqual(set(finals(self.handler.callbacks).values()), {c.SYNCMGRSTATUS_STOPPED})
        self.assertEqual(self.handler.finish(), 0)

    def test_show_error_retries_the_items_it_returns(self) -> None:
        self.handler.start()
        self.sync(["plain"])
        self.handler.send("synchronize/showError", {"errorId": NAMESPACE})
        completed = self.handler.until(is_method("callback/showErrorCompleted"))
        self.assertEqual(completed["params"], {"hr": c.S_SYNCMGR_RETRYSYNC, "itemIds": [item_id("plain")]})
        self.assertEqual(self.handler.finish(), 0)


class Preparing(HandlerTestCase):
    def prepare_completion(self, prepare: str) -> int:
        handler = HandlerProcess(CONFIGURABLE, {"PREPARE": prepare})
        self.addCleanup(handler.dispose)
        handler.start()
        handler.enumerate_all()
        handler.call("synchronize/setProgressCallback", {"enabled": True})
        handler.send("synchronize/prepareForSync", {"itemIds": [item_id("plain")]})
        completion = handler.until(is_method("callback/prepareForSyncCompleted"))
        self.assertEqual(handler.finish(), 0)
        return completion["params"]["hr"]

    def test_a_raise_completes_with_e_fail_and_a_decline_with_s_false(self) -> None:
        self.assertEqual(self.prepare_completion("raise"), c.E_FAIL)
        self.assertEqual(self.prepare_completion("decline"), c.S_FALSE)


class Concurrency(HandlerTestCase):
    env = {"ITEMS": "waits,plain", "CONCURRENCY": "2"}

    def test_with_concurrency_2_an_item_runs_while_another_waits(self) -> None:
        self.handler.start()
        h = self.handler

        def skip_waits_once_plain_is_done(message: Message) -> Optional[Dict[str, Any]]:
            if finals([message]).get(item_id("plain")) == c.SYNCMGRSTATUS_SUCCEEDED:
                h.send("synchronize/setItemStatus", {"itemId": item_id("waits"), "syncMgrStatus": c.SYNCMGRSTATUS_SKIPPED})
            return None

        self.sync(["waits", "plain"], skip_waits_once_plain_is_done)
        self.assertEqual(finals(h.callbacks), {item_id("waits"): c.SYNCMGRSTATUS_SKIPPED, item_id("plain"): c.SYNCMGRSTATUS_SUCCEEDED})
        self.assertEqual(h.finish(), 0)


class Connections(HandlerTestCase):
    env = {"ITEMS": "connects"}

    def sync_with_connection(self, hr: int) -> int:
        self.handler.start()
        self.sync(["connects"], lambda m: {"hr": hr} if m["method"] == "callback/establishConnection" else None)
        asked = [m["params"] for m in self.handler.callbacks if m["method"] == "callback/establishConnection"]
        self.assertEqual(asked, [{"connection": "vpn"}])
        return finals(self.handler.callbacks)[item_id("connects")]

    def test_the_item_goes_on_once_the_connection_is_up(self) -> None:
        self.assertEqual(self.sync_with_connection(c.S_OK), c.SYNCMGRSTATUS_SUCCEEDED)
        self.assertEqual(self.handler.finish(), 0)

    def test_the_item_fails_without_it(self) -> None:
        self.assertEqual(self.sync_with_connection(c.E_FAIL), c.SYNCMGRSTATUS_FAILED)
        self.assertEqual(self.handler.finish(), 0)


class Batches(HandlerTestCase):
    env = {"ITEMS": ",".join([f"item{n}" for n in range(39)] + ["waits"])}

    def test_reports_made_while_a_batch_is_in_flight_travel_together_each_answered(self) -> None:
        self.handler.start(max_progress_batch=8)
        names = [f"item{n}" for n in range(39)] + ["waits"]
        held: List[Message] = []
        released: List[bool] = []

        def answer(message: Message) -> Any:
            if message["method"] != "callback/progressBatch":
                return None
            reports = message["params"]["reports"]
            if not held:  # hold the first batch: what follows must accumulate behind it
                held.append(message)
                return False
            if len(reports) == 8 and not released:
                released.append(True)
                self.handler.answer(held[0]["id"], {"hrs": [0] * len(held[0]["params"]["reports"])})
            return {"hrs": [c.S_SYNCMGR_CANCELITEM if r["itemId"] == item_id("waits") else 0 for r in reports]}

        self.sync(names, answer)
        methods = {m["method"] for m in self.handler.callbacks}
        self.assertNotIn("callback/progress", methods)
        sizes = [len(m["params"]["reports"]) for m in self.handler.callbacks if m["method"] == "callback/progressBatch"]
        self.assertIn(8, sizes)  # reports waited behind the held batch, up to the host's limit
        self.assertTrue(all(1 <= size <= 8 for size in sizes), sizes)
        statuses = finals(self.handler.callbacks)
        self.assertEqual(len(statuses), 40)
        self.assertEqual(statuses.pop(item_id("waits")), c.SYNCMGRSTATUS_STOPPED)  # its verdict reached it
        self.assertEqual(set(statuses.values()), {c.SYNCMGRSTATUS_SUCCEEDED})
        self.assertEqual(self.handler.finish(), 0)


class Properties(HandlerTestCase):
    def open_properties(self, on_callback: Any) -> Message:
        self.handler.start(flags=0x303)
        self.handler.enumerate_all()
        self.assertEqual(self.handler.call("synchronize/showProperties", {"itemId": c.GUID_NULL})["result"]["hr"], 0)
        return self.handler.until(is_method("callback/showPropertiesCompleted"), on_callback)

    def test_a_prompt_is_bracketed_by_the_token(self) -> None:
        def answer(message: Message) -> Optional[Dict[str, Any]]:
            if message["method"] == "callback/prompt":
                return {"hr": 0, "answers": {"folder": "changed"}}
            return None

        completed = self.open_properties(answer)
        self.assertEqual(completed["params"]["hr"], c.S_SYNCMGR_ENUMITEMS)
        sent = [(m["method"], m["params"].get("enable")) for m in self.handler.callbacks]
        self.assertEqual(sent, [("callback/enableModeless", True), ("callback/prompt", None), ("callback/enableModeless", False)])
        self.assertEqual(self.handler.callbacks[1]["params"]["fields"], [{"name": "folder", "label": "Folder", "kind": "text", "default": "docs"}])
        self.assertEqual(self.handler.finish(), 0)

    def test_no_prompt_is_sent_when_the_token_is_refused(self) -> None:
        completed = self.open_properties(lambda m: {"hr": c.S_FALSE} if m["method"] == "callback/enableModeless" else None)
        self.assertEqual(completed["params"]["hr"], c.S_OK)
        self.assertEqual([m["method"] for m in self.handler.callbacks], ["callback/enableModeless"])
        self.assertEqual(self.handler.finish(), 0)


if __name__ == "__main__":
    unittest.main()
