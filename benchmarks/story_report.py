"""Seconds for `crosscheck report STORY` on a grown corpus, for stories of typical sizes.

    python benchmarks/corpus_scale.py --articles 100000 --step 10000 --keep   # prints the store's path
    python benchmarks/story_report.py --db /tmp/crosscheck-scale-…/corpus.db

A corpus story holds its witnesses and every copy of them (the scale stream
plants ~12 copies per original), and `report` checks them all, as `check`
would. Stories are picked at percentiles of their size among those in
`--language` (default English: reports in a language the claim models do not
read are listed, not compared, so they would time nothing); each is reported
twice in one process: the first includes loading the models, the second not.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--percentiles", default="25,50,75")
    parser.add_argument("--language", default="en", help="only stories all in this language")
    parser.add_argument(
        "--stories", default="", help="these story ids (comma-separated) instead of percentiles: to time "
        "other code on the same stories (PYTHONPATH=<its checkout>/src)",
    )  # fmt: skip
    args = parser.parse_args()
    from crosscheck.corpus import Corpus

    corpus = Corpus(args.db)
    stories = sorted(corpus.stories(), key=lambda s: len(s["articles"]))
    if args.stories:
        wanted = args.stories.split(",")
        chosen = [(None, next(s for s in stories if s["id"] == w)) for w in wanted]
    else:
        stories = [s for s in stories if all(a.get("language") == args.language for a in s["articles"])]
        chosen = [
            (p, stories[min(len(stories) - 1, len(stories) * p // 100)])
            for p in (int(p) for p in args.percentiles.split(","))
        ]
    rows = []
    for percentile, story in chosen:
        times = []
        for _ in range(2):
            started = time.perf_counter()
            report = corpus.report(story["id"])
            times.append(time.perf_counter() - started)
        rows.append(
            {
                "percentile": percentile,
                "story": story["id"],
                "articles": len(story["articles"]),
                "witnesses": sum(a["copy_of"] is None for a in story["articles"]),
                "claims": len(report.claims),
                "first_s": round(times[0], 2),
                "again_s": round(times[1], 2),
            }
        )
        print(json.dumps(rows[-1]), flush=True)
    print("| size percentile | story | articles (witnesses) | claims | first report s | again s |")
    print("|---|---|---|---|---|---|")
    for r in rows:
        print(
            f"| {r['percentile'] if r['percentile'] is not None else '—'} | {r['story']} "
            f"| {r['articles']} ({r['witnesses']}) | {r['claims']} | {r['first_s']} | {r['again_s']} |"
        )
    print(f"\nlargest {args.language} story: {len(stories[-1]['articles'])} articles", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
