"""Scoring variants for story clustering that were tried and not kept, re-run on the same footing.

    python benchmarks/clustering_variants.py --cache /tmp/e5-cache.npz [--seeds 0 1] [--variants max size]

Each variant re-scores the top-k stories `StoryIndex` finds (same embeddings,
same entities, no second model pass) with one extra term. For each seed the
threshold, entity weight and pivot and the variant's own values are chosen by
grid on the dev half of `benchmarks/clustering.py`'s split, then the test half
and the whole pool are scored with them. Prints one JSON line per run.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.clustering import DATA, CachedEmbedder, allsides_items, bcubed, ecbplus_items, scores, split  # noqa: E402
from crosscheck.corpus.stories import (  # noqa: E402
    _WORD,
    StoryFeatures,
    StoryIndex,
    StoryParams,
    _seconds,
    story_features,
)

GRID = {
    "threshold": [0.82, 0.83, 0.84, 0.85, 0.86, 0.87, 0.88],
    "entity_weight": [0.1, 0.2],
    "entity_pivot": [0.2, 0.4],
}
VARIANTS = {  # name: the variant's own grid
    "baseline": {},
    "figures": {"figure_weight": [0.01, 0.02, 0.03]},  # - w when both carry figures and share none
    "max": {"max_weight": [0.25, 0.5]},  # mix the best single member cosine into the mean
    "size": {"size_weight": [-0.015, 0.015]},  # threshold moves with story size: + w (1 - 1/n)
    "frequent_names": {"name_share": [0.2, 0.34]},  # entity term against names in >= share of members
    "margin": {"margin_weight": [0.3, 0.6]},  # bonus for a clear winner: + w min(best - second, 0.05)
    "title_names": {"title_weight": [0.02, 0.03, 0.04]},  # - w share of the title's names the story lacks
}


class VariantIndex(StoryIndex):
    """`StoryIndex` with one extra scoring term; keeps member embeddings for the `max` variant."""

    def __init__(self, params: StoryParams, extra: dict[str, float]) -> None:
        super().__init__(params)
        self.extra = extra
        self._members: list[list[np.ndarray]] = []

    def _new_story(self, title: str) -> int:
        self._members.append([])
        return super()._new_story(title)

    def _add(self, row: int, features: StoryFeatures) -> None:
        super()._add(row, features)
        self._members[row].append(features.embedding)

    def _best(self, features: StoryFeatures) -> int | None:
        x = self.extra
        candidates = self._open_rows(_seconds(features.published))
        if candidates.size == 0:
            return None
        sizes = np.maximum(self._embedded[candidates], 1)
        cosines = (self._sums[candidates] @ features.embedding) / sizes
        k = min(self.params.top_k, candidates.size)
        scored = []
        for i in np.argpartition(-cosines, k - 1)[:k]:
            row, score = candidates[i], float(cosines[i])
            if x.get("max_weight"):
                best_member = max(float(m @ features.embedding) for m in self._members[row])
                score = (1 - x["max_weight"]) * score + x["max_weight"] * best_member
            score += self._story_entity_term(features, row)
            score += x.get("size_weight", 0.0) * (1 - 1 / sizes[i])
            scored.append((score, -i))
        score, neg_i = max(scored)
        if x.get("margin_weight"):
            ranked = sorted((s for s, _ in scored), reverse=True)
            second = ranked[1] if len(ranked) > 1 else score - 0.05
            score += x["margin_weight"] * min(score - second, 0.05)
        return int(candidates[-neg_i]) if score >= self.params.threshold else None

    def _story_entity_term(self, features: StoryFeatures, row: int) -> float:
        x, names = self.extra, self._entities[row]
        if x.get("name_share"):
            least = max(1.0, x["name_share"] * self._embedded[row])
            names = {e: c for e, c in names.items() if c >= least}
        term = self._entity_term(features.entities, names)
        if x.get("figure_weight"):
            mine = {e for e in features.entities if e[0].isdigit()}
            theirs = {e for e in self._entities[row] if e[0].isdigit()}
            if mine and theirs and mine.isdisjoint(theirs):
                term -= x["figure_weight"]
        if x.get("title_weight"):
            title = {w.casefold() for w in _WORD.findall(features.title)}
            title_names = {e for e in features.entities if not e[0].isdigit()} & title
            if title_names and len(self._entities[row]) >= 2:
                missing = len([e for e in title_names if e not in self._entities[row]]) / len(title_names)
                term -= x["title_weight"] * missing
        return term


def cluster(features: Sequence[StoryFeatures], params: StoryParams, extra: dict) -> dict[str, str]:
    index = VariantIndex(params, extra)
    return {f.article_id: index.assign(f) for f in features}


def run(items: list, by_id: dict, seed: int, name: str) -> dict:
    order = items[:]
    random.Random(seed).shuffle(order)
    dev, test = split(order, seed)
    gold = {i.article.id: i.gold for i in order}
    dev_features = [by_id[i.article.id] for i in dev]
    own = VARIANTS[name]
    best = (-1.0, StoryParams(), {})
    for values in itertools.product(*GRID.values()):
        params = replace(StoryParams(), **dict(zip(GRID, values, strict=True)))
        for extra_values in itertools.product(*own.values()):
            extra = dict(zip(own, extra_values, strict=True))
            f1 = bcubed(cluster(dev_features, params, extra), gold)["f1"]
            if f1 > best[0]:
                best = (f1, params, extra)
    dev_f1, params, extra = best
    tested = scores(test, cluster([by_id[i.article.id] for i in test], params, extra))
    pooled = scores(order, cluster([by_id[i.article.id] for i in order], params, extra))
    return {
        "variant": name, "seed": seed, "extra": extra, "dev_f1": dev_f1,
        "params": [params.threshold, params.entity_weight, params.entity_pivot],
        "test": {k: tested[k]["f1"] for k in ("all", "allsides", "ecbplus")},
        "all": {k: pooled[k]["f1"] for k in ("all", "allsides", "ecbplus")},
    }  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, required=True, help="clustering.py's embedding cache")
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1])
    parser.add_argument("--variants", nargs="+", default=list(VARIANTS), choices=list(VARIANTS))
    args = parser.parse_args()
    from crosscheck.models.loading import load_multilingual_embedder

    embedder = CachedEmbedder(load_multilingual_embedder("e5", threads=2), args.cache)
    items = allsides_items(DATA) + ecbplus_items(DATA)
    by_id = {f.article_id: f for f in story_features([i.article for i in items], embedder=embedder)}
    for seed in args.seeds:
        for name in args.variants:
            print(json.dumps(run(items, by_id, seed, name)), flush=True)


if __name__ == "__main__":
    main()
