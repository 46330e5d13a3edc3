"""Corpus mode at scale: ingest throughput and memory as the store grows to 100k articles.

    python benchmarks/corpus_scale.py --articles 100000 --step 10000 \
        --out benchmarks/results/corpus_scale.json --plot docs/corpus_scale.png

The corpus is every distinct article in `shared/data` (benchmarks/pool.py, ~7.5k)
plus replicas of them with planted edits, as a feed would carry them
(benchmarks/_planting.py: verbatim, trimmed, re-headlined, boilerplate added,
paragraphs reordered, lightly rewritten, mixed), under new ids and URLs.
Originals are spread evenly over the stream, so every step holds the same mix and a rising cost per
article would show as falling articles/s. Each step is one `Corpus.ingest` call
against the same store file, timed from reading its JSONL file to its stories
written. By default one `Corpus` ingests every step, as a long-running service
would: its indexes and model stay in memory between steps. With
`--new-corpus-each-step` every step opens a new one, as separate `crosscheck
ingest` runs would, so rebuilding the indexes from the store is counted.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks._planting import KINDS  # noqa: E402
from benchmarks.copies import arrivals  # noqa: E402
from benchmarks.pool import Record, shared_articles  # noqa: E402

DATA = ROOT.parent / "shared" / "data"


def stream(pool: list[Record], total: int, rng: random.Random) -> list[Record]:
    """`total` records: every pool article once, planted copies of earlier ones spread between.

    Each copy is published under a URL of its own (a syndicating site), so it is
    a new record that ingest must link, not the same page ingested twice.
    """
    records = arrivals(pool, max(0, total - len(pool)), rng)[:total]
    return [r if "kind" not in r else {**r, "url": f"https://syndicator.example/{r['id']}"} for r in records]


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class TotalMemory:
    """Peak resident memory of this process and its ingest worker together, sampled every 0.2 s.

    (`RUSAGE_CHILDREN` cannot tell: a spawned child's peak includes the parent's pages at fork.)
    """

    def __init__(self) -> None:
        self.peak_mb = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        while not self._stop.wait(0.2):
            self.peak_mb = max(self.peak_mb, sum(_rss_mb(pid) for pid in _process_tree(os.getpid())))

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


def _process_tree(pid: int) -> list[int]:
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return [pid]
    return [pid] + [p for child in children for p in _process_tree(int(child))]


def _rss_mb(pid: int) -> float:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0.0
    return next(
        (int(line.split()[1]) / 1024 for line in status.splitlines() if line.startswith("VmRSS:")), 0.0
    )


def run(args: argparse.Namespace) -> dict[str, Any]:
    from crosscheck.corpus import Corpus
    from crosscheck.corpus.store import Store
    from crosscheck.settings import Settings

    rng = random.Random(args.seed)
    records = stream(shared_articles(DATA), args.articles, rng)
    work = Path(tempfile.mkdtemp(prefix="crosscheck-scale-"))
    db = work / "corpus.db"
    print(f"store: {db}", file=sys.stderr)
    corpus = Corpus(db, settings=Settings.load())
    steps: list[dict[str, Any]] = []
    memory = TotalMemory()
    for start in range(0, len(records), args.step):
        chunk = records[start : start + args.step]
        path = work / f"step{start // args.step:03d}.jsonl"
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in chunk), encoding="utf-8")
        if args.new_corpus_each_step:
            corpus = Corpus(db, settings=corpus.settings)
        began = time.perf_counter()
        result = corpus.ingest([path])
        seconds = time.perf_counter() - began
        path.unlink()
        steps.append(
            {
                "corpus_size": start + len(chunk),
                "articles": len(chunk),
                "originals": sum("kind" not in r for r in chunk),
                "seconds": round(seconds, 2),
                "articles_per_s": round(len(chunk) / seconds, 1),
                "copies_linked": result.copies,
                "stage_seconds": {k: round(v, 2) for k, v in result.stage_seconds.items()},
                "peak_rss_mb": round(peak_rss_mb(), 1),
                "peak_total_rss_mb": round(memory.peak_mb, 1),
            }
        )
        print(json.dumps(steps[-1]), flush=True)
    memory.stop()
    with Store(db) as store:
        copy_of = dict(store.db.execute("SELECT id, copy_of FROM articles"))
        story_count = store.db.execute("SELECT count(DISTINCT story_id) FROM articles").fetchone()[0]
    replicas = [r for r in records if "kind" in r]
    by_kind = {
        kind: round(
            sum(copy_of.get(r["id"]) is not None for r in replicas if r["kind"] == kind)
            / max(1, sum(r["kind"] == kind for r in replicas)),
            4,
        )
        for kind in KINDS
    }
    total_seconds = sum(s["seconds"] for s in steps)
    results = {
        "command": "python benchmarks/corpus_scale.py " + " ".join(sys.argv[1:]),
        "articles": len(records),
        "originals": len(records) - len(replicas),
        "stories": story_count,
        "seconds": round(total_seconds, 1),
        "articles_per_s": round(len(records) / total_seconds, 1),
        "peak_rss_mb": round(peak_rss_mb(), 1),
        "peak_total_rss_mb": round(memory.peak_mb, 1),  # with the ingest worker, sampled
        "db_mb": round(db.stat().st_size / 2**20, 1),
        "replicas_linked_as_copies": by_kind,
        "originals_linked_as_copies": sum(
            copy_of.get(r["id"]) is not None for r in records if "kind" not in r
        ),
        "steps": steps,
    }
    if not args.keep:
        shutil.rmtree(work)  # ~0.6 GB at 100k
    return results


def plot(results: dict[str, Any], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    sizes = [s["corpus_size"] / 1000 for s in results["steps"]]
    rates = [s["articles_per_s"] for s in results["steps"]]
    fig, ax = plt.subplots(figsize=(6, 3.5), dpi=120)
    ax.plot(sizes, rates, marker="o", label="ingest → stories")
    ax.axhline(300, color="grey", linestyle="--", linewidth=1, label="target 300/s")
    ax.set_xlabel("corpus size (thousand articles)")
    ax.set_ylabel("articles / s (2 cores)")
    ax.set_ylim(bottom=0)
    ax.legend(loc="lower right")
    ax.set_title("crosscheck ingest throughput as the store grows")
    fig.tight_layout()
    fig.savefig(path)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--step", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--keep", action="store_true", help="keep the store (its path is printed)")
    parser.add_argument(
        "--new-corpus-each-step", action="store_true", help="rebuild the indexes from the store at each step"
    )
    parser.add_argument("--out", type=Path)
    parser.add_argument("--plot", type=Path)
    args = parser.parse_args()
    results = run(args)
    text = json.dumps(results, indent=2)
    print(text)
    if args.out:
        args.out.write_text(text + "\n")
    if args.plot:
        plot(results, args.plot)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
