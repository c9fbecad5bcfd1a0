"""Each end-to-end test talks in chats of its own.

The bot of an e2e module lives through all its tests, and replies are counted per chat
(``emu.wait_reply(chat, count=n)``): two tests sharing a chat id see each other's replies
and fail by the order they run in, as two merged branches once made them do.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import pytest

E2E_MODULES = sorted(Path(__file__).parent.glob("test_e2e*.py"))
CHAT_CALLS = frozenset({"private_chat", "group_chat"})


def chat_ids(module: Path) -> dict[int, set[str]]:
    """Each literal chat id opened on the module's shared emulator (a test taking the
    ``emu`` fixture; one that starts its own emulator is alone in it), with the tests."""
    users: dict[int, set[str]] = defaultdict(set)
    for node in ast.parse(module.read_text(encoding="utf-8")).body:
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        if "emu" not in {argument.arg for argument in node.args.args}:
            continue
        for call in ast.walk(node):
            if (
                isinstance(call, ast.Call)
                and isinstance(call.func, ast.Attribute)
                and call.func.attr in CHAT_CALLS
                and call.args
            ):
                value = call.args[0]
                if isinstance(value, ast.UnaryOp) and isinstance(value.op, ast.USub):
                    value = value.operand
                    sign = -1
                else:
                    sign = 1
                if isinstance(value, ast.Constant) and isinstance(value.value, int):
                    users[sign * value.value].add(node.name)
    return users


@pytest.mark.parametrize("module", E2E_MODULES, ids=lambda p: p.name)
def test_no_two_tests_share_a_chat(module: Path) -> None:
    shared = {chat: sorted(tests) for chat, tests in chat_ids(module).items() if len(tests) > 1}
    assert not shared, f"{module.name}: chats opened by more than one test: {shared}"
