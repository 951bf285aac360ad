"""The private development corpus: where its notices came from, and how the bot scores on it.

The corpus lives OUTSIDE the repository (third-party pages; default ``../devcorpus``):

    docs/train/*.txt, docs/heldout/*.txt    notices and reports as found (never cleaned)
    sources_*.tsv                           file, split, url, region, year, style
    questions/train_*.yaml, heldout_*.yaml  questions in ../shared/eval/dev.yaml's format

A third of the documents is held out: look at them only to measure.  ``score`` ingests the seeds
(data/) plus the split's documents — for ``heldout`` also the training documents, as a deployment
would hold them all — through the real CLI, asks the split's questions with ``ask --jsonl`` and
judges them with ../shared/eval/score.py's rules.  It reports accuracy, and the precision and
recall of answering (precision: answered and right / answered; recall: answered and right /
answerable).  ``--one-chat`` asks every stand-alone question in ONE chat, as an office group does.

    python scripts/dev_corpus.py sources
    python scripts/dev_corpus.py score train [-v] [--one-chat]
    python scripts/dev_corpus.py score heldout
    python scripts/dev_corpus.py tune train SENTENCE_MIN_COVERAGE=0.6,0.7,0.8 OPEN_MIN_COVERAGE=0.8,0.9

``tune`` answers in-process with each combination of the engine's named thresholds
(bot/answering/engine.py) and prints one line per combination: tune on ``train`` only.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO.parent / "devcorpus"
SCORE_PY = REPO.parent / "shared" / "eval" / "score.py"
CLI = REPO / ".venv" / "bin" / "campaignbot"


def _score_module():
    spec = importlib.util.spec_from_file_location("shared_score", SCORE_PY)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def list_sources(corpus: Path) -> int:
    rows = []
    for path in sorted(corpus.glob("sources_*.tsv")):
        with path.open(encoding="utf-8") as fh:
            rows += [r for r in csv.reader(fh, delimiter="\t") if r]
    for r in rows:
        print("\t".join(r))
    print(f"{len(rows)} documents", file=sys.stderr)
    return 0


def _questions(corpus: Path, split: str) -> list[dict]:
    items: list[dict] = []
    for path in sorted((corpus / "questions").glob(f"{split}_*.yaml")):
        batch = path.stem.removeprefix(f"{split}_")
        items += [{**item, "batch": batch} for item in yaml.safe_load(path.read_text(encoding="utf-8")) or []]
    return items


def _one_chat(items: list[dict]) -> list[dict]:
    alone = [dict(i) for i in items if not i.get("chat")]
    random.Random(7).shuffle(alone)
    for i in alone:
        i["chat"] = "one-shared-chat"
    return alone + [i for i in items if i.get("chat")]


def score(corpus: Path, split: str, *, verbose: bool, one_chat: bool, today: str | None) -> int:
    items = _questions(corpus, split)
    if not items:
        sys.exit(f"no questions for split {split!r} in {corpus / 'questions'}")
    if one_chat:
        items = _one_chat(items)
    splits = ["train"] if split == "train" else ["train", "heldout"]
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        shutil.copytree(REPO / "data", data)
        for s in splits:
            for doc in sorted((corpus / "docs" / s).glob("*.txt")):
                shutil.copy(doc, data / doc.name)
        knowledge = Path(tmp) / "knowledge"
        subprocess.run([str(CLI), "ingest", str(data), "--out", str(knowledge)], check=True,
                       capture_output=not verbose)
        cmd = [str(CLI), "--knowledge", str(knowledge), "ask", "--jsonl"]
        if today:
            cmd += ["--today", today]
        sc = _score_module()
        answers, elapsed = sc.run(cmd, items)
    right = answered = answered_right = answerable = false_answers = 0
    per_batch: dict[str, list[int]] = {}  # batch -> [questions, correct, answers to unanswerable]
    for item, ans in zip(items, answers, strict=True):
        passed, _cited, why = sc.judge(item, ans)
        right += passed
        tally = per_batch.setdefault(item["batch"], [0, 0, 0])
        tally[0] += 1
        tally[1] += passed
        tally[2] += bool(item.get("unanswerable") and not passed)
        if ans.get("found"):
            answered += 1
            answered_right += passed and not item.get("unanswerable")
        if item.get("unanswerable"):
            false_answers += not passed
        else:
            answerable += 1
        if verbose and split != "heldout":  # the held-out third is measured, never read
            mark = "ok  " if passed else "FAIL"
            print(f"{mark} {item['id']}: {item['q']}\n     -> {ans.get('answer', '')[:200]!r} {why}")
    n = len(items)
    if len(per_batch) > 1:  # totals per question file: safe to print for the held-out split too
        for batch, (count, correct, false) in sorted(per_batch.items()):
            print(f"  batch {batch}: {correct}/{count} = {correct / count:.1%}   answers to unanswerable: {false}")
    print(f"\nsplit {split}{' (one chat)' if one_chat else ''}: {n} questions, {answerable} answerable")
    print(f"correct: {right}/{n} = {right / n:.1%}")
    print(f"answering precision: {answered_right}/{answered} = {answered_right / max(answered, 1):.1%}"
          f"   recall: {answered_right}/{answerable} = {answered_right / max(answerable, 1):.1%}")
    print(f"answers to unanswerable: {false_answers} of {n - answerable}"
          f"   ({100 * false_answers / n:.1f} per 100 questions)")
    print(f"wall time {elapsed:.1f}s")
    return 0


def _judge_all(sc, items: list[dict], answers: list[dict]) -> tuple[int, int, int, int, int]:
    right = answered = answered_right = answerable = false_answers = 0
    for item, ans in zip(items, answers, strict=True):
        passed, _cited, _why = sc.judge(item, ans)
        right += passed
        answered += bool(ans.get("found"))
        answered_right += bool(ans.get("found")) and passed and not item.get("unanswerable")
        answerable += not item.get("unanswerable")
        false_answers += bool(item.get("unanswerable")) and not passed
    return right, answered, answered_right, answerable, false_answers


def tune(corpus: Path, split: str, settings: list[str], today: str | None, explain: bool = False) -> int:
    import itertools
    from datetime import date

    sys.path.insert(0, str(REPO))
    import bot.answering.engine as engine_module
    from bot.ingest import build_knowledge

    items = _questions(corpus, split)
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        shutil.copytree(REPO / "data", data)
        for s in (["train"] if split == "train" else ["train", "heldout"]):
            for doc in sorted((corpus / "docs" / s).glob("*.txt")):
                shutil.copy(doc, data / doc.name)
        knowledge = build_knowledge(data).knowledge
    grid = [(name, [float(v) for v in values.split(",")])
            for name, values in (x.split("=", 1) for x in settings)]
    sc = _score_module()
    pinned = date.fromisoformat(today) if today else None
    for combo in itertools.product(*[values for _name, values in grid]):
        for (name, _values), value in zip(grid, combo, strict=True):
            assert hasattr(engine_module, name), f"no constant {name} in bot/answering/engine.py"
            setattr(engine_module, name, value)
        engine = engine_module.Engine(knowledge, today=pinned)
        answers = [engine.ask(it["q"], None if it.get("chat") is None else str(it["chat"])).contract()
                   for it in items]
        if explain:
            for it, ans in zip(items, answers, strict=True):
                if not sc.judge(it, ans)[0]:
                    print(f"FAIL {it['id']} {it['q']} -> {ans['answer'][:120]!r}")
                    print(engine.explain(it["q"]))
        right, answered, answered_right, answerable, false_answers = _judge_all(sc, items, answers)
        label = " ".join(f"{name}={value}" for (name, _v), value in zip(grid, combo, strict=True))
        print(f"{label}: correct {right}/{len(items)} = {right / len(items):.1%}  "
              f"precision {answered_right / max(answered, 1):.1%}  recall {answered_right / answerable:.1%}  "
              f"false answers {false_answers}")
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="the corpus folder (outside the repo)")
    sub = ap.add_subparsers(dest="command", required=True)
    sub.add_parser("sources", help="list every document with the address it came from")
    sp = sub.add_parser("score", help="ingest and score one split")
    sp.add_argument("split", choices=["train", "heldout"])
    sp.add_argument("-v", "--verbose", action="store_true",
                    help="print every answer (not for heldout: the held-out third is measured, never read)")
    sp.add_argument("--one-chat", action="store_true", help="ask stand-alone questions in one chat")
    sp.add_argument("--today", help="pin today's date (YYYY-MM-DD)")
    tp = sub.add_parser("tune", help="score in-process over a grid of engine thresholds")
    tp.add_argument("split", choices=["train", "heldout"])
    tp.add_argument("settings", nargs="*", help="NAME=v1,v2,... (constants of bot/answering/engine.py)")
    tp.add_argument("--today", help="pin today's date (YYYY-MM-DD)")
    tp.add_argument("--explain", action="store_true", help="for each failure, what the engine saw")
    args = ap.parse_args()
    if args.command == "tune":
        return tune(args.corpus, args.split, args.settings, args.today, args.explain)
    if args.command == "sources":
        return list_sources(args.corpus)
    return score(args.corpus, args.split, verbose=args.verbose, one_chat=args.one_chat, today=args.today)


if __name__ == "__main__":
    sys.exit(main())
