"""Corrupted-report benchmark: does crosscheck catch an error another outlet contradicts?

For each real story (AllSides leads, ECB+ clusters, SemEval same-story pairs)
and each kind, `corruptions.py` puts one date/number/entity/negation/antonym/
attribution error into a sentence that another outlet corroborates; crosscheck
then checks the corrupted story. Measured:

- recall: the claim over the corrupted words is `contradicted`;
- typed recall: one of its conflicts has the kind that was injected;
- evidence accuracy: of the caught ones, a conflict points at the corroborating
  sentence of the other outlet;
- false alarms per clean article: contradicted claims in the uncorrupted story
  (real outlets do disagree, so this is an upper bound on false alarms);
- false alarms per noisy copy: contradicted claims when an article is checked
  against a syndicated copy of itself (same facts, reshuffled and padded);
- seconds per story: wall time of one `crosscheck.check` on a whole story.

    python benchmarks/corrupted_reports.py --stories 60 --seed 0 --out benchmarks/results/corrupted.json
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.corruptions import KINDS, Corruptor, EntityPool, Gold, noisy_copy  # noqa: E402
from benchmarks.stories import DATASETS, Story, load_dataset  # noqa: E402

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
POOL_EXTRA_ARTICLES = 400
TARGETS = {"recall": 0.95, "typed_recall": 0.90, "false_alarms_per_noisy_copy": 0.1}


@dataclass
class Tally:
    """Everything measured, as plain rows, so the JSON is the whole record."""

    cases: list[dict[str, Any]] = field(default_factory=list)
    clean: list[dict[str, Any]] = field(default_factory=list)
    noisy: list[dict[str, Any]] = field(default_factory=list)
    seconds: list[tuple[str, float]] = field(default_factory=list)  # (dataset, one check of a story)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    started = time.perf_counter()
    import crosscheck

    settings = crosscheck.Settings.load(threads=args.threads) if args.threads else None
    rng = random.Random(args.seed)
    chosen = select_stories(args.data, args.datasets.split(","), args.stories, rng)
    corruptor = Corruptor()
    corruptor.pool = _entity_pool(corruptor, chosen, args.data, rng)
    check = _timed_check(crosscheck.check, settings)
    check([{"id": "warm-up", "title": "", "text": "The model loads once. It is warm now."}])
    tally = Tally()
    for n, story in enumerate(chosen, 1):
        _run_story(story, args, corruptor, check, tally)
        _progress(n, len(chosen), story, tally, quiet=args.quiet)
    results = summarise(tally, args)
    results["wall_seconds"] = round(time.perf_counter() - started, 1)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    kept = results if args.texts else without_texts(results)
    args.out.write_text(json.dumps(kept, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(markdown(results))
    return 0


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--stories", type=int, default=60, help="stories in all, shared across datasets")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--out", type=Path, default=Path("benchmarks/results/corrupted.json"))
    p.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared data folder")
    p.add_argument("--datasets", default=",".join(DATASETS))
    p.add_argument("--kinds", default=",".join(KINDS))
    p.add_argument("--threads", type=int, default=None, help="crosscheck Settings.threads")
    p.add_argument("--quiet", action="store_true")
    p.add_argument(
        "--texts",
        action="store_true",
        help="keep sentence texts in the JSON (news text: keep such a file out of the repository)",
    )
    return p


def select_stories(data: Path, datasets: list[str], total: int, rng: random.Random) -> list[Story]:
    """`total` stories, shared as evenly as the datasets allow; the seed picks which."""
    pools = {d: load_dataset(d, data, rng) for d in datasets}
    for stories in pools.values():
        rng.shuffle(stories)
    chosen: list[Story] = []
    while len(chosen) < total and any(pools.values()):
        for d in datasets:
            if pools[d] and len(chosen) < total:
                chosen.append(pools[d].pop())
    return sorted(chosen, key=lambda s: (DATASETS.index(s.dataset), s.id))


def _entity_pool(corruptor: Corruptor, chosen: list[Story], data: Path, rng: random.Random) -> EntityPool:
    """Names to swap in: from the chosen stories and other AllSides leads."""
    extra = [a for s in load_dataset("allsides", data, rng) for a in s.articles]
    texts = [a["text"] for s in chosen for a in s.articles]
    texts += [a["text"] for a in rng.sample(extra, min(POOL_EXTRA_ARTICLES, len(extra)))]
    return EntityPool.from_docs(corruptor.parse(texts))


def _timed_check(check: Any, settings: Any) -> Any:
    def timed(records: list[dict[str, Any]]) -> tuple[Any, float]:
        start = time.perf_counter()
        report = check(records, settings=settings)
        return report, time.perf_counter() - start

    return timed


def _run_story(
    story: Story, args: argparse.Namespace, corruptor: Corruptor, check: Any, tally: Tally
) -> None:
    report, seconds = check(list(story.articles))
    tally.seconds.append((story.dataset, seconds))
    tally.clean.append(clean_row(story, report))
    rng = random.Random(f"{args.seed}:{story.id}:noisy")
    article = rng.choice(story.articles)
    copy_report, _ = check([article, noisy_copy(article, rng)])
    tally.noisy.append(clean_row(story, copy_report))
    for kind in args.kinds.split(","):
        corruption = corruptor.corrupt(story.articles, kind, random.Random(f"{args.seed}:{story.id}:{kind}"))
        if corruption is None:
            continue
        report, seconds = check(list(corruption.story))
        tally.seconds.append((story.dataset, seconds))
        tally.cases.append({"dataset": story.dataset, "story": story.id, **score(report, corruption.gold)})


def _progress(n: int, total: int, story: Story, tally: Tally, *, quiet: bool) -> None:
    if quiet:
        return
    done = [c for c in tally.cases if c["story"] == story.id]
    caught = sum(c["recalled"] for c in done)
    print(f"[{n}/{total}] {story.id}: caught {caught}/{len(done)}", file=sys.stderr, flush=True)


# --- scoring ---------------------------------------------------------------------------


def locate(text: str, needle: str, hint: int) -> tuple[int, int] | None:
    """Where `needle` is in `text` (cleaning may move it or change its spacing)."""
    import re

    pattern = r"\s+".join(re.escape(w) for w in needle.split())
    found = [(m.start(), m.end()) for m in re.finditer(pattern, text)] if pattern else []
    return min(found, key=lambda span: abs(span[0] - hint)) if found else None


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Half-open overlap; an empty span (a deletion) counts where it sits."""
    return a[0] < max(b[1], b[0] + 1) and b[0] < max(a[1], a[0] + 1)


def score(report: Any, gold: Gold) -> dict[str, Any]:
    """Recall, typed recall and evidence for one corruption."""
    texts = {a.id: a.text for a in report.articles}
    claim = locate(texts.get(gold.claim_article, ""), gold.claim_text, gold.claim_start)
    evidence = locate(texts.get(gold.evidence_article, ""), gold.evidence_text, gold.evidence_start)
    row: dict[str, Any] = {"kind": gold.kind, "gold": gold.to_row(), "located": claim is not None}
    if claim is None:
        return {**row, "recalled": False, "typed": False, "evidence": False, "claims": []}
    shift = claim[0] - gold.claim_start
    edit = (gold.edit_start + shift, gold.edit_end + shift)
    claims = [
        c for c in report.claims if c.article == gold.claim_article and overlaps((c.start, c.end), edit)
    ]
    conflicts = [k for c in claims for k in c.conflicts]
    on_evidence = [
        k
        for k in conflicts
        if k.article == gold.evidence_article and evidence and overlaps((k.start, k.end), evidence)
    ]
    return {
        **row,
        "recalled": any(c.verdict == "contradicted" for c in claims),
        "typed": any(k.kind == gold.kind for k in conflicts),
        "evidence": bool(on_evidence),
        "claims": [c.to_row() for c in claims],
    }


def clean_row(story: Story, report: Any) -> dict[str, Any]:
    """Contradicted claims of a story that should have none, with what they were."""
    contradicted = [c for c in report.claims if c.verdict == "contradicted"]
    return {
        "dataset": story.dataset,
        "story": story.id,
        "articles": len(report.articles),
        "copies": sum(a.copy_of is not None for a in report.articles),
        "contradicted": len(contradicted),
        "examples": [
            {
                "claim": c.text,
                "conflict": k.text,
                "kind": k.kind,
                "detail": k.detail,
                "score": round(k.score, 3),
            }
            for c in contradicted
            for k in c.conflicts[:1]
        ],
    }


TEXT_KEYS = frozenset({"text", "claim_text", "original_text", "evidence_text", "claim", "conflict"})


def without_texts(value: Any) -> Any:
    """`value` without the news sentences: the shared data's text stays out of the repo,
    offsets, kinds and details (a few words each) say what happened."""
    if isinstance(value, dict):
        return {k: without_texts(v) for k, v in value.items() if k not in TEXT_KEYS}
    if isinstance(value, list):
        return [without_texts(v) for v in value]
    return value


# --- summary ---------------------------------------------------------------------------


def _rates(cases: list[dict[str, Any]]) -> dict[str, Any]:
    n = len(cases)
    recalled = sum(c["recalled"] for c in cases)
    return {
        "cases": n,
        "recall": recalled / n if n else None,
        "typed_recall": sum(c["typed"] for c in cases) / n if n else None,
        "evidence_accuracy": sum(c["evidence"] for c in cases if c["recalled"]) / recalled
        if recalled
        else None,
    }


def _false_alarms(clean: list[dict[str, Any]], noisy: list[dict[str, Any]]) -> dict[str, Any]:
    articles = sum(r["articles"] for r in clean)
    return {
        "false_alarms_per_clean_article": sum(r["contradicted"] for r in clean) / articles
        if articles
        else None,
        "false_alarms_per_noisy_copy": sum(r["contradicted"] for r in noisy) / len(noisy) if noisy else None,
        "noisy_copies_marked_copy_of": sum(r["copies"] > 0 for r in noisy),
    }


def _seconds(seconds: list[float]) -> dict[str, Any]:
    if not seconds:
        return {"seconds_per_story_mean": None, "seconds_per_story_p95": None}
    p95 = statistics.quantiles(seconds, n=20)[-1] if len(seconds) > 1 else seconds[0]
    return {"seconds_per_story_mean": statistics.fmean(seconds), "seconds_per_story_p95": p95}


def summarise(tally: Tally, args: argparse.Namespace) -> dict[str, Any]:
    datasets = sorted({r["dataset"] for r in tally.clean}, key=DATASETS.index)
    by_kind = {k: _rates([c for c in tally.cases if c["kind"] == k]) for k in args.kinds.split(",")}
    for k, rates in by_kind.items():
        predicted = Counter(
            c2["kind"] for c in tally.cases if c["kind"] == k for cl in c["claims"] for c2 in cl["conflicts"]
        )
        rates["conflict_kinds_given"] = dict(predicted.most_common())
    return {
        "command": _command(args),
        "seed": args.seed,
        "stories": len(tally.clean),
        "summary": {
            **_rates(tally.cases),
            **_false_alarms(tally.clean, tally.noisy),
            **_seconds([s for _, s in tally.seconds]),
        },
        "targets": TARGETS,
        "per_kind": by_kind,
        "per_dataset": {d: _dataset_summary(tally, d) for d in datasets},
        "cases": tally.cases,
        "clean": tally.clean,
        "noisy_copies": tally.noisy,
    }


def _dataset_summary(tally: Tally, dataset: str) -> dict[str, Any]:
    clean = [r for r in tally.clean if r["dataset"] == dataset]
    return {
        "stories": len(clean),
        **_rates([c for c in tally.cases if c["dataset"] == dataset]),
        **_false_alarms(clean, [r for r in tally.noisy if r["dataset"] == dataset]),
        **_seconds([s for d, s in tally.seconds if d == dataset]),
    }


def _command(args: argparse.Namespace) -> str:
    return (
        f"python benchmarks/corrupted_reports.py --stories {args.stories} --seed {args.seed} --out {args.out}"
    )


def _fmt(value: Any, digits: int = 2) -> str:
    if value is None:
        return "–"
    return f"{value:.{digits}f}" if isinstance(value, float) else str(value)


def markdown(results: dict[str, Any]) -> str:
    s = results["summary"]
    lines = [
        f"Stories: {results['stories']}, corrupted cases: {s['cases']} (seed {results['seed']})",
        "",
        "| metric | value | target |",
        "|---|---|---|",
        f"| recall | {_fmt(s['recall'])} | ≥ 0.95 |",
        f"| typed recall | {_fmt(s['typed_recall'])} | ≥ 0.90 |",
        f"| evidence accuracy (of caught) | {_fmt(s['evidence_accuracy'])} | |",
        f"| false alarms per clean article | {_fmt(s['false_alarms_per_clean_article'])} | (see note) |",
        f"| false alarms per noisy copy | {_fmt(s['false_alarms_per_noisy_copy'])} | ≤ 0.1 |",
        f"| seconds per story (mean / p95) | {_fmt(s['seconds_per_story_mean'])} / "
        f"{_fmt(s['seconds_per_story_p95'])} | |",
        "",
        "| kind | cases | recall | typed recall | evidence accuracy |",
        "|---|---|---|---|---|",
    ]
    for kind, r in results["per_kind"].items():
        lines.append(
            f"| {kind} | {r['cases']} | {_fmt(r['recall'])} | {_fmt(r['typed_recall'])} | "
            f"{_fmt(r['evidence_accuracy'])} |"
        )
    lines += [
        "",
        "| dataset | stories | cases | recall | typed recall | evidence accuracy "
        "| FA / clean article | FA / noisy copy | s / story |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for name, r in results["per_dataset"].items():
        lines.append(
            f"| {name} | {r['stories']} | {r['cases']} | {_fmt(r['recall'])} | {_fmt(r['typed_recall'])} | "
            f"{_fmt(r['evidence_accuracy'])} | {_fmt(r['false_alarms_per_clean_article'])} | "
            f"{_fmt(r['false_alarms_per_noisy_copy'])} | {_fmt(r['seconds_per_story_mean'])} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
