"""The pipeline: read → clean → claims → copies → alignment → verification → report.

Each stage is a plain function over the data model; `check` chains them for
one story. The per-article stages (`analyse`) are independent, so a runner can
spread them over processes or a Ray cluster and hand the results to
`cross_check`, which needs the whole story at once.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

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

if TYPE_CHECKING:
    from spacy.tokens import Doc

log = logging.getLogger(__name__)

Input = str | Path | dict[str, Any] | Article


@dataclass(frozen=True, slots=True)
class Analysed:
    """A cleaned article with its claims set, and the features of each claim."""

    article: Article
    features: tuple[SentenceFeatures, ...]


def analyse(article: Article, *, settings: Settings, docs: dict[str, Doc] | None = None) -> Analysed:
    """Clean one article and split it into claims (the per-article stages).

    `docs` keeps paragraph parses between the articles of one story (`parse_sentences`).
    """
    cleaned = clean(article)
    with_claims, features = split_claims(cleaned, load_spacy(settings.spacy_model), docs)
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
        docs: dict[str, Doc] = {}  # copies repeat their original's paragraphs: each is parsed once
        analysed = [analyse(a, settings=settings, docs=docs) for a in articles]
        embedder.result()
    report = cross_check(analysed, settings=settings, warnings=warnings)
    log.info("checked %d articles in %.2fs", len(articles), time.perf_counter() - started)
    return report


def cross_check(analysed: list[Analysed], *, settings: Settings, warnings: Sequence[str] = ()) -> Report:
    """Link copies, align every claim with the other articles, and judge each pair.

    Work is done per distinct sentence of each copy group (`_Units`): a wire story
    syndicated a hundred times is aligned and judged as often as one copy, and each
    outcome goes to every claim that states the sentence. Between groups, a claim is
    aligned with all of the other group's sentences, and a copy's sentence that restates
    its original's takes that sentence's outcome; within a group, each copy is aligned
    with its original (what a copy changed is a conflict with its source). The NLI model
    (when one is set) scores all the story's aligned pairs in one batched call.
    """
    links = copy_links(
        [a.article for a in analysed],
        [[f.text for f in a.features] for a in analysed],
        threshold=settings.copy_threshold,
        known={a.article.id: a.article.copy_of for a in analysed if a.article.copy_of},
    )
    articles = [a.article.with_(copy_of=links.get(a.article.id)) for a in analysed]
    group = {a.id: links.get(a.id, a.id) for a in articles}
    read, unread = _readable(analysed, settings)
    if unread:
        warnings = [*warnings, unread]
    units = _Units.of(read, [group[a.id] for a in articles])
    vectors = _embed(units.features, settings)
    within, restating = _aligned_within(units, vectors, settings)
    pairs = _aligned_between(units, vectors, settings, restating) + within
    # A restated claim is compared only with its closest wording (see _Pairs.add).
    findings = [_findings(pair, settings) for pair in pairs]
    swapped = _swapped_scores(pairs, findings, units, settings)
    nli = _nli(settings)
    probs = _contradiction_probs(nli, pairs)
    found = [_Found(len(a.features)) for a in analysed]
    thresholds = getattr(nli, "thresholds", {})
    for pair, every, pair_probs in zip(pairs, findings, probs, strict=True):
        passed = [f for f in every if max(pair.score, swapped.get(id(f), 0.0)) >= _bar(f, settings)]
        conflicts, supported = _judge(
            pair, passed, [f for f in every if f not in passed], pair_probs, settings, thresholds
        )
        for claim_article, claim_index, evidence_article, evidence_index in pair.targets:
            evidence = analysed[evidence_article].features[evidence_index]
            other = articles[evidence_article].id
            for finding in conflicts:
                found[claim_article].conflict(claim_index, _conflict(other, evidence, finding, pair.score))
            if supported:
                # Between groups one passage per independent source; within a group, per copy.
                key = other if pair.copies else group[other]
                found[claim_article].support(
                    claim_index,
                    Evidence(other, evidence.start, evidence.end, evidence.text, round(pair.score, 3)),
                    key,
                )
    claims: list[ClaimResult] = []
    for article, own, results in zip(articles, analysed, found, strict=True):
        claims.extend(results.results(article, own.features, group))
    return Report(tuple(articles), tuple(claims), tuple(warnings), version=__version__)


def _readable(analysed: list[Analysed], settings: Settings) -> tuple[list[Analysed], str]:
    """The story with the claims of articles in a language the claim models do not read
    taken out (an English parser reads Arabic as a string of names), and a warning naming
    those articles ("" when there are none). An article of unknown language is read; a
    multilingual spaCy pipeline ("xx") reads all."""
    reads = load_spacy(settings.spacy_model).lang
    unread = [a.article for a in analysed if a.article.language not in (None, reads) and reads != "xx"]
    if not unread:
        return analysed, ""
    skipped = {a.id for a in unread}
    languages = ", ".join(sorted({a.language or "" for a in unread}))
    shown = ", ".join(a.id for a in unread[:3]) + (f" and {len(unread) - 3} more" if len(unread) > 3 else "")
    warning = (
        f"{shown}: written in {languages}; the claim models read '{reads}' only, so these articles'"
        " claims are listed unverified and not compared"
    )
    return [Analysed(a.article, ()) if a.article.id in skipped else a for a in analysed], warning


def _findings(pair: _Pair, settings: Settings) -> list[Finding]:
    """What differs in a pair; below `min_candidate_score` only names, for the swapped test.

    Between copies, only pairs that align as support would: a sentence a copy changed still
    reads nearly as its source's, and one that only one of them has meets an unrelated one.
    """
    if pair.restated or (pair.copies and pair.score < settings.support_score):
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
    pairs: list[_Pair], findings: list[list[Finding]], units: _Units, settings: Settings
) -> dict[int, float]:
    """For each name finding below its bar: the pair's alignment with the names swapped back
    (`alignment.swapped_text`), by `id` of the finding.

    The swapped pair must share many words (checked first: it needs no model),
    then align clearly with the swapped claim re-embedded (one batch for all),
    and no other report of the story may name the claim's one: then the wrong
    name is what keeps the sentences apart. (Reports that name both speak of
    two of them.) Copies of the claim's report do not count.
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
        own = units.group[pair.claim_unit]
        others = (f for f, g in zip(units.features, units.group, strict=True) if g != own)
        if not any(present(finding.swap[0], s) for s in others):  # type: ignore[index]
            scores[id(finding)] = score
    return scores


def _embed(features: list[SentenceFeatures], settings: Settings) -> np.ndarray:
    """One vector per sentence; each distinct text is encoded once."""
    texts = [f.text for f in features]
    unique = {text: row for row, text in enumerate(dict.fromkeys(texts))}
    return _embedder(settings).encode(list(unique))[[unique[t] for t in texts]]


@dataclass(slots=True)
class _Units:
    """The story's distinct sentences ("units") in each copy group, and who states them.

    Two claims are one unit when they belong to one copy group and read alike
    (`SentenceFeatures.moved`): the same sentence in an original and its copies.
    """

    features: list[SentenceFeatures]  # one claim's features per unit
    group: list[int]  # per unit, its copy group
    members: list[list[int]]  # per group, its articles: the original first
    of_group: list[list[int]]  # per group, its units in reading order
    of_claim: list[list[int]]  # per article, the unit of each claim
    stated_by: list[list[tuple[int, int]]]  # per unit, every (article, claim) stating it

    @classmethod
    def of(cls, analysed: list[Analysed], roots: list[str]) -> _Units:
        """`roots[i]`: the id of article i's original (its own id when it is one)."""
        order = {root: g for g, root in enumerate(dict.fromkeys(roots))}
        members: list[list[int]] = [[] for _ in order]
        for i, root in enumerate(roots):
            members[order[root]].append(i)
        for group in members:  # the original first: its wording is the one shown as evidence
            group.sort(key=lambda i: analysed[i].article.id != roots[i])
        units = cls([], [], members, [[] for _ in order], [[] for _ in analysed], [])
        index: dict[tuple[int, SentenceFeatures], int] = {}
        for g, group in enumerate(members):
            for i in group:
                for c, feats in enumerate(analysed[i].features):
                    unit = index.setdefault((g, feats.moved(0)), len(units.features))
                    if unit == len(units.features):
                        units.features.append(feats)
                        units.group.append(g)
                        units.of_group[g].append(unit)
                        units.stated_by.append([])
                    units.stated_by[unit].append((i, c))
                    units.of_claim[i].append(unit)
        return units


@dataclass(frozen=True, slots=True, eq=False)
class _Pair:
    """A claim's sentence and a candidate evidence sentence, compared once for every
    (claim, evidence) in `targets`: (claim article, claim index, evidence article, evidence index)."""

    claim_unit: int
    evidence_unit: int
    claim: SentenceFeatures
    evidence: SentenceFeatures
    evidence_vector: np.ndarray
    score: float  # alignment
    restated: bool  # another sentence of that article restates the claim more closely
    copies: bool  # the two sentences are of copies of one report
    targets: list[tuple[int, int, int, int]]


class _Pairs:
    """Distinct comparisons, each with every claim it decides."""

    def __init__(self, units: _Units, vectors: np.ndarray, settings: Settings) -> None:
        self.units, self.vectors, self.settings = units, vectors, settings
        self.pairs: dict[tuple[int, int, bool, bool], _Pair] = {}

    def add(
        self, claims: list[int], evidence: list[int], scores: np.ndarray, *, copies: bool
    ) -> Iterator[tuple[_Pair, int, int]]:
        """Align sentences `claims` with `evidence` (unit ids; `scores` between them) and
        yield each candidate's pair with its row and column."""
        settings = self.settings
        best = scores.max(axis=1) if scores.size else np.zeros(len(claims))
        floor = min(settings.min_candidate_score, settings.swapped_candidate_score)
        for cand in candidates(scores, top_k=settings.candidates_per_article, min_score=floor):
            # An article that repeats the claim almost verbatim (or a copy of the claim's
            # article) does not also contradict it with some other sentence: that would be
            # two facts, not two versions of one. Only its closest sentence is compared.
            top = best[cand.claim]
            restated = (copies or top >= settings.restated_score) and cand.score < top
            k, e = claims[cand.claim], evidence[cand.evidence]
            pair = self.pairs.get((k, e, restated, copies))
            if pair is None:
                pair = self.pairs[k, e, restated, copies] = _Pair(
                    k, e, self.units.features[k], self.units.features[e], self.vectors[e],
                    cand.score, restated, copies, [],
                )  # fmt: skip
            yield pair, cand.claim, cand.evidence


def _aligned_between(
    units: _Units, vectors: np.ndarray, settings: Settings, restating: Mapping[int, int]
) -> list[_Pair]:
    """Each group's sentences aligned with every other group's: the outcome goes to every
    claim stating the sentence, the evidence shown is the first (the original's) wording.

    A copy's sentence that restates one of its original's (`restating`: a rewrite that
    changed a word or two) takes that sentence's outcomes instead of being aligned again:
    a wire story reprinted with light edits a hundred times is aligned once.
    """
    pairs = _Pairs(units, vectors, settings)
    groups = range(len(units.members))
    own = [[u for u in units.of_group[g] if u not in restating] for g in groups]
    stating = {u: list(units.stated_by[u]) for g in groups for u in own[g]}
    for copy, original in restating.items():
        stating[original].extend(units.stated_by[copy])
    features = [[units.features[u] for u in own[g]] for g in groups]
    for g in groups:
        for h in groups:
            if h <= g:
                continue
            scores = pair_scores(features[g], features[h], vectors[own[g]], vectors[own[h]])
            for a, b, s in ((g, h, scores), (h, g, scores.T)):
                for pair, _, _ in pairs.add(own[a], own[b], s, copies=False):
                    shown = units.stated_by[pair.evidence_unit][0]
                    pair.targets.extend((*claim, *shown) for claim in stating[pair.claim_unit])
    return list(pairs.pairs.values())


def _aligned_within(
    units: _Units, vectors: np.ndarray, settings: Settings
) -> tuple[list[_Pair], dict[int, int]]:
    """Each copy aligned with its original, both ways: a sentence the copy changed meets
    the one it came from. Also each copy's sentence that restates one of the original's
    (aligned at `restated_score` or more) with that sentence."""
    pairs = _Pairs(units, vectors, settings)
    restating: dict[int, int] = {}
    for g, members in enumerate(units.members):
        if len(members) < 2:
            continue
        own, original = units.of_group[g], members[0]
        row = {u: i for i, u in enumerate(own)}
        column = {u: i for i, u in enumerate(dict.fromkeys(units.of_claim[original]))}
        # Every sentence of the group against the original's (scores are symmetric).
        scores = pair_scores(
            [units.features[u] for u in own],
            [units.features[u] for u in column],
            vectors[own],
            vectors[list(column)],
        )
        theirs = [column[u] for u in units.of_claim[original]]
        originals = list(column)
        for u in own:
            if u not in column and scores.shape[1]:
                best = int(scores[row[u]].argmax())
                if scores[row[u], best] >= settings.restated_score:
                    restating[u] = originals[best]
        for copy in members[1:]:
            sub = scores[np.ix_([row[u] for u in units.of_claim[copy]], theirs)]
            for a, b, s in ((copy, original, sub), (original, copy, sub.T)):
                for pair, c, e in pairs.add(units.of_claim[a], units.of_claim[b], s, copies=True):
                    pair.targets.append((a, c, b, e))
    return list(pairs.pairs.values()), restating


def _judge(
    pair: _Pair,
    findings: list[Finding],
    below_bar: list[Finding],
    probs: np.ndarray | None,
    settings: Settings,
    thresholds: Mapping[str, float],
) -> tuple[list[Finding], bool]:
    """The pair's conflicts (`findings` passed their alignment bar), and whether it supports the claim."""
    if probs is not None:
        findings = combine(findings, below_bar, probs, pair.claim.text, pair.evidence.text, thresholds)
    return findings, not findings and pair.score >= settings.support_score


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

    def support(self, i: int, evidence: Evidence, key: str) -> None:
        """Keep the best `evidence` per `key` (its article, or its copy group)."""
        best = self.supports[i].get(key)
        if best is None or evidence.score > best.score:
            self.supports[i][key] = evidence

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
