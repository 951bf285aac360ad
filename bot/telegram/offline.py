"""Drive the whole Telegram bot without a network: a recording fake Bot API and update builders.

Why it ships with the bot and not only with the tests: ``build_application(request=...)``
promises that the bot can run offline, and both the end-to-end tests and
``scripts/load_test.py`` need the same fake. ``RecordingRequest`` answers every Bot API method
with a plausible result, records each call with its decoded parameters, and serves file
downloads from bytes registered with ``add_file``. ``Updates`` builds the JSON of incoming
updates (private and group messages, mentions, replies, button presses, documents).
"""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from dataclasses import dataclass, field
from typing import Any

from telegram.request import BaseRequest, RequestData

BOT_ID = 7_000_000_001
BOT_USERNAME = "campaign_test_bot"
TEST_TOKEN = "123456789:OFFLINE-test-token_abcdefghijklmnopqrs"


@dataclass
class ApiCall:
    """One Bot API call: the method name and its decoded parameters."""

    method: str
    params: dict[str, Any] = field(default_factory=dict)
    uploads: dict[str, tuple[str, bytes]] = field(default_factory=dict)  # field -> (file name, bytes)

    @property
    def text(self) -> str:
        return str(self.params.get("text", ""))

    @property
    def chat_id(self) -> int | None:
        value = self.params.get("chat_id")
        return int(value) if value is not None else None

    @property
    def reply_to(self) -> int | None:
        """The message id this call replies to (``reply_parameters``), if any."""
        reply = self.params.get("reply_parameters")
        if isinstance(reply, dict) and "message_id" in reply:
            return int(reply["message_id"])
        legacy = self.params.get("reply_to_message_id")
        return int(legacy) if legacy is not None else None

    @property
    def buttons(self) -> list[dict[str, Any]]:
        """All inline buttons of the call's ``reply_markup``, row by row."""
        markup = self.params.get("reply_markup") or {}
        if isinstance(markup, str):
            markup = json.loads(markup)
        return [b for row in markup.get("inline_keyboard", []) for b in row]


class RecordingRequest(BaseRequest):
    """A fake Bot API endpoint: records calls, answers like Telegram, never touches the network."""

    def __init__(
        self, *, bot_id: int = BOT_ID, bot_username: str = BOT_USERNAME, latency: float = 0.0
    ) -> None:
        """``latency`` (seconds) delays every call, so concurrent updates really interleave."""
        self.latency = latency
        self.bot_user = {
            "id": bot_id,
            "is_bot": True,
            "first_name": "质量月助手",
            "username": bot_username,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }
        self.calls: list[ApiCall] = []
        self.sent: list[dict[str, Any]] = []  # every message the bot sent, as Telegram returns it
        self.files: dict[str, bytes] = {}
        self.chat_admins: set[int] = set()  # users getChatMember reports as administrators
        self.downloads: list[str] = []
        self._message_ids = itertools.count(10_000)

    @property
    def read_timeout(self) -> float | None:
        return 5.0

    async def initialize(self) -> None:
        """Nothing to set up: no connection pool."""

    async def shutdown(self) -> None:
        """Nothing to close."""

    def add_file(self, file_id: str, data: bytes) -> None:
        """Make ``getFile`` and the download of ``file_id`` serve ``data``."""
        self.files[file_id] = data

    def of(self, method: str) -> list[ApiCall]:
        return [c for c in self.calls if c.method == method]

    @property
    def messages(self) -> list[ApiCall]:
        """The sendMessage calls, in order."""
        return self.of("sendMessage")

    def clear(self) -> None:
        self.calls.clear()
        self.sent.clear()

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = None,
        write_timeout: Any = None,
        connect_timeout: Any = None,
        pool_timeout: Any = None,
    ) -> tuple[int, bytes]:
        if self.latency:
            await asyncio.sleep(self.latency)
        if "/file/bot" in url:  # a file download: .../file/bot<token>/<file_path>
            file_path = url.split("/file/bot", 1)[1].split("/", 1)[1]
            file_id = file_path.rsplit("/", 1)[-1]
            self.downloads.append(file_id)
            if file_id not in self.files:
                return 404, b'{"ok": false, "error_code": 404, "description": "Not Found"}'
            return 200, self.files[file_id]
        api_method = url.rsplit("/", 1)[-1]
        params = dict(request_data.parameters) if request_data else {}
        uploads = {}
        if request_data is not None and request_data.multipart_data:
            uploads = {name: (str(part[0]), bytes(part[1]))
                       for name, part in request_data.multipart_data.items()}
        self.calls.append(ApiCall(api_method, params, uploads))
        result = self._result(api_method, params)
        return 200, json.dumps({"ok": True, "result": result}).encode()

    def _message(self, params: dict[str, Any], **extra: Any) -> dict[str, Any]:
        chat_id = int(params.get("chat_id", 0))
        message = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": _chat(chat_id),
            "from": self.bot_user,
            **extra,
        }
        if "text" in params:
            message["text"] = str(params["text"])
        if params.get("reply_markup"):
            message["reply_markup"] = params["reply_markup"]
        return message

    def _result(self, method: str, params: dict[str, Any]) -> Any:
        if method == "getMe":
            return self.bot_user
        if method == "sendMessage":
            message = self._message(params)
            self.sent.append(message)
            return message
        if method in {"editMessageText", "editMessageReplyMarkup"}:
            if "inline_message_id" in params:
                return True
            message = self._message(params)
            message["message_id"] = int(params.get("message_id", 0))
            message["edit_date"] = int(time.time())
            return message
        if method == "getFile":
            file_id = str(params["file_id"])
            return {
                "file_id": file_id,
                "file_unique_id": f"u{file_id}",
                "file_size": len(self.files.get(file_id, b"")),
                "file_path": f"documents/{file_id}",
            }
        if method == "sendDocument":
            return self._message(params)
        if method == "getChatMember":
            user_id = int(params["user_id"])
            user = {"id": user_id, "is_bot": False, "first_name": f"user{user_id}"}
            if user_id in self.chat_admins:
                return {"status": "creator", "user": user, "is_anonymous": False}
            return {"status": "member", "user": user}
        return True  # answerCallbackQuery, sendChatAction, setMyCommands, deleteWebhook, …


def _chat(chat_id: int) -> dict[str, Any]:
    """Positive ids are private chats (the user's id), negative ones supergroups."""
    if chat_id > 0:
        return {"id": chat_id, "type": "private", "first_name": "用户"}
    return {"id": chat_id, "type": "supergroup", "title": "质量月协调群"}


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _entities(text: str, bot_username: str) -> list[dict[str, Any]]:
    """The entities Telegram would attach: a leading /command and @mentions (UTF-16 offsets)."""
    entities: list[dict[str, Any]] = []
    command_end = 0
    if text.startswith("/"):
        command = text.split(maxsplit=1)[0]
        command_end = len(command)
        entities.append({"type": "bot_command", "offset": 0, "length": _utf16_len(command)})
    start = command_end
    while (at := text.find("@", start)) >= 0:
        end = at + 1
        while end < len(text) and text[end].isascii() and (text[end].isalnum() or text[end] == "_"):
            end += 1
        if end - at > 1:
            offset = _utf16_len(text[:at])
            entities.append({"type": "mention", "offset": offset, "length": end - at})
        start = end
    return entities


class Updates:
    """Builds update JSON the way Telegram sends it; feed it to ``Update.de_json``."""

    def __init__(self, bot_username: str = BOT_USERNAME) -> None:
        self.bot_username = bot_username
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(1)

    @staticmethod
    def user(user_id: int) -> dict[str, Any]:
        return {"id": user_id, "is_bot": False, "first_name": f"用户{user_id}"}

    def message(
        self,
        chat_id: int,
        user_id: int,
        text: str,
        *,
        reply_to: dict[str, Any] | None = None,
        entities: list[dict[str, Any]] | None = None,
    ) -> dict[str, Any]:
        """A text message in a private chat (``chat_id > 0``) or a supergroup (``< 0``)."""
        message: dict[str, Any] = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": _chat(chat_id),
            "from": self.user(user_id),
            "text": text,
        }
        found = _entities(text, self.bot_username) if entities is None else entities
        if found:
            message["entities"] = found
        if reply_to is not None:
            message["reply_to_message"] = reply_to
        return {"update_id": next(self._update_ids), "message": message}

    def private(self, user_id: int, text: str) -> dict[str, Any]:
        return self.message(user_id, user_id, text)

    def group(
        self, chat_id: int, user_id: int, text: str, *, reply_to: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        return self.message(chat_id, user_id, text, reply_to=reply_to)

    def callback(self, user_id: int, message: dict[str, Any], data: str) -> dict[str, Any]:
        """A button press on ``message`` (a message the bot sent, e.g. from ``sent``)."""
        return {
            "update_id": next(self._update_ids),
            "callback_query": {
                "id": f"cb{next(self._message_ids)}",
                "from": self.user(user_id),
                "chat_instance": "ci1",
                "message": message,
                "data": data,
            },
        }

    def document(
        self,
        user_id: int,
        file_id: str,
        file_name: str,
        size: int,
        *,
        chat_id: int | None = None,
        mime_type: str = "application/octet-stream",
    ) -> dict[str, Any]:
        """A file sent as a document (by default in the sender's private chat)."""
        message = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": _chat(chat_id if chat_id is not None else user_id),
            "from": self.user(user_id),
            "document": {
                "file_id": file_id,
                "file_unique_id": f"u{file_id}",
                "file_name": file_name,
                "mime_type": mime_type,
                "file_size": size,
            },
        }
        return {"update_id": next(self._update_ids), "message": message}
