#!/usr/bin/env python3
"""Load test of the Telegram layer: many concurrent questions with a /reload in the middle.

Why: the bot handles updates concurrently and /reload swaps the knowledge while questions are
being answered. This pushes N questions (default 2,000; the development questions, asked in
private chats and in groups) through ``Application.process_update`` concurrently, offline, with
an admin's /reload at the halfway point that adds a notice. It then checks

* that no update failed (error handler never called, no exception escaped), and
* that every answer is exactly what the engine says on the old or on the new knowledge —
  never a mixture, i.e. every answer came from one complete knowledge.

The knowledge starts without one notice (the one named by --held-back) and the reload adds it,
so the two knowledge states give different answers for some questions.

Usage:
    .venv/bin/python scripts/load_test.py [--questions ../shared/eval/dev.yaml] [-n 2000]
Exit status 0 when there are no failures and no mismatches.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

import yaml
from telegram import Update
from telegram.ext import Application, ContextTypes

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bot.answering.engine import Engine  # noqa: E402
from bot.ingest import build_knowledge, write_knowledge  # noqa: E402
from bot.knowledge.store import load_knowledge  # noqa: E402
from bot.settings import load_settings  # noqa: E402
from bot.telegram.app import bot_services, build_application  # noqa: E402
from bot.telegram.formatting import render_answer  # noqa: E402
from bot.telegram.offline import BOT_USERNAME, TEST_TOKEN, RecordingRequest, Updates  # noqa: E402

ADMIN = 1


def read_questions(path: Path) -> list[str]:
    items = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [str(item["q"]) for item in items if item.get("q")]


def prepare(workspace: Path, held_back: str) -> tuple[Path, Path]:
    """data/ with every notice; knowledge/ built without ``held_back`` (the reload adds it)."""
    data = workspace / "data"
    shutil.copytree(REPO / "data", data)
    partial = workspace / "partial"
    partial.mkdir()
    for path in data.iterdir():
        if not path.name.startswith(held_back):
            shutil.copy2(path, partial / path.name)
    if len(list(partial.iterdir())) == len(list(data.iterdir())):
        sys.exit(f"--held-back {held_back!r} matches no file in data/")
    knowledge = workspace / "knowledge"
    write_knowledge(build_knowledge(partial), knowledge)
    return data, knowledge


def expected_texts(questions: list[str], knowledge_dirs: list[Path]) -> dict[str, list[str]]:
    """Per question, the rendered answer on each knowledge (fresh chat, so no context)."""
    engines = [Engine(load_knowledge(d)) for d in knowledge_dirs]
    return {q: ["\n".join(render_answer(e.ask(q))) for e in engines] for q in set(questions)}


async def run(args: argparse.Namespace) -> int:
    rng = random.Random(args.seed)
    questions = read_questions(args.questions)
    with tempfile.TemporaryDirectory(prefix="campaignbot-load-") as tmp:
        workspace = Path(tmp)
        data, knowledge = prepare(workspace, args.held_back)
        # The complete new knowledge, for the expected answers after the reload.
        full = workspace / "full-knowledge"
        write_knowledge(build_knowledge(data), full)
        expected = expected_texts(questions, [knowledge, full])

        settings = load_settings(
            _env_file=None,
            telegram_bot_token=TEST_TOKEN,
            admin_ids=str(ADMIN),
            knowledge_dir=knowledge,
            data_dir=data,
            db_path=workspace / "queries.sqlite3",
            rate_limit=False,  # Telegram's flood limits would make this a test of waiting
        )
        request = RecordingRequest(latency=args.api_latency)
        app = build_application(settings, request=request)
        errors: list[BaseException] = []

        async def count_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
            if context.error is not None:
                errors.append(context.error)

        app.add_error_handler(count_error)
        await app.initialize()
        try:
            return await drive(app, request, questions, expected, args, rng, errors)
        finally:
            await app.shutdown()
            bot_services(app).query_log.close()


async def drive(
    app: Application,
    request: RecordingRequest,
    questions: list[str],
    expected: dict[str, list[str]],
    args: argparse.Namespace,
    rng: random.Random,
    errors: list[BaseException],
) -> int:
    updates = Updates()
    asked: dict[int, str] = {}  # chat id -> question
    kinds: Counter[str] = Counter()
    payloads: list[dict[str, Any]] = []
    for i in range(args.count):
        question = rng.choice(questions)
        style = ("private", "mention", "ask", "ask@")[i % 4]
        kinds[style] += 1
        if style == "private":
            chat = 10_000_000 + i
            payload = updates.private(chat, question)
        else:
            chat = -1_000_000_000 - i
            text = {
                "mention": f"@{BOT_USERNAME} {question}",
                "ask": f"/ask {question}",
                "ask@": f"/ask@{BOT_USERNAME} {question}",
            }[style]
            payload = updates.group(chat, 20_000_000 + i, text)
        asked[chat] = question
        payloads.append(payload)

    latencies: list[float] = []
    escaped: list[BaseException] = []
    spacing = args.seconds / max(1, args.count)

    async def one(index: int, payload: dict[str, Any]) -> None:
        await asyncio.sleep(index * spacing)
        started = time.perf_counter()
        try:
            await app.process_update(Update.de_json(payload, app.bot))
        except Exception as exc:  # noqa: BLE001 - counted as a failed update
            escaped.append(exc)
        latencies.append((time.perf_counter() - started) * 1000)

    reload_result: dict[str, Any] = {}

    async def reload_midway() -> None:
        await asyncio.sleep(args.seconds / 2)
        before = len(request.calls)
        started = time.perf_counter()
        await app.process_update(Update.de_json(updates.private(ADMIN, "/reload"), app.bot))
        reload_result["seconds"] = time.perf_counter() - started
        texts = [
            c.text
            for c in request.calls[before:]
            if c.chat_id == ADMIN and c.method in {"editMessageText", "sendMessage"}
        ]
        reload_result["text"] = texts[-1] if texts else ""

    wall = time.perf_counter()
    await asyncio.gather(reload_midway(), *(one(i, p) for i, p in enumerate(payloads)))
    wall = time.perf_counter() - wall

    replies: dict[int, list[str]] = {}
    for call in request.messages:
        if call.chat_id is not None and call.chat_id in asked:
            replies.setdefault(call.chat_id, []).append(call.text)
    outcome: Counter[str] = Counter()
    mismatches: list[tuple[str, str]] = []
    for chat, question in asked.items():
        got = "\n".join(replies.get(chat, []))
        old, new = expected[question]
        if not got:
            outcome["no reply"] += 1
        elif got == old == new:
            outcome["same on both"] += 1
        elif got == old:
            outcome["old knowledge"] += 1
        elif got == new:
            outcome["new knowledge"] += 1
        else:
            outcome["mismatch"] += 1
            mismatches.append((question, got))

    failed = len(errors) + len(escaped)
    reload_ok = "已重新导入" in reload_result.get("text", "")
    rows = [
        ("updates", str(args.count)),
        (
            "  private / @mention / /ask / /ask@bot",
            f"{kinds['private']} / {kinds['mention']} / {kinds['ask']} / {kinds['ask@']}",
        ),
        ("distinct questions", str(len(set(asked.values())))),
        ("failed updates", str(failed)),
        ("answers: same on both knowledges", str(outcome["same on both"])),
        ("answers: from old knowledge", str(outcome["old knowledge"])),
        ("answers: from new knowledge", str(outcome["new knowledge"])),
        ("answers: mismatch (mixed/incomplete)", str(outcome["mismatch"])),
        ("updates without a reply", str(outcome["no reply"])),
        (
            "/reload",
            f"{'ok' if reload_ok else 'FAILED'} in {reload_result.get('seconds', 0):.2f} s",
        ),
        (
            "process_update p50 / p95 / max (ms)",
            f"{statistics.median(latencies):.1f} / "
            f"{statistics.quantiles(latencies, n=20)[-1]:.1f} / {max(latencies):.1f}",
        ),
        ("wall time (s)", f"{wall:.2f}"),
        ("throughput (updates/s)", f"{args.count / wall:.0f}"),
    ]
    width = max(len(name) for name, _ in rows)
    print(f"{'measure'.ljust(width)} | value")
    print(f"{'-' * width}-+-{'-' * 24}")
    for name, value in rows:
        print(f"{name.ljust(width)} | {value}")
    for question, got in mismatches[:5]:
        print(f"\nMISMATCH for {question!r}:\n{got[:500]}")
    for error in (errors + escaped)[:5]:
        print(f"\nERROR: {type(error).__name__}: {error}")
    ok = failed == 0 and outcome["mismatch"] == 0 and outcome["no reply"] == 0 and reload_ok
    print("\nRESULT:", "PASS" if ok else "FAIL")
    return 0 if ok else 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--questions", type=Path, default=REPO.parent / "shared" / "eval" / "dev.yaml"
    )
    parser.add_argument("-n", "--count", type=int, default=2000)
    parser.add_argument("--seconds", type=float, default=3.0, help="spread the updates over this")
    parser.add_argument("--api-latency", type=float, default=0.005, help="fake Bot API delay (s)")
    parser.add_argument("--held-back", default="tianshui", help="notice the reload adds")
    parser.add_argument("--seed", type=int, default=7)
    sys.exit(asyncio.run(run(parser.parse_args())))


if __name__ == "__main__":
    main()
