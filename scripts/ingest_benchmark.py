"""Ingest speed, measured (never asserted in tests): from scratch and after one changed notice.

    .venv/bin/python scripts/ingest_benchmark.py --notices 1000 [--workers 2] [--check-yaml 300] [--keep DIR]
    .venv/bin/python scripts/ingest_benchmark.py --pool-cost      # what starting the process pool costs

Builds N distinct notice files from the seeds in data/ (each moved to another region and year by
replacing the seed's place names and campaign year in its text), asserts that ingest made N
documents of them, and times the real command line (`campaignbot ingest`, process start included):
a from-scratch ingest, a re-ingest with nothing changed, and a re-ingest after one notice changed.
``--check-yaml K`` also checks, on K of the built documents, that libyaml's emitter writes the
bytes PyYAML's does. ``--pool-cost`` times 1..16 notices built in this process and on the pool,
which sets ``PARALLEL_MIN_FILES``.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bot.ingest import build_knowledge  # noqa: E402
from bot.knowledge.store import dump_document, load_document  # noqa: E402
from bot.regions import regions, short_name  # noqa: E402

CLI = [sys.executable, "-m", "bot.cli"]
SEED_DATA = REPO / "data"
#: Files per subfolder: an office files notices by year or region, and a flat folder of 10^4
#: files is not what the ingest meets.
PER_FOLDER = 1000


def make_notices(data: Path, n: int) -> None:
    """N notice files: the seeds again and again, each moved to another region and year."""
    seeds = build_knowledge(SEED_DATA, workers=1).knowledge.documents.values()
    texts = [(d, (SEED_DATA / d.meta.source).read_text(encoding="utf-8")) for d in seeds]
    rng = random.Random(7)
    targets = [r for r in regions().by_name.values() if r.level in ("province", "prefecture")]
    for i in range(n):
        doc, text = texts[i % len(texts)]
        region, year = rng.choice(targets), rng.randint(2005, 2030)
        for unit in doc.meta.units:
            if unit.region.level != "national":
                text = text.replace(unit.region.name, region.name)
                text = text.replace(short_name(unit.region), short_name(region))
            if unit.year:
                text = text.replace(str(unit.year), str(year))
        folder = data / f"batch-{i // PER_FOLDER:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"notice-{i:06d}-{doc.meta.doc}.txt").write_text(text + f"\n(编号 {i})\n", encoding="utf-8")


def timed_ingest(data: Path, out: Path, *extra: str) -> tuple[float, str]:
    start = time.perf_counter()
    run = subprocess.run([*CLI, "ingest", str(data), "--out", str(out), *extra], cwd=REPO,
                         capture_output=True, text=True, check=True)
    return time.perf_counter() - start, run.stdout


def documents_in(stdout: str) -> int:
    line = next(x for x in stdout.splitlines() if x.startswith("文档 documents:"))
    return int(line.split(":")[1])


def processed_in(stdout: str) -> str:
    line = next(x for x in stdout.splitlines() if x.startswith("处理 processed:"))
    return line.split(":")[1].split(",")[0].strip()


def index_in(stdout: str) -> str:
    """How the run made the compiled index: "updated (…)" in place, or "compiled: why"."""
    return next(x for x in stdout.splitlines() if x.startswith("索引 index:")).split(":", 1)[1].strip()


def check_yaml(out: Path, k: int) -> str:
    files = sorted(out.glob("*.yaml"))
    sample = random.Random(3).sample(files, min(k, len(files)))
    differ = [p.name for p in sample if dump_document(d := load_document(p)) != dump_document(d, pure=True)]
    return f"{len(sample) - len(differ)}/{len(sample)} identical" + (f" (differ: {differ[:3]})" if differ else "")


def pool_cost() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        make_notices(data, 64)
        files = sorted(data.rglob("*.txt"))
        build_knowledge(data, workers=1)  # warm this process (OpenCC, jieba, regions) like a long-running bot
        import bot.ingest.pipeline as pipeline

        pipeline.PARALLEL_MIN_FILES = 1
        print("files  serial s  pool(2) s")
        for k in (1, 2, 4, 8, 16, 32, 64):
            sub = Path(tmp) / f"sub{k}"
            sub.mkdir()
            for f in files[:k]:
                (sub / f.name).write_bytes(f.read_bytes())
            t0 = time.perf_counter()
            build_knowledge(sub, workers=1)
            t1 = time.perf_counter()
            build_knowledge(sub, workers=2)
            t2 = time.perf_counter()
            print(f"{k:5d}  {t1 - t0:8.2f}  {t2 - t1:9.2f}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--notices", type=int, default=1000)
    ap.add_argument("--workers", type=int, default=None)
    ap.add_argument("--check-yaml", type=int, default=0)
    ap.add_argument("--pool-cost", action="store_true")
    ap.add_argument("--keep", type=Path, help="build in this (new) folder and keep data/ and knowledge/ there")
    args = ap.parse_args()
    if args.pool_cost:
        pool_cost()
        return
    n = args.notices
    workers = ["--workers", str(args.workers)] if args.workers else []
    with tempfile.TemporaryDirectory(prefix="ingest-bench-") as tmp:
        work = args.keep or Path(tmp)
        data, out = work / "data", work / "knowledge"
        if data.exists() or out.exists():
            raise SystemExit(f"{work} already holds data/ or knowledge/: give a new folder")
        make_notices(data, n)
        full, stdout = timed_ingest(data, out, "--full", *workers)
        built = documents_in(stdout)
        assert built == n, f"ingest made {built} documents of {n} distinct notices"
        assert len(list(out.glob("*.yaml"))) == n
        same, stdout_same = timed_ingest(data, out, *workers)
        one = next(iter(sorted(data.rglob("*.txt"))))
        one.write_text(one.read_text(encoding="utf-8") + "\n联系电话:010-12345678\n", encoding="utf-8")
        changed, stdout = timed_ingest(data, out, *workers)
        assert "处理 processed: 1 files" in stdout, stdout[-300:]
        rows = [
            (f"from scratch, {n} notices (--full)", f"{full:.1f} s", f"{n / full:.1f} notices/s"),
            ("re-ingest, nothing changed", f"{same:.2f} s",
             f"processed {processed_in(stdout_same)}; index {index_in(stdout_same)}"),
            ("re-ingest, one notice changed", f"{changed:.2f} s",
             f"processed {processed_in(stdout)}; index {index_in(stdout)}"),
        ]
        if args.check_yaml:
            rows.append(("libyaml = PyYAML bytes", check_yaml(out, args.check_yaml), ""))
    print(f"ingest benchmark (`campaignbot ingest`, process start included; workers: {args.workers or 'all cores'})")
    width = max(len(r[0]) for r in rows)
    for name, a, b in rows:
        print(f"{name:<{width}}  {a:<14} {b}")


if __name__ == "__main__":
    main()
