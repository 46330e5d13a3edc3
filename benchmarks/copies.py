"""Copies in corpus mode: precision and recall of `copy_of` on planted syndicated copies.

    python benchmarks/copies.py --copies 3000 --seed 0 --out benchmarks/results/copies.json

The pool is every distinct AllSides lead, ECB+ document, XSum and FRANK source
article in `shared/data` (benchmarks/pool.py): many reports of one story or
event by different outlets, which must not be linked. Pool articles that are
already copies of each other (exact 5-gram containment >= the copy threshold,
found by comparing every pair that shares a 5-gram) keep only their first.
Then `--copies` syndicated copies of random pool articles are planted, each of
one kind (benchmarks/_planting.py), spread evenly over a shuffled arrival
order in which an original always comes before its copies. `CopyIndex` sees each
cleaned text once: signature, find_original, add (timed together; `text_of`
reads a dict, where ingest reads SQLite).

A planted copy is right when it points at its original or at another copy of
the same original; a link from a pool article, or to the wrong article, is a
false positive.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks._planting import KINDS, plant  # noqa: E402
from benchmarks.pool import Record, shared_articles  # noqa: E402
from crosscheck.cleaning import clean  # noqa: E402
from crosscheck.corpus.copies import CopyIndex, reworded  # noqa: E402
from crosscheck.corpus.dedup import containment, shingles, word_hashes  # noqa: E402
from crosscheck.model import Article  # noqa: E402
from crosscheck.settings import Settings  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
DATASETS = ("allsides", "ecbplus", "xsum", "frank")


def cleaned(record: Record) -> str:
    return clean(Article(id=record["id"], title=record.get("title") or "", text=record["text"])).text


def without_copies(pool: list[Record], texts: dict[str, str], threshold: float) -> tuple[list[Record], int]:
    """The pool less every article that is a copy of an earlier one, by exact containment over all pairs."""
    sets = [shingles(texts[r["id"]]) for r in pool]
    by_shingle: dict[str, list[int]] = defaultdict(list)
    for i, grams in enumerate(sets):
        for gram in grams:
            by_shingle[gram].append(i)
    common = 50  # a 5-gram in more articles is a stock phrase; copies share rarer ones as well
    pairs = {
        (a, b) for docs in by_shingle.values() if len(docs) <= common for a in docs for b in docs if a < b
    }
    dropped = {b for a, b in pairs if containment(sets[a], sets[b]) >= threshold}
    return [r for i, r in enumerate(pool) if i not in dropped], len(dropped)


def arrivals(pool: list[Record], copies: int, rng: random.Random) -> list[Record]:
    """Pool articles in random order with the planted copies spread evenly among them.

    Each copy is of a pool article that has already arrived, so an original
    always comes first, and every stretch of the stream holds the same mix:
    a cost per article that grows with the index shows as falling articles/s.
    """
    waiting = rng.sample(pool, len(pool))
    arrived: list[Record] = []
    out: list[Record] = []
    for n in range(len(pool) + copies):
        if waiting and (not arrived or rng.random() < len(waiting) / (len(pool) + copies - n)):
            arrived.append(waiting.pop())
            out.append(arrived[-1])
        else:
            original = rng.choice(arrived)
            out.append(plant(original, KINDS[n % len(KINDS)], rng, f"{original['id']}~c{n}"))
    return out


def run(args: argparse.Namespace) -> dict[str, Any]:
    settings = Settings.load()
    rng = random.Random(args.seed)
    pool = [r for r in shared_articles(DATA) if r["dataset"] in DATASETS]
    texts = {r["id"]: cleaned(r) for r in pool}
    pool, natural = without_copies(pool, texts, settings.copy_threshold)
    stream = arrivals(pool, args.copies, rng)
    texts.update({r["id"]: cleaned(r) for r in stream if "kind" in r})
    index = CopyIndex(threshold=settings.copy_threshold)
    predicted: dict[str, str | None] = {}
    tenth, laps = max(1, len(stream) // 10), []
    started = lap = time.perf_counter()
    for n, record in enumerate(stream, 1):
        text = texts[record["id"]]
        hashes = word_hashes(text)  # once for the signature and the shingles, as ingest does
        signature, own = index.signature(hashes), shingles(hashes)
        predicted[record["id"]] = index.find_original(text, signature, text_of=texts.get, own=own)
        index.add(record["id"], signature)
        if n % tenth == 0:  # cost per article as the index grows: should stay flat
            laps.append(round(tenth / (time.perf_counter() - lap), 1))
            lap = time.perf_counter()
    seconds = time.perf_counter() - started
    return score(stream, predicted) | {
        "pool_links": _pool_links(stream, predicted, texts),
        "articles_per_second_by_tenth": laps,
        "command": command(args),
        "pool": {"articles": len(pool), "copies_dropped": natural, "datasets": list(DATASETS)},
        "planted": args.copies,
        "seed": args.seed,
        "copy_threshold": settings.copy_threshold,
        "articles_per_second": round(len(stream) / seconds, 1),
        "index_megabytes": round(index.nbytes / 2**20, 1),
        "seconds": round(seconds, 2),
    }


def _pool_links(stream: list[Record], predicted: dict[str, str | None], texts: dict[str, str]) -> list[dict]:
    """How much text each linked pair of pool articles shares (high: a reprint the pool already had)."""
    pool = {r["id"] for r in stream if "kind" not in r}
    root = {r["id"]: r.get("original", r["id"]) for r in stream}
    out = []
    for article, link in predicted.items():
        if article in pool and link is not None:
            a, b = texts[article], texts[root[link]]
            out.append(
                {
                    "article": article,
                    "linked_to": link,
                    "shared_5grams": round(containment(shingles(a), shingles(b)), 3),
                    "close_sentences": round(reworded(a, b), 3),
                }
            )
    return out


def score(stream: list[Record], predicted: dict[str, str | None]) -> dict[str, Any]:
    """Precision and recall of the links, per kind of copy; a pool article's link is a false positive."""
    root = {r["id"]: r.get("original", r["id"]) for r in stream}
    kind_of = {r["id"]: r.get("kind", "pool") for r in stream}
    tally: dict[str, Counter[str]] = defaultdict(Counter)
    wrong: list[dict[str, str]] = []
    for record in stream:
        kind, link = kind_of[record["id"]], predicted[record["id"]]
        counts = tally[kind]
        counts["articles"] += 1
        if link is not None:
            counts["links"] += 1
            right = kind != "pool" and root[link] == root[record["id"]]
            counts["right" if right else "wrong"] += 1
            if not right:
                wrong.append({"article": record["id"], "kind": kind, "linked_to": link})
    per_kind = {k: _rates(tally[k]) for k in (*KINDS, "pool") if k in tally}
    overall = sum((tally[k] for k in tally), Counter())
    overall["articles"] -= tally["pool"]["articles"]  # recall is over planted copies
    return {"overall": _rates(overall), "per_kind": per_kind, "false_links": wrong}


def _rates(counts: Counter[str]) -> dict[str, Any]:
    links, right = counts["links"], counts["right"]
    return {
        "articles": counts["articles"],
        "links": links,
        "false_links": counts["wrong"],
        "precision": round(right / links, 4) if links else None,
        "recall": round(right / counts["articles"], 4) if counts["articles"] else None,
    }


def command(args: argparse.Namespace) -> str:
    return f"python benchmarks/copies.py --copies {args.copies} --seed {args.seed}"


def markdown(results: dict[str, Any]) -> str:
    lines = [
        "## Copies (corpus mode)",
        "",
        f"`{results['command']}` — {results['pool']['articles']} pool articles "
        f"({', '.join(results['pool']['datasets'])}; {results['pool']['copies_dropped']} natural copies "
        f"dropped first) and {results['planted']} planted syndicated copies, in an arrival order where each "
        "original precedes its copies. A copy must point at its original or at another copy of it; "
        "any other link is a false one.",
        "",
        "| kind | articles | links | false links | precision | recall |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for kind, r in [*results["per_kind"].items(), ("**all copies**", results["overall"])]:
        pool = kind == "pool"
        counts = f"{r['articles']} | {r['links']} | {r['false_links']}"
        lines.append(
            f"| {'pool articles' if pool else kind} | {counts} | {_pct(None if pool else r['precision'])} "
            f"| {_pct(None if pool else r['recall'])} |"
        )
    lines += [
        "",
        f"Throughput (signature + find_original + add, one process): "
        f"**{results['articles_per_second']:.0f} articles/s**.",
        "",
    ]
    return "\n".join(lines)


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--copies", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--markdown", type=Path, help="append the section to this file")
    args = parser.parse_args(argv)
    results = run(args)
    text = markdown(results)
    print(text)
    if args.out:
        args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    if args.markdown:
        with args.markdown.open("a", encoding="utf-8") as f:
            f.write("\n" + text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
