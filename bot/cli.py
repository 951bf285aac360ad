"""The command line: ingest, ask, chat, run — the contract other tools depend on."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_KNOWLEDGE = REPO_ROOT / "knowledge"


def _today(text: str) -> date:
    """--today YYYY-MM-DD, with a message that says how to write it."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date: use YYYY-MM-DD, e.g. 2025-09-01") from None


def _version() -> str:
    try:
        from importlib.metadata import version

        return version("campaignbot")
    except Exception:  # running from a source tree that was never installed
        return "unknown"


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="campaignbot", description="质量月通知问答机器人")
    p.add_argument("--version", action="version", version=f"campaignbot {_version()}")
    p.add_argument("--knowledge", type=Path, default=None,
                   help="knowledge folder (default: the repository's knowledge/)")
    sub = p.add_subparsers(dest="command", required=True)

    ing = sub.add_parser("ingest", help="notices -> knowledge/*.yaml",
                         description="Reads notices (.txt in UTF-8/GB18030, .docx, .html/.htm, .pdf) "
                                     "and writes one reviewable YAML file per notice.")
    ing.add_argument("data_dir", type=Path, help="folder of notice files (.txt, .docx, .html, .htm, .pdf)")
    ing.add_argument("--out", type=Path, required=True, help="knowledge folder to write")
    ing.add_argument("--max-bytes", type=int, default=5 * 1024 * 1024,
                     help="skip files larger than this (default 5 MB)")
    ing.add_argument("--full", action="store_true",
                     help="rebuild every notice (default: only files changed since the last ingest into --out)")
    ing.add_argument("--workers", type=int, default=None,
                     help="processes to build notices with (default: the cores this process may use)")

    ask = sub.add_parser("ask", help="answer one question, or a batch with --jsonl")
    ask.add_argument("question", nargs="?", help="the question, e.g. 四川质量月的主题是什么")
    ask.add_argument("--json", action="store_true", help="print the JSON answer")
    ask.add_argument("--jsonl", action="store_true",
                     help='batch: stdin lines {"id","q","chat"} -> stdout JSON lines, same order')
    ask.add_argument("--today", type=_today, help="pin today's date (YYYY-MM-DD) for 今年/去年")

    chat = sub.add_parser("chat", help="local console chat on the knowledge")
    chat.add_argument("--today", type=_today, help="pin today's date (YYYY-MM-DD) for 今年/去年")

    sub.add_parser("run", help="the Telegram bot (needs TELEGRAM_BOT_TOKEN)")
    for sp in (ing, ask, chat):
        sp.add_argument("--knowledge", type=Path, default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    return p


def _engine(knowledge_dir: Path, today: date | None):
    from bot.answering.engine import Engine
    from bot.knowledge.store import KnowledgeError, open_knowledge
    from bot.settings import resolve_zone

    zone_name = os.environ.get("CAMPAIGNBOT_TIMEZONE", "Asia/Shanghai")
    try:
        zone = resolve_zone(zone_name)
    except ValueError as exc:
        sys.exit(f"campaignbot: CAMPAIGNBOT_TIMEZONE: {exc}")
    try:
        engine = Engine(open_knowledge(knowledge_dir), today=today, timezone=zone)
    except KnowledgeError as exc:
        sys.exit(f"campaignbot: {exc}")
    engine.freeze()
    return engine


def cmd_ingest(args: argparse.Namespace) -> int:
    from bot.ingest import IngestError, build_knowledge, write_knowledge
    from bot.knowledge.store import KnowledgeError

    def progress(i: int, n: int, name: str) -> None:
        print(f"[{i}/{n}] {name}", file=sys.stderr, flush=True)

    from bot.knowledge.compiler import early_index_copy

    # the earlier index, which an update starts from, copied while the notices are compared and built
    copy = None if args.full else early_index_copy(args.out)
    try:
        result = build_knowledge(args.data_dir, max_bytes=args.max_bytes, progress=progress,
                                 previous=None if args.full else args.out, workers=args.workers,
                                 keep_documents=False)
        replacing = _replacing(args.out, result)
        write_knowledge(result, args.out, remove_old="background",  # the command returns once it is in place
                        index_copy=copy)
    except (IngestError, KnowledgeError, OSError) as exc:
        print(f"campaignbot ingest: {exc}\n(existing knowledge left unchanged)", file=sys.stderr)
        return 1
    finally:
        if copy is not None:
            copy.discard()  # taken (renamed into the new folder) by an update; else not needed
    print(result.report.summary())
    print(f"处理 processed: {result.processed} files, 未变沿用 unchanged: {len(result.reused)} notices")
    print(f"索引 index: {result.index}")
    if replacing:
        print(f"replaced the knowledge in {args.out}:\n{replacing}")
    print(f"written to {args.out}")
    return 0


def _replacing(out: Path, result) -> str:
    """What writing ``result`` changes in an existing knowledge folder ('' for a new one)."""
    from bot.ingest.pipeline import diff_written
    from bot.knowledge.store import KnowledgeError

    if not (out.is_dir() and any(out.glob("*.yaml"))):
        return ""
    try:  # reads only the notices this run rebuilt: an unchanged one is the same bytes
        return diff_written(out, result).summary()
    except KnowledgeError as exc:
        return f"(the existing folder did not load: {exc})"


def _print_answer(answer, as_json: bool) -> None:
    if as_json:
        print(json.dumps(answer.contract(), ensure_ascii=False))
    else:
        print(answer.answer)


def cmd_ask(args: argparse.Namespace, knowledge_dir: Path) -> int:
    engine = _engine(knowledge_dir, args.today)
    if args.jsonl:
        for n, line in enumerate(sys.stdin, 1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
                question, chat = str(item.get("q", "")), item.get("chat")
            except (json.JSONDecodeError, AttributeError) as exc:
                answer = {"found": False, "answer": f"第{n}行不是有效的JSON: {exc}", "citations": []}
                print(json.dumps(answer, ensure_ascii=False), flush=True)
                continue
            result = engine.ask(question, None if chat is None else f"cli:{chat}").contract()
            if "id" in item:  # echoed so a reader can match answers to questions
                result = {"id": item["id"], **result}
            print(json.dumps(result, ensure_ascii=False), flush=True)
        return 0
    if not args.question:
        print("campaignbot ask: give a question, or --jsonl to read a batch from stdin", file=sys.stderr)
        return 2
    answer = engine.ask(args.question)
    _print_answer(answer, args.json)
    return 0


def cmd_chat(args: argparse.Namespace, knowledge_dir: Path) -> int:
    with contextlib.suppress(ImportError):
        import readline  # noqa: F401  (line editing and history for input())
    engine = _engine(knowledge_dir, args.today)
    docs = len(engine.knowledge.documents)
    print(f"campaignbot 本地对话 — 已加载{docs}份通知。输入问题,回车发送;输入 exit 或按 Ctrl-D 退出。")
    while True:
        try:
            question = input("问> ").strip()
        except (EOFError, KeyboardInterrupt):
            print()
            return 0
        if question in ("exit", "quit", "退出"):
            return 0
        if question:
            print(engine.ask(question, "console").answer + "\n")


def cmd_run() -> int:
    from bot.settings import SettingsError
    from bot.telegram.app import run_bot

    try:
        run_bot()
    except SettingsError as exc:
        print(f"campaignbot run: {exc}", file=sys.stderr)
        return 2
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    try:
        return _main(argv)
    except BrokenPipeError:  # `campaignbot ask … | head`: the reader left, nothing is wrong
        sys.stderr.close()
        return 0


def _main(argv: Sequence[str] | None) -> int:
    args = _parser().parse_args(argv)
    knowledge_dir = args.knowledge or DEFAULT_KNOWLEDGE
    if args.command == "ingest":
        return cmd_ingest(args)
    if args.command == "ask":
        return cmd_ask(args, knowledge_dir)
    if args.command == "chat":
        return cmd_chat(args, knowledge_dir)
    return cmd_run()


if __name__ == "__main__":
    sys.exit(main())
