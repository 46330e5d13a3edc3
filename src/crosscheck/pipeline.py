"""The pipeline: read → clean → claims → copies → alignment → verification → report.

Each stage is a plain function over the data model; `check` chains them for
one story. The per-article stages (`analyse`) are independent, so a runner can
spread them over processes or a Ray cluster and hand the results to
`cross_check`, which needs the whole story at once.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from crosscheck import __version__
from crosscheck.alignment import candidates, combined, pair_scores, swapped_overlap, swapped_text
from crosscheck.claims import SentenceFeatures, split_claims
from crosscheck.cleaning import clean
from crosscheck.corpus.dedup import copy_links
from crosscheck.errors import InputError
from crosscheck.model import Article, ClaimResult, Conflict, Evidence, Report
from crosscheck.models.loading import Embedder, load_embedder, load_spacy
from crosscheck.reading import read_paths, read_records
from crosscheck.settings import Settings
from crosscheck.verification import Finding, compare
from crosscheck.verification.detectors.entities import present
from crosscheck.verification.judge import MIN_ALIGNMENT, combine
from crosscheck.verification.nli import NLIScorer, load_nli

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
    """Link copies, align every claim with the other articles, and judge each pair.

    The NLI model (when one is set) scores all the story's aligned pairs in one
    batched call before any pair is judged.
    """
    # Links already known (corpus mode found them across the whole corpus) are kept.
    ids = {a.article.id for a in analysed}
    known = {a.article.id: a.article.copy_of for a in analysed if a.article.copy_of in ids}
    links = known | copy_links(
        [a.article for a in analysed],
        [[f.text for f in a.features] for a in analysed],
        threshold=settings.copy_threshold,
    )
    articles = [a.article.with_(copy_of=links.get(a.article.id)) for a in analysed]
    group = {a.id: links.get(a.id, a.id) for a in articles}
    vectors = _embed(analysed, settings)
    pairs = [
        pair
        for ai, article in enumerate(articles)
        for bi, other in enumerate(analysed)
        if bi != ai
        for pair in _aligned(
            ai, analysed[ai].features, other, vectors[ai], vectors[bi], settings,
            copies=group[article.id] == group[other.article.id],
        )
    ]  # fmt: skip
    # A restated claim is compared only with its closest wording (see _aligned).
    findings = [_findings(pair, settings) for pair in pairs]
    swapped = _swapped_scores(pairs, findings, analysed, [group[a.id] for a in articles], settings)
    nli = _nli(settings)
    probs = _contradiction_probs(nli, pairs)
    found = [_Found(len(a.features)) for a in analysed]
    thresholds = getattr(nli, "thresholds", {})
    for pair, every, pair_probs in zip(pairs, findings, probs, strict=True):
        passed = [f for f in every if max(pair.score, swapped.get(id(f), 0.0)) >= _bar(f, settings)]
        _judge(
            pair,
            passed,
            [f for f in every if f not in passed],
            pair_probs,
            found[pair.article],
            settings,
            thresholds,
        )
    claims: list[ClaimResult] = []
    for article, own, results in zip(articles, analysed, found, strict=True):
        claims.extend(results.results(article, own.features, group))
    return Report(tuple(articles), tuple(claims), tuple(warnings), version=__version__)


def _findings(pair: _Pair, settings: Settings) -> list[Finding]:
    """What differs in a pair; below `min_candidate_score` only names, for the swapped test
    (never between copies: a copy restates its source, names and all)."""
    if pair.restated or (pair.copies and pair.score < settings.min_candidate_score):
        return []
    found = compare(pair.claim, pair.evidence)
    return found if pair.score >= settings.min_candidate_score else [f for f in found if f.swap]


def _embedder(settings: Settings) -> Embedder:
    return load_embedder(settings.embedding_model, threads=settings.threads, offline=settings.offline)


def _nli(settings: Settings) -> NLIScorer | None:
    return load_nli(settings.nli_model, threads=settings.threads, offline=settings.offline)


def _contradiction_probs(nli: NLIScorer | None, pairs: list[_Pair]) -> list[np.ndarray | None]:
    """The model's probabilities for every pair aligned well enough to judge (one batched call)."""
    if nli is None:
        return [None] * len(pairs)
    # A copy restates its source: whatever the model reads into its rewording, it is one report.
    judged = [i for i, p in enumerate(pairs) if not (p.restated or p.copies) and p.score >= MIN_ALIGNMENT]
    rows = nli.predict([(pairs[i].evidence.text, pairs[i].claim.text) for i in judged])
    out: list[np.ndarray | None] = [None] * len(pairs)
    for i, row in zip(judged, rows, strict=True):
        out[i] = row
    return out


def _warm_embedder(settings: Settings) -> None:
    _embedder(settings).encode(["warm up the ONNX session"])
    nli = _nli(settings)
    if nli is not None:
        nli.predict([("warm up the ONNX session", "the session is warm")])


def _swapped_scores(
    pairs: list[_Pair],
    findings: list[list[Finding]],
    analysed: list[Analysed],
    groups: list[str],
    settings: Settings,
) -> dict[int, float]:
    """For each name finding below its bar: the pair's alignment with the names swapped back
    (`alignment.swapped_text`), by `id` of the finding.

    The swapped pair must share many words (checked first: it needs no model),
    then align clearly with the swapped claim re-embedded (one batch for all),
    and no other report of the story may name the claim's one: then the wrong
    name is what keeps the sentences apart. (Reports that name both speak of
    two of them.) `groups` gives each article's copy group: copies of the
    claim's report do not count.
    """
    wanted = []
    for pair, every in zip(pairs, findings, strict=True):
        for finding in every:
            if finding.swap is None or pair.score >= _bar(finding, settings):
                continue
            lexical = swapped_overlap(pair.claim, pair.evidence, *finding.swap)
            if lexical >= settings.swapped_lexical:
                wanted.append((pair, finding, lexical))
    if not wanted:
        return {}
    vectors = _embedder(settings).encode([swapped_text(p.claim, *f.swap) for p, f, _ in wanted])  # type: ignore[misc]
    scores = {}
    for (pair, finding, lexical), vector in zip(wanted, vectors, strict=True):
        score = combined(float(vector @ pair.evidence_vector), lexical)
        if score < settings.swapped_score:
            continue
        others = [a for a, g in zip(analysed, groups, strict=True) if g != groups[pair.article]]
        if not any(present(finding.swap[0], s) for a in others for s in a.features):  # type: ignore[index]
            scores[id(finding)] = score
    return scores


def _embed(analysed: list[Analysed], settings: Settings) -> list[np.ndarray]:
    texts = [f.text for a in analysed for f in a.features]
    unique = {text: row for row, text in enumerate(dict.fromkeys(texts))}  # copies repeat sentences
    flat = _embedder(settings).encode(list(unique))[[unique[t] for t in texts]]
    bounds = np.cumsum([0] + [len(a.features) for a in analysed])
    return [flat[bounds[i] : bounds[i + 1]] for i in range(len(analysed))]


@dataclass(frozen=True, slots=True, eq=False)
class _Pair:
    """A claim of one article and a candidate evidence sentence of another."""

    article: int
    index: int  # the claim's index in its article
    claim: SentenceFeatures
    other: str  # the evidence's article id
    evidence: SentenceFeatures
    evidence_vector: np.ndarray
    score: float  # alignment
    restated: bool  # another sentence of that article restates the claim more closely
    copies: bool  # the two articles are copies of one report


def _aligned(
    article: int,
    claims: tuple[SentenceFeatures, ...],
    other: Analysed,
    claim_vectors: np.ndarray,
    other_vectors: np.ndarray,
    settings: Settings,
    *,
    copies: bool,
) -> list[_Pair]:
    scores = pair_scores(list(claims), list(other.features), claim_vectors, other_vectors)
    best = scores.max(axis=1) if scores.size else np.zeros(len(claims))
    out = []
    floor = min(settings.min_candidate_score, settings.swapped_candidate_score)
    for cand in candidates(scores, top_k=settings.candidates_per_article, min_score=floor):
        # An article that repeats the claim almost verbatim (or a copy of the claim's
        # article) does not also contradict it with some other sentence: that would be
        # two facts, not two versions of one. Only its closest sentence is compared.
        restated = (copies or best[cand.claim] >= settings.restated_score) and cand.score < best[cand.claim]
        claim, evidence = claims[cand.claim], other.features[cand.evidence]
        out.append(
            _Pair(
                article,
                cand.claim,
                claim,
                other.article.id,
                evidence,
                other_vectors[cand.evidence],
                cand.score,
                restated,
                copies,
            )  # fmt: skip
        )
    return out


def _judge(
    pair: _Pair,
    findings: list[Finding],
    below_bar: list[Finding],
    probs: np.ndarray | None,
    found: _Found,
    settings: Settings,
    thresholds: Mapping[str, float],
) -> None:
    """Record the pair's conflicts (`findings` passed their alignment bar), else its support."""
    if probs is not None:
        findings = combine(findings, below_bar, probs, pair.claim.text, pair.evidence.text, thresholds)
    for finding in findings:
        found.conflict(pair.index, _conflict(pair.other, pair.evidence, finding, pair.score))
    if not findings and pair.score >= settings.support_score:
        evidence = pair.evidence
        found.support(
            pair.index,
            Evidence(pair.other, evidence.start, evidence.end, evidence.text, round(pair.score, 3)),
        )


def _conflict(article: str, evidence: SentenceFeatures, finding: Finding, alignment: float) -> Conflict:
    """A finding as the report shows it; its score blends the detector's confidence and the alignment."""
    score = round(min(1.0, 0.5 * finding.strength + 0.5 * alignment), 3)
    return Conflict(article, evidence.start, evidence.end, evidence.text, finding.kind, finding.detail, score)


def _bar(finding: Finding, settings: Settings) -> float:
    """The alignment a pair needs before this finding counts as a contradiction."""
    if not finding.anchored:
        return settings.conflict_score
    if finding.kind in ("date", "number", "entity") or finding.slot:
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
