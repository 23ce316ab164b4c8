"""Drives a handler process through pipes, as the host would: frames in, frames out.

Waits are for messages, never for time: the timeout is only a failsafe so a broken handler fails a
test instead of hanging the suite."""

from __future__ import annotations

import itertools
import os
import queue
import subprocess
import sys
import threading
from typing import Any, Callable, Dict, List, Optional

HERE = os.path.dirname(os.path.abspath(__file__))
SDK_ROOT = os.path.dirname(HERE)
FAILSAFE_SECONDS = 30.0

sys.path.insert(0, SDK_ROOT)
from syncmgr_handler.framing import encode_frame, read_frame  # noqa: E402

Message = Dict[str, Any]


def handler_script(name: str) -> str:
    return os.path.join(HERE, "handlers", name)


class HandlerProcess:
    def __init__(self, script: str, env: Optional[Dict[str, str]] = None) -> None:
        full_env = dict(os.environ, PYTHONPATH=SDK_ROOT)
        full_env.pop("SYNCMGR_HOST_PID", None)  # the tests' host is this process, or a stand-in
        full_env.update(env or {})
        self.process = subprocess.Popen([sys.executable, script], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=full_env)
        self._ids = itertools.count(100)
        self._messages: "queue.Queue[Optional[Message]]" = queue.Queue()
        self.stderr_lines: List[str] = []
        threading.Thread(target=self._read_stdout, daemon=True).start()
        threading.Thread(target=self._read_stderr, daemon=True).start()

    def _read_stdout(self) -> None:
        assert self.process.stdout is not None
        try:
            while True:
                message = read_frame(self.process.stdout)
                self._messages.put(message)
                if message is None:
                    return
        except Exception as error:  # a malformed frame from the handler: the test sees None
            self.stderr_lines.append(f"TEST: malformed frame from the handler: {error}")
            self._messages.put(None)

    def _read_stderr(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.stderr_lines.append(line.decode("utf-8", "replace"))

    def write_raw(self, data: bytes) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(data)
        self.process.stdin.flush()

    def send(self, method: str, params: Optional[Dict[str, Any]] = None) -> int:
        request_id = next(self._ids)
        self.write_raw(encode_frame({"jsonrpc": "2.0", "id": request_id, "method": method, "params": params or {}}))
        return request_id

    def answer(self, request_id: Any, result: Dict[str, Any]) -> None:
        self.write_raw(encode_frame({"jsonrpc": "2.0", "id": request_id, "result": result}))

    def next_message(self) -> Message:
        try:
            message = self._messages.get(timeout=FAILSAFE_SECONDS)
        except queue.Empty:
            raise AssertionError(f"no message from the handler; stderr: {''.join(self.stderr_lines)[-2000:]}") from None
        if message is None:
            raise AssertionError(f"the handler closed stdout; stderr: {''.join(self.stderr_lines)[-2000:]}")
        return message

    def call(self, method: str, params: Optional[Dict[str, Any]] = None, on_callback: Optional[Callable[[Message], Optional[Dict[str, Any]]]] = None) -> Message:
        """Sends a request and returns its answer (the whole message), answering callbacks meanwhile."""
        request_id = self.send(method, params)
        return self.until(lambda m: m.get("id") == request_id and "method" not in m, on_callback)

    def until(self, wanted: Callable[[Message], bool], on_callback: Optional[Callable[[Message], Optional[Dict[str, Any]]]] = None) -> Message:
        """Reads messages until one is wanted; callbacks on the way are answered by on_callback
        (None: {hr:0}) and kept in self.callbacks."""
        while True:
            message = self.next_message()
            if wanted(message):
                return message
            if "method" in message:
                self.callbacks.append(message)
                result = on_callback(message) if on_callback else None
                if result is None and message["method"] == "callback/progressBatch":
                    result = {"hrs": [0] * len(message["params"]["reports"])}
                if result is not False:
                    self.answer(message["id"], result if result is not None else {"hr": 0})

    callbacks: List[Message]

    def start(self, flags: int = 0x203, max_progress_batch: Optional[int] = None) -> None:
        self.callbacks = []
        capabilities: Dict[str, Any] = {"maxMessageBytes": 16777216}
        if max_progress_batch is not None:
            capabilities["maxProgressBatch"] = max_progress_batch
        self.call("syncmgr/handshake", {"protocolVersion": "1.0", "hostPid": os.getpid(), "hostName": "test", "hostVersion": "0", "clsid": "3f2a9c1e-5b7d-4e8a-9c21-7d4e6b0a1f35", "capabilities": capabilities})
        self.call("synchronize/initialize", {"syncMgrFlags": flags})

    def enumerate_all(self) -> List[Message]:
        enumerator = self.call("synchronize/enumSyncMgrItems")["result"]["enumeratorId"]
        items: List[Message] = []
        while True:
            page = self.call("enumItems/next", {"enumeratorId": enumerator, "celt": 100})["result"]
            items += page["items"]
            if page["hr"] != 0:
                return items

    def finish(self) -> int:
        """An orderly end: shutdown, close stdin, wait for the exit code."""
        if not hasattr(self, "callbacks"):
            self.callbacks = []
        self.call("syncmgr/shutdown")
        return self.close()

    def close(self) -> int:
        assert self.process.stdin is not None
        try:
            self.process.stdin.close()
        except BrokenPipeError:
            pass
        return self.process.wait(FAILSAFE_SECONDS)

    def dispose(self) -> None:
        """Kills the process if it still runs and closes the pipes (a test's cleanup)."""
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(FAILSAFE_SECONDS)
        for stream in (self.process.stdin, self.process.stdout, self.process.stderr):
            try:
                stream.close()  # type: ignore[union-attr]
            except OSError:
                pass
