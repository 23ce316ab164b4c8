"""HostContext.prompt: one dialog, bracketed by EnableModeless(true) and EnableModeless(false) (§4.7).

Prompts of one instance run one at a time: items running on several threads must not interleave
their EnableModeless calls, or one's EnableModeless(false) would take the token from under the
other's open prompt."""

from __future__ import annotations

import re
import threading
from typing import Any, Dict, List, Optional, Sequence, Union

from . import constants as c
from .errors import HandlerSdkError
from .host_callbacks import HostCallbacks
from .structs import PromptField

FIELD_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
MAX_FIELDS = 16
Answers = Dict[str, Union[str, bool]]


class Prompter:
    def __init__(self, host: HostCallbacks) -> None:
        self._host = host
        self._one_at_a_time = threading.Lock()

    def prompt(self, title: str, fields: Sequence[PromptField], text: Optional[str] = None) -> Optional[Answers]:
        """The answers, or None when no user may be asked now (S_FALSE) or the user refused."""
        params = prompt_params(title, fields, text)
        with self._one_at_a_time:
            if not self._host.enable_modeless(True):
                return None
            try:
                return answers_of(fields, self._host.prompt(params))
            finally:
                self._host.enable_modeless(False)


def prompt_params(title: str, fields: Sequence[PromptField], text: Optional[str]) -> Dict[str, Any]:
    """The callback/prompt params; raises INVALID_PROMPT for what the host would refuse."""
    if not isinstance(title, str) or not title.strip():
        raise HandlerSdkError("INVALID_PROMPT", "title must be a non-empty string")
    if not 1 <= len(fields) <= MAX_FIELDS:
        raise HandlerSdkError("INVALID_PROMPT", f"fields must hold 1 to {MAX_FIELDS} fields")
    wire: List[Dict[str, Any]] = []
    for index, field in enumerate(fields):
        where = f"fields[{index}]"
        if not FIELD_NAME.match(field.name) or any(w["name"] == field.name for w in wire):
            raise HandlerSdkError("INVALID_PROMPT", f"{where}.name {field.name!r} is not a unique identifier")
        if field.kind not in ("text", "secret", "confirm") or not field.label:
            raise HandlerSdkError("INVALID_PROMPT", f"{where} needs a label and a kind text, secret or confirm")
        entry: Dict[str, Any] = {"name": field.name, "label": field.label, "kind": field.kind}
        if field.default is not None:
            wanted = bool if field.kind == "confirm" else str
            # A default secret would be shown or stored in the clear, so the protocol has none.
            if field.kind == "secret" or not isinstance(field.default, wanted):
                raise HandlerSdkError("INVALID_PROMPT", f"{where}.default does not fit a {field.kind} field")
            entry["default"] = field.default
        wire.append(entry)
    params: Dict[str, Any] = {"title": title, "fields": wire}
    if text is not None:
        params["text"] = text
    return params


def answers_of(fields: Sequence[PromptField], result: Optional[Dict[str, Any]]) -> Optional[Answers]:
    """The answers of an S_OK result, keeping only declared fields with answers of their kind."""
    if result is None or result.get("hr") != c.S_OK:
        return None
    given = result.get("answers") or {}
    answers: Answers = {}
    for field in fields:
        answer = given.get(field.name)
        if isinstance(answer, bool if field.kind == "confirm" else str):
            answers[field.name] = answer
    return answers
