"""Speed and memory at scale, measured (never asserted in tests).

    .venv/bin/python scripts/benchmark.py [--notices 5,1000,10000] [--rounds 5] [--backend compiled]

For each N it builds N *distinct* notice files (the five seeds plus N-5 copies of them, each moved
to another region and year by rewriting the text, so the metadata reader finds the new place and
year), asserts that ingest produced N distinct notices, and measures:

- ingest: the real pipeline (``build_knowledge`` + ``write_knowledge``, which also compiles the
  index), notices per second;
- first answer from process start: a fresh Python process that opens the knowledge folder as the
  CLI does and answers one question, timed from just before the process is spawned;
- p50/p99 per question in that process, over the development questions (typed, open, chats)
  plus questions of all notices, ``--rounds`` times (fresh chats each round), after one untimed
  round (one-time lazy imports such as cn2an and pypinyin are not a question's latency);
- peak RSS of that process (loading and answering).

``--backend memory`` measures the in-memory path (YAML parsed, sentence index built in the
process), i.e. the state before the compiled index, for comparison.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

DEV = REPO.parent / "shared" / "eval" / "dev.yaml"
TODAY = date(2026, 11, 21)
FIRST_QUESTION = "天水质量月通知文号"
# Questions of no region or year in particular: scoped to all notices, the expensive case.
ALL_NOTICES = ["质量月的活动主题是什么?", "活动总结什么时候之前报送?", "联系电话多少", "有哪些活动",
               "2024年四川质量月活洞主提是什么"]
YEARS = range(2005, 2031)


def questions() -> list[tuple[str, str | None]]:
    own: list[tuple[str, str | None]] = [(q, None) for q in ALL_NOTICES]
    if DEV.exists():
        items = yaml.safe_load(DEV.read_text(encoding="utf-8"))
        return [(it["q"], it.get("chat")) for it in items] + own
    return [("2024年四川质量月的活动主题是什么?", None), ("天水质量月联系人和联系电话", None)] + own


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    k = min(len(values) - 1, max(0, round(p / 100 * (len(values) - 1))))
    return values[k]


def synthetic_data(n: int, out: Path) -> None:
    """The seed notice files plus n-5 rewritten copies (another region and year each)."""
    from bot.knowledge.store import load_knowledge
    from bot.regions import regions, short_name

    seeds = sorted((REPO / "data").glob("*.txt"))
    seed_knowledge = load_knowledge(REPO / "knowledge")
    rng = random.Random(7)
    targets = [r for r in regions().by_name.values() if r.level in ("province", "prefecture")]
    out.mkdir(parents=True)
    for path in seeds[:n]:
        shutil.copy(path, out / path.name)
    for i in range(max(0, n - len(seeds))):
        path = seeds[i % len(seeds)]
        base = seed_knowledge.documents[path.stem]
        region = rng.choice(targets)
        year = rng.choice(YEARS)
        text = path.read_text(encoding="utf-8")
        for unit in base.meta.units:
            if unit.region.name != "全国":
                text = text.replace(unit.region.name, region.name)
                text = text.replace(short_name(unit.region), short_name(region))
        for y in {u.year for u in base.meta.units if u.year}:
            text = text.replace(str(y), str(year))
        (out / f"synthetic-{i:06d}-{path.name}").write_text(text, encoding="utf-8")


def ingest(data: Path, folder: Path, n: int) -> float:
    """The real pipeline; returns seconds. Asserts N distinct notices were built."""
    from bot.ingest import build_knowledge, write_knowledge

    start = time.perf_counter()
    result = build_knowledge(data)
    write_knowledge(result, folder)
    took = time.perf_counter() - start
    built = len(result.knowledge.documents)
    assert built == n, f"ingest built {built} distinct notices, not {n}"
    assert len(list(folder.glob("*.yaml"))) == n
    return took


def peak_rss_mb() -> float:
    """This process's peak resident memory. Not ``ru_maxrss``: Linux keeps it across ``exec``, so
    a child spawned by a parent that has just ingested 10,000 notices reports the parent's peak."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(folder: Path, backend: str, spawned: float, rounds: int) -> None:
    """Runs in a fresh process: open the folder, first answer, then the latency rounds."""
    from bot.answering.engine import Engine

    if backend == "compiled":
        from bot.knowledge.store import open_knowledge

        knowledge = open_knowledge(folder)
    else:  # importable from code before the compiled index, to measure it
        from bot.knowledge.store import load_knowledge

        knowledge = load_knowledge(folder)
    engine = Engine(knowledge, today=TODAY)
    engine.freeze()  # as the CLI and the bot do once loaded
    engine.ask(FIRST_QUESTION)
    first = time.time() - spawned
    qs = questions()
    for q, chat in qs:  # untimed: one-time lazy imports (cn2an, pypinyin) and caches, as in a running bot
        engine.ask(q, f"{chat}-warm" if chat else None)
    times: list[float] = []
    named: list[float] = []  # the questions that name a region, year or unit (not ALL_NOTICES)
    for r in range(rounds):
        for q, chat in qs:
            start = time.perf_counter()
            engine.ask(q, f"{chat}-{r}" if chat else None)
            times.append((time.perf_counter() - start) * 1000)
            if q not in ALL_NOTICES:
                named.append(times[-1])
    peak = peak_rss_mb()
    print(json.dumps({"first": first, "p50": statistics.median(times), "p99": percentile(times, 99),
                      "p99_named": percentile(named, 99),
                      "questions": len(times), "peak_mb": peak, "notices": len(knowledge.documents)}))


def measure(folder: Path, backend: str, rounds: int) -> dict[str, float]:
    spawned = time.time()
    out = subprocess.run([sys.executable, __file__, "--child", str(folder), "--backend", backend,
                          "--spawned", repr(spawned), "--rounds", str(rounds)],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--notices", default="5,1000,10000", help="comma-separated sizes")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--backend", choices=("compiled", "memory"), default="compiled")
    ap.add_argument("--keep", type=Path, help="keep the built folders here (reused when present)")
    ap.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--spawned", type=float, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.child, args.backend, args.spawned, args.rounds)
        return
    rows = []
    work = args.keep or Path(tempfile.mkdtemp(prefix="campaignbot-bench-"))
    try:
        for n in (int(x) for x in args.notices.split(",")):
            data, folder = work / f"data-{n}", work / f"knowledge-{n}"
            if not folder.is_dir():
                shutil.rmtree(data, ignore_errors=True)
                synthetic_data(n, data)
                took = ingest(data, folder, n)
                rate = f"{took:.1f} s ({n / took:.0f}/s)"
            else:
                rate = "(reused)"
                if args.backend == "compiled":  # an index of older code is recompiled here, not timed
                    from bot.knowledge.index import open_compiled
                    from bot.knowledge.store import open_knowledge

                    if open_compiled(folder) is None:
                        start = time.perf_counter()
                        open_knowledge(folder)
                        rate = f"(reused; index recompiled in {time.perf_counter() - start:.0f} s)"
            m = measure(folder, args.backend, args.rounds)
            assert m["notices"] == n, m
            rows.append((f"{n:,}", rate, f"{m['first']:.2f} s", f"{m['p50']:.2f} ms", f"{m['p99']:.2f} ms",
                         f"{m['p99_named']:.2f} ms",
                         f"{m['peak_mb']:.0f} MB", str(m["questions"])))
            print(" | ".join(rows[-1]), file=sys.stderr, flush=True)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    head = ("notices", "ingest (real pipeline)", "first answer from process start", "p50", "p99",
            "p99 without all-notice questions", "peak RSS", "questions timed")
    print(f"backend: {args.backend}, rounds: {args.rounds}")
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
