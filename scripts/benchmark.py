"""Speed and memory of the question answering, measured (never asserted in tests).

    .venv/bin/python scripts/benchmark.py [--notices 1000] [--rounds 20]

Prints a table: answer latency p50/p99 in-process over the development questions,
on the seed knowledge and on a synthetic knowledge of N notices made from the seeds
with other regions and years; cold start (process start to first answer); peak
memory (RSS) of a process holding the N-notice knowledge.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bot.answering.engine import Engine  # noqa: E402
from bot.knowledge import Knowledge  # noqa: E402
from bot.regions import regions, short_name  # noqa: E402
from bot.schema import DocumentKnowledge  # noqa: E402
from bot.store import load_knowledge  # noqa: E402

DEV = REPO.parent / "shared" / "eval" / "dev.yaml"
TODAY = date(2026, 11, 21)


def questions() -> list[tuple[str, str | None]]:
    if DEV.exists():
        items = yaml.safe_load(DEV.read_text(encoding="utf-8"))
        return [(it["q"], it.get("chat")) for it in items]
    return [("2024年四川质量月的活动主题是什么?", None), ("天水质量月联系人和联系电话", None)]


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    k = min(len(values) - 1, max(0, round(p / 100 * (len(values) - 1))))
    return values[k]


def latency(engine: Engine, qs: list[tuple[str, str | None]], rounds: int) -> tuple[float, float]:
    times: list[float] = []
    for r in range(rounds):
        for q, chat in qs:
            start = time.perf_counter()
            engine.ask(q, f"{chat}-{r}" if chat else None)
            times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), percentile(times, 99)


def synthetic(seed: Knowledge, n: int) -> Knowledge:
    """N notices: the seeds again and again, each moved to another region and year."""
    rng = random.Random(7)
    targets = [r for r in regions().by_name.values() if r.level in ("province", "prefecture")]
    docs: list[DocumentKnowledge] = []
    originals = list(seed.documents.values())
    for i in range(n):
        base = originals[i % len(originals)]
        region = rng.choice(targets)
        year = rng.randint(2005, 2030)
        old_names = {u.region.name for u in base.meta.units}
        # the id first: it holds the year and region that are replaced below
        raw = base.model_dump_json().replace(base.meta.doc, f"synthetic-{i:06d}")
        for old in old_names:
            old_short = short_name(next(u.region for u in base.meta.units if u.region.name == old))
            raw = raw.replace(old, region.name).replace(old_short, short_name(region))
        for y in {u.year for u in base.meta.units if u.year}:
            raw = raw.replace(str(y), str(year))
        docs.append(DocumentKnowledge.model_validate_json(raw))
    knowledge = Knowledge.of(docs)
    assert len(knowledge.documents) == n, f"built {len(knowledge.documents)} distinct notices, not {n}"
    return knowledge


def cold_start(knowledge_dir: Path, runs: int = 3) -> float:
    code = ("import time,sys; t=time.perf_counter(); from bot.cli import main; "
            f"main(['--knowledge', {str(knowledge_dir)!r}, 'ask', '天水质量月通知文号'])")
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def peak_memory_child(n: int) -> None:
    seed = load_knowledge(REPO / "knowledge")
    engine = Engine(synthetic(seed, n), today=TODAY)
    engine.warm()
    for q, _chat in questions():
        engine.ask(q)
    kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"peak_mb": kb / 1024}))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--notices", type=int, default=1000)
    ap.add_argument("--rounds", type=int, default=20)
    ap.add_argument("--memory-child", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.memory_child:
        peak_memory_child(args.memory_child)
        return
    qs = questions()
    seed = load_knowledge(REPO / "knowledge")
    rows = []
    engine = Engine(seed, today=TODAY)
    engine.warm()
    p50, p99 = latency(engine, qs, args.rounds)
    rows.append((f"latency, seeds ({len(seed.documents)} notices)", f"p50 {p50:.2f} ms", f"p99 {p99:.2f} ms"))
    start = time.perf_counter()
    big = synthetic(seed, args.notices)
    engine = Engine(big, today=TODAY)
    engine.warm()
    build = time.perf_counter() - start
    p50, p99 = latency(engine, qs, max(2, args.rounds // 4))
    rows.append((f"latency, synthetic ({args.notices} notices)", f"p50 {p50:.2f} ms", f"p99 {p99:.2f} ms"))
    rows.append((f"index build, {args.notices} notices", f"{build:.1f} s", ""))
    rows.append(("cold start to first answer, seeds", f"{cold_start(REPO / 'knowledge'):.2f} s", "median of 3"))
    out = subprocess.run([sys.executable, __file__, "--memory-child", str(args.notices)],
                         capture_output=True, text=True, check=True)
    peak = json.loads(out.stdout.strip().splitlines()[-1])["peak_mb"]
    rows.append((f"peak memory, {args.notices} notices", f"{peak:.0f} MB", "max RSS"))
    width = max(len(r[0]) for r in rows)
    print(f"{'measure':<{width}}  value")
    for name, a, b in rows:
        print(f"{name:<{width}}  {a:<14} {b}")


if __name__ == "__main__":
    main()
