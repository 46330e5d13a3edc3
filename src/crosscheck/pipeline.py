"""The pipeline: read → clean → claims → copies → alignment → verification → report.

Each stage is a plain function over the data model; `check` chains them for
one story. The per-article stages (`analyse`) are independent, so a runner can
spread them over processes or a Ray cluster and hand the results to
`cross_check`, which needs the whole story at once.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from crosscheck import __version__
from crosscheck.alignment import candidates, pair_scores
from crosscheck.claims import SentenceFeatures, split_claims
from crosscheck.cleaning import clean
from crosscheck.corpus.dedup import copy_links
from crosscheck.errors import InputError
from crosscheck.model import Article, ClaimResult, Conflict, Evidence, Report
from crosscheck.models.loading import Embedder, load_embedder, load_spacy
from crosscheck.reading import read_paths, read_records
from crosscheck.settings import Settings
from crosscheck.verification import Finding, compare

log = logging.getLogger(__name__)

Input = str | Path | dict[str, Any] | Article


@dataclass(frozen=True, slots=True)
class Analysed:
    """A cleaned article with its claims set, and the features of each claim."""

    article: Article
    features: tuple[SentenceFeatures, ...]


def analyse(article: Article, *, settings: Settings) -> Analysed:
    """Clean one article and split it into claims (the per-article stages)."""
    cleaned = clean(article)
    with_claims, features = split_claims(cleaned, load_spacy(settings.spacy_model))
    return Analysed(with_claims, tuple(features))


def read_inputs(inputs: Iterable[Input], *, settings: Settings) -> tuple[list[Article], list[str]]:
    """Paths are read from disk, records and Articles taken as they are."""
    paths = [i for i in inputs if isinstance(i, str | Path)]
    records = [i for i in inputs if not isinstance(i, str | Path)]
    articles, warnings = read_paths(paths, settings=settings) if paths else ([], [])
    if records:
        more, more_warnings = read_records(records)
        articles, warnings = articles + more, warnings + more_warnings
    return articles, warnings


def check(inputs: Sequence[Input], *, settings: Settings | None = None) -> Report:
    """Cross-check several reports of one story.

    >>> report = check(["examples/harbour-bridge"])            # doctest: +SKIP
    >>> [c.verdict for c in report.claims][:3]                  # doctest: +SKIP
    ['corroborated', 'contradicted', 'unverified']
    """
    settings = settings or Settings.load()
    started = time.perf_counter()
    articles, warnings = read_inputs(inputs, settings=settings)
    if not articles:
        reasons = "; ".join(warnings) or "no input given"
        raise InputError(", ".join(map(str, inputs)) or "<no input>", f"no article could be read ({reasons})")
    if len(articles) == 1:
        warnings.append(
            f"{articles[0].source or articles[0].id}: only one article; every claim is single-source"
        )
    # Load the embedder on a second thread while spaCy parses: cold starts overlap.
    with ThreadPoolExecutor(max_workers=1) as pool:
        embedder = pool.submit(_warm_embedder, settings)
        analysed = [analyse(a, settings=settings) for a in articles]
        embedder.result()
    report = cross_check(analysed, settings=settings, warnings=warnings)
    log.info("checked %d articles in %.2fs", len(articles), time.perf_counter() - started)
    return report


def cross_check(analysed: list[Analysed], *, settings: Settings, warnings: Sequence[str] = ()) -> Report:
    """Link copies, align every claim with the other articles, and judge each pair."""
    links = copy_links(
        [a.article for a in analysed],
        [[f.text for f in a.features] for a in analysed],
        threshold=settings.copy_threshold,
    )
    articles = [a.article.with_(copy_of=links.get(a.article.id)) for a in analysed]
    group = {a.id: links.get(a.id, a.id) for a in articles}
    vectors = _embed(analysed, settings)
    claims: list[ClaimResult] = []
    for ai, (article, own) in enumerate(zip(articles, analysed, strict=True)):
        found = _Found(len(own.features))
        for bi, other in enumerate(analysed):
            if bi != ai:
                copies = group[article.id] == group[other.article.id]
                _judge(own.features, other, vectors[ai], vectors[bi], found, settings, copies=copies)
        claims.extend(found.results(article, own.features, group))
    return Report(tuple(articles), tuple(claims), tuple(warnings), version=__version__)


def _embedder(settings: Settings) -> Embedder:
    return load_embedder(settings.embedding_model, threads=settings.threads, offline=settings.offline)


def _warm_embedder(settings: Settings) -> None:
    _embedder(settings).encode(["warm up the ONNX session"])


def _embed(analysed: list[Analysed], settings: Settings) -> list[np.ndarray]:
    texts = [f.text for a in analysed for f in a.features]
    flat = _embedder(settings).encode(texts)
    bounds = np.cumsum([0] + [len(a.features) for a in analysed])
    return [flat[bounds[i] : bounds[i + 1]] for i in range(len(analysed))]


def _judge(
    claims: tuple[SentenceFeatures, ...],
    other: Analysed,
    claim_vectors: np.ndarray,
    other_vectors: np.ndarray,
    found: _Found,
    settings: Settings,
    *,
    copies: bool,
) -> None:
    scores = pair_scores(list(claims), list(other.features), claim_vectors, other_vectors)
    best = scores.max(axis=1) if scores.size else np.zeros(len(claims))
    for cand in candidates(
        scores, top_k=settings.candidates_per_article, min_score=settings.min_candidate_score
    ):
        claim, evidence = claims[cand.claim], other.features[cand.evidence]
        # An article that repeats the claim almost verbatim (or a copy of the claim's
        # article) does not also contradict it with some other sentence: that would be
        # two facts, not two versions of one. Only its closest sentence is compared.
        restated = (copies or best[cand.claim] >= settings.restated_score) and cand.score < best[cand.claim]
        findings = (
            [] if restated else [f for f in compare(claim, evidence) if cand.score >= _bar(f, settings)]
        )
        for finding in findings:
            found.conflict(cand.claim, _conflict(other.article.id, evidence, finding, cand.score))
        if not findings and cand.score >= settings.support_score:
            found.support(
                cand.claim,
                Evidence(other.article.id, evidence.start, evidence.end, evidence.text, round(cand.score, 3)),
            )


def _conflict(article: str, evidence: SentenceFeatures, finding: Finding, alignment: float) -> Conflict:
    """A finding as the report shows it; its score blends the detector's confidence and the alignment."""
    score = round(min(1.0, 0.5 * finding.strength + 0.5 * alignment), 3)
    return Conflict(article, evidence.start, evidence.end, evidence.text, finding.kind, finding.detail, score)


def _bar(finding: Finding, settings: Settings) -> float:
    """The alignment a pair needs before this finding counts as a contradiction."""
    if not finding.anchored:
        return settings.conflict_score
    if finding.kind in ("date", "number", "entity"):
        return settings.anchored_slot_score
    return settings.anchored_conflict_score


class _Found:
    """Support and conflicts collected per claim of one article."""

    def __init__(self, n: int) -> None:
        self.supports: list[dict[str, Evidence]] = [{} for _ in range(n)]
        self.conflicts: list[dict[tuple[str, int, str], Conflict]] = [{} for _ in range(n)]

    def support(self, i: int, evidence: Evidence) -> None:
        best = self.supports[i].get(evidence.article)
        if best is None or evidence.score > best.score:
            self.supports[i][evidence.article] = evidence

    def conflict(self, i: int, conflict: Conflict) -> None:
        key = (conflict.article, conflict.start, conflict.kind)
        best = self.conflicts[i].get(key)
        if best is None or conflict.score > best.score:
            self.conflicts[i][key] = conflict

    def results(
        self, article: Article, features: tuple[SentenceFeatures, ...], group: dict[str, str]
    ) -> list[ClaimResult]:
        out = []
        for i, feats in enumerate(features):
            evidence = sorted(self.supports[i].values(), key=lambda e: -e.score)
            own = [e for e in evidence if group[e.article] == group[article.id]]
            independent = [e for e in evidence if group[e.article] != group[article.id]]
            conflicts = sorted(self.conflicts[i].values(), key=lambda c: -c.score)
            out.append(
                ClaimResult(
                    id=f"{article.id}:{i}",
                    article=article.id,
                    start=feats.start,
                    end=feats.end,
                    text=feats.text,
                    support=tuple(independent),
                    conflicts=tuple(conflicts),
                    copies=tuple(own),
                    independent_sources=len({group[e.article] for e in independent}),
                )
            )
        return out
