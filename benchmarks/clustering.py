"""Story clustering: BCubed on pooled AllSides + ECB+, SemEval-2022 task 8 Pearson, tgcontest accuracy.

    python benchmarks/clustering.py [--seed 0] [--cache /tmp/e5-cache.npz] [--out FILE.json] [--lead-words 32]

(a) Every AllSides article (506 roundups; `cluster_id` is the story) and every
    ECB+ document (86 event clusters; a topic's two events must stay apart) is
    pooled and streamed, in a seeded shuffled order, through `story_features`
    and `StoryIndex.assign`. Stories and ECB+ topics are split in two by a
    seeded draw: thresholds are tuned on the dev half (its own pooled run) and
    reported on the test half; the all-pooled run with the tuned values is
    reported too. AllSides articles carry their roundup's date (the data has no
    per-article date); ECB+ has none, so its window never closes. A run with no
    dates at all shows what the window adds.
(b) SemEval-2022 task 8 pairs: Pearson of `StoryIndex.similarity` with the
    Overall rating, per language. Overall runs 1 (same story) to 4 (unrelated),
    so a good similarity correlates NEGATIVELY; `r` below is that raw
    correlation and `-r` the agreement.
(c) tgcontest en/ru pairs: accuracy of "same story" = similarity >= threshold.

Embeddings (the slow step) are cached by text in `--cache` so reruns take
seconds; speed is measured on the first, uncached, pooled run or with
`--no-cache`. Writes `--out` (figures only, no news text) and prints Markdown.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import random
import re
import sys
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.stories import detokenize, read_jsonl  # noqa: E402
from crosscheck.corpus.stories import (  # noqa: E402
    LEAD_WORDS,
    StoryFeatures,
    StoryIndex,
    StoryParams,
    story_features,
)
from crosscheck.model import Article  # noqa: E402
from crosscheck.models.loading import load_multilingual_embedder  # noqa: E402

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
RESULTS = Path(__file__).resolve().parent / "results" / "clustering.json"
lead_words = LEAD_WORDS  # `--lead-words` (Settings.story_lead_words in ingest)
GRID = {
    "threshold": [0.84, 0.85, 0.86, 0.87, 0.88, 0.89, 0.90],
    "entity_weight": [0.0, 0.1, 0.2],
    "entity_pivot": [0.2, 0.4],
}
SPEED_SAMPLE = 200  # articles embedded without the cache to time the features step


@dataclass(frozen=True, slots=True)
class Item:
    article: Article
    gold: str  # the story it belongs to
    group: str  # the unit of the dev/test split: an AllSides story, an ECB+ topic
    dataset: str


def allsides_items(data: Path) -> list[Item]:
    items = []
    for i, row in enumerate(read_jsonl(data / "allsides_neus" / "allsides_articles_flat.jsonl")):
        if not (row.get("text") or "").strip():
            continue
        gold = f"allsides:{row['cluster_id']}"
        article = Article(
            id=f"as{i}", text=row["text"], title=row.get("title") or "", outlet=row.get("source"),
            published=row.get("cluster_date"), language="en",
        )  # fmt: skip
        items.append(Item(article, gold, gold, "allsides"))
    return items


def ecbplus_items(data: Path) -> list[Item]:
    """ECB+ documents: ecbplus ones open with URL, headline and date lines; ecb ones with the body."""
    items = []
    for row in read_jsonl(data / "ecbplus" / "ecbplus_docs.jsonl"):
        has_url = any(_URL.search(s) for s in row["sentences"][:2])
        sentences = [detokenize(s) for s in row["sentences"] if not _is_metadata(s)]
        title, body = (sentences[0], sentences[1:]) if has_url and len(sentences) > 1 else ("", sentences)
        article = Article(id=f"ecb{row['doc_name']}", text=" ".join(body), title=title, language="en")
        items.append(Item(article, f"ecb:{row['cluster_id']}", f"ecb:{row['topic']}", "ecbplus"))
    return items


_URL = re.compile(r"https? :|www \.|\. (?:com|co|org|net|tv|fr|nl|uk) /")
_DATE_WORDS = re.compile(
    r"^(?:\d+(?:am|pm|st|nd|rd|th)?|[,:.+()/|-]|am|pm|a\.m|p\.m|gmt|est|edt|ist|bst|utc|uk|et|updated|published|posted|last|at|on"
    r"|article|mon|tue|wed|thu|fri|sat|sun|\w+day|jan\w*|feb\w*|mar\w*|apr\w*|may|jun\w*|jul\w*"
    r"|aug\w*|sep\w*|oct\w*|nov\w*|dec\w*)$"
)


def _is_metadata(sentence: str) -> bool:
    """A URL or a dateline such as "9 September 2013 Last updated at 14 : 39 GMT"."""
    words = sentence.lower().split()
    return bool(_URL.search(sentence)) or (bool(words) and all(_DATE_WORDS.match(w) for w in words))


class CachedEmbedder:
    """Embeddings by text hash, kept in an .npz between runs (the benchmark's slow step)."""

    def __init__(self, embedder, path: Path | None) -> None:  # noqa: ANN001 - any .encode()
        self.embedder, self.path = embedder, path
        self.cache: dict[str, np.ndarray] = {}
        if path and path.exists():
            with np.load(path) as saved:
                self.cache = {k: saved[k] for k in saved.files}
        self.seconds, self.embedded = 0.0, 0

    def encode(self, texts: list[str]) -> np.ndarray:
        keys = [hashlib.sha1(t.encode()).hexdigest() for t in texts]
        missing = sorted({k: t for k, t in zip(keys, texts, strict=True) if k not in self.cache}.items())
        if missing:
            started = time.perf_counter()
            vectors = self.embedder.encode([t for _, t in missing])
            self.seconds += time.perf_counter() - started
            self.embedded += len(missing)
            self.cache.update({k: v for (k, _), v in zip(missing, vectors, strict=True)})
            self.save()
        return np.stack([self.cache[k] for k in keys]) if keys else np.zeros((0, 384), np.float32)

    def save(self) -> None:
        if self.path:
            np.savez(self.path, **self.cache)


# -- (a) pooled clustering -------------------------------------------------------------------------


def cluster(features: Sequence[StoryFeatures], params: StoryParams) -> dict[str, str]:
    index = StoryIndex(params)
    return {f.article_id: index.assign(f) for f in features}


def bcubed(predicted: dict[str, str], gold: dict[str, str]) -> dict[str, float]:
    """BCubed precision/recall/F1 over the items of `predicted` (Bagga & Baldwin 1998)."""
    by_pred, by_gold = defaultdict(set), defaultdict(set)
    for item, story in predicted.items():
        by_pred[story].add(item)
        by_gold[gold[item]].add(item)
    precision = recall = 0.0
    for item, story in predicted.items():
        both = len(by_pred[story] & by_gold[gold[item]])
        precision += both / len(by_pred[story])
        recall += both / len(by_gold[gold[item]])
    p, r = precision / len(predicted), recall / len(predicted)
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r), 4)}


def scores(items: Sequence[Item], predicted: dict[str, str]) -> dict[str, dict[str, float]]:
    gold = {i.article.id: i.gold for i in items}
    out = {"all": bcubed(predicted, gold)}
    for dataset in sorted({i.dataset for i in items}):
        ids = {i.article.id for i in items if i.dataset == dataset}
        out[dataset] = bcubed({k: v for k, v in predicted.items() if k in ids}, gold)
    out["all"]["articles"] = len(items)
    return out


def tune(features: Sequence[StoryFeatures], items: Sequence[Item]) -> tuple[StoryParams, float]:
    gold = {i.article.id: i.gold for i in items}
    best = (StoryParams(), -1.0)
    for values in itertools.product(*GRID.values()):
        params = replace(StoryParams(), **dict(zip(GRID, values, strict=True)))
        f1 = bcubed(cluster(features, params), gold)["f1"]
        if f1 > best[1]:
            best = (params, f1)
    return best


def split(items: Sequence[Item], seed: int) -> tuple[list[Item], list[Item]]:
    groups = sorted({i.group for i in items})
    random.Random(seed).shuffle(groups)
    dev = set(groups[: len(groups) // 2])
    return [i for i in items if i.group in dev], [i for i in items if i.group not in dev]


# -- (b) SemEval and (c) tgcontest pairs -----------------------------------------------------------


def pair_features(rows: list[dict], embedder, key: str) -> list[tuple[StoryFeatures, StoryFeatures]]:  # noqa: ANN001
    arts = [
        Article(id=f"{r[key]}-{n}", text=r.get(f"text_{n}") or "", title=r.get(f"title_{n}") or "",
                language=r.get("lang"))
        for r in rows for n in (1, 2)
    ]  # fmt: skip
    feats = story_features(arts, embedder=embedder, lead_words=lead_words)
    return list(zip(feats[0::2], feats[1::2], strict=True))


def pair_similarities(path: Path, embedder, index: StoryIndex) -> tuple[list[dict], list[float]]:  # noqa: ANN001
    """The rows of a file of article pairs and the story similarity of each pair."""
    rows = list(read_jsonl(path))
    for n, row in enumerate(rows):
        row["pair"] = f"{path.stem}{n}"
    return rows, [index.similarity(a, b) for a, b in pair_features(rows, embedder, "pair")]


def semeval(data: Path, embedder, index: StoryIndex) -> dict[str, dict]:  # noqa: ANN001
    path = data / "semeval2022_task8_bl_subset" / "semeval2022_task8_pairs.jsonl"
    rows, sims = pair_similarities(path, embedder, index)
    out: dict[str, dict] = {}
    for lang in [*sorted({r["lang"] for r in rows}), "all"]:
        picked = [(s, r["Overall"]) for s, r in zip(sims, rows, strict=True) if lang in ("all", r["lang"])]
        r = float(np.corrcoef([p[0] for p in picked], [p[1] for p in picked])[0, 1])
        out[lang] = {"pairs": len(picked), "r": round(r, 4), "minus_r": round(-r, 4)}
    return out


def tgcontest(data: Path, embedder, index: StoryIndex) -> dict[str, dict]:  # noqa: ANN001
    path = data / "tgcontest_same_story_pairs" / "tgcontest_pairs.jsonl"
    rows, sims = pair_similarities(path, embedder, index)
    out: dict[str, dict] = {}
    for lang in ["en", "ru", "all"]:
        picked = [(s, r["label"]) for s, r in zip(sims, rows, strict=True) if lang in ("all", r["lang"])]
        same = [(s >= index.params.threshold) == (label == "same_story") for s, label in picked]
        out[lang] = {"pairs": len(picked), "accuracy": round(sum(same) / len(same), 4)}
    return out


# -- main ------------------------------------------------------------------------------------------


def pooled(items: list[Item], embedder, seed: int) -> tuple[list[Item], list[StoryFeatures], float]:  # noqa: ANN001
    """Items in a seeded shuffled arrival order, their features, and the seconds features took."""
    order = items[:]
    random.Random(seed).shuffle(order)
    started = time.perf_counter()
    feats = story_features([i.article for i in order], embedder=embedder, lead_words=lead_words)
    return order, feats, time.perf_counter() - started


def undated(features: Sequence[StoryFeatures]) -> list[StoryFeatures]:
    return [replace(f, published=None) for f in features]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--cache", type=Path, default=None, help="an .npz of embeddings kept between runs")
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument("--lead-words", type=int, default=LEAD_WORDS, help="words after the title embedded")
    args = parser.parse_args()
    global lead_words
    lead_words = args.lead_words
    embedder = CachedEmbedder(load_multilingual_embedder("e5", threads=2), args.cache)

    items, feats, _ = pooled(allsides_items(args.data) + ecbplus_items(args.data), embedder, args.seed)
    by_id = {f.article_id: f for f in feats}
    dev, test = split(items, args.seed)
    params, dev_f1 = tune([by_id[i.article.id] for i in dev], dev)
    started = time.perf_counter()
    assigned = cluster(feats, params)
    assign_seconds = time.perf_counter() - started
    results = {
        "seed": args.seed,
        "lead_words": lead_words,
        "params": asdict(params),
        "grid": GRID,
        "dev": {"articles": len(dev), "f1": dev_f1},
        "test": scores(test, cluster([by_id[i.article.id] for i in test], params)),
        "test_undated": scores(test, cluster(undated([by_id[i.article.id] for i in test]), params)),
        "all": scores(items, assigned),
        "all_undated": scores(items, cluster(undated(feats), params)),
        "stories_found": len(set(assigned.values())),
        "stories_gold": len({i.gold for i in items}),
        "speed": _speed(items, embedder.embedder, assign_seconds),
    }
    index = StoryIndex(params)
    results["semeval"] = semeval(args.data, embedder, index)
    results["tgcontest"] = tgcontest(args.data, embedder, index)
    embedder.save()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n")
    print(markdown(results))


def _speed(items: list[Item], embedder, assign_seconds: float) -> dict:  # noqa: ANN001
    """Articles/s: features (uncached, on a sample) and assign (the whole pooled run)."""
    sample = [i.article for i in items[:SPEED_SAMPLE]]
    started = time.perf_counter()
    story_features(sample, embedder=embedder, lead_words=lead_words)
    features_per_s = len(sample) / (time.perf_counter() - started)
    assign_per_s = len(items) / assign_seconds
    both = 1 / (1 / features_per_s + 1 / assign_per_s)
    return {
        "features_per_s": round(features_per_s, 1),
        "assign_per_s": round(assign_per_s, 1),
        "features_and_assign_per_s": round(both, 1),
        "sample": len(sample),
    }


def markdown(results: dict) -> str:
    lines = [
        "| run | articles | BCubed P | BCubed R | BCubed F1 | AllSides F1 | ECB+ F1 |",
        "|---|---|---|---|---|---|---|",
    ]
    for run in ("test", "test_undated", "all", "all_undated"):
        s = results[run]
        lines.append(
            f"| {run} | {s['all']['articles']} | {s['all']['precision']:.3f} | {s['all']['recall']:.3f} | "
            f"{s['all']['f1']:.3f} | {s['allsides']['f1']:.3f} | {s['ecbplus']['f1']:.3f} |"
        )
    lines += ["", "| SemEval language | pairs | r (sim vs Overall) | -r |", "|---|---|---|---|"]
    lines += [
        f"| {k} | {v['pairs']} | {v['r']:.3f} | {v['minus_r']:.3f} |" for k, v in results["semeval"].items()
    ]
    lines += ["", "| tgcontest | pairs | accuracy |", "|---|---|---|"]
    lines += [f"| {k} | {v['pairs']} | {v['accuracy']:.3f} |" for k, v in results["tgcontest"].items()]
    lines += ["", f"params: {results['params']}", f"speed: {results['speed']}"]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
