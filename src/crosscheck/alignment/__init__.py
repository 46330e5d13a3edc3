"""Alignment: for each claim, the sentences of every other article that speak of it.

A pair's score mixes meaning (cosine of MiniLM sentence embeddings) with
shared content words, names and figures. Embeddings alone rate "Biden said
in February that Washington is ready" close to "Kim said in July that North
Korea was ready"; word and name overlap alone miss paraphrase.

Names weigh heavily in both, so a report that put the wrong name in a sentence
("the death of MP Laurie Hernandez" for "MP David Amess") no longer aligns
with the outlet that got it right. `swapped_text`/`swapped_overlap` answer the
question a fact-checker asks instead: with the other outlet's name in its
place, would the two sentences say the same thing?
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from crosscheck.claims.features import Mention, SentenceFeatures

EMBEDDING_WEIGHT = 0.5


@dataclass(frozen=True, slots=True)
class Candidate:
    claim: int  # index into the claim article's features
    evidence: int  # index into the evidence article's features
    score: float


def pair_scores(
    claims: list[SentenceFeatures],
    evidence: list[SentenceFeatures],
    claim_vectors: np.ndarray,
    evidence_vectors: np.ndarray,
) -> np.ndarray:
    """The combined score of every (claim, evidence) pair, shape (claims, evidence)."""
    if not claims or not evidence:
        return np.zeros((len(claims), len(evidence)), dtype=np.float32)
    cosine = claim_vectors @ evidence_vectors.T
    return combined(cosine, _overlaps([_terms(c) for c in claims], [_terms(e) for e in evidence]))


def _overlaps(rows: list[frozenset[str]], columns: list[frozenset[str]]) -> np.ndarray:
    """`_overlap` of every row's terms with every column's, counted term by term (a story with
    hundreds of copies has thousands of distinct sentences: pair by pair would take minutes)."""
    shared = np.zeros((len(rows), len(columns)), dtype=np.float64)
    holders = _holders(columns)
    for term, in_rows in _holders(rows).items():
        if in_columns := holders.get(term):
            shared[np.ix_(in_rows, in_columns)] += 1
    norms = np.sqrt(np.outer([len(t) for t in rows], [len(t) for t in columns]).astype(np.float64))
    return np.divide(shared, norms, out=np.zeros_like(norms), where=norms > 0).astype(np.float32)


def _holders(sets: list[frozenset[str]]) -> dict[str, list[int]]:
    """Each term with the indices of the sets holding it."""
    holders: dict[str, list[int]] = {}
    for i, terms in enumerate(sets):
        for term in terms:
            holders.setdefault(term, []).append(i)
    return holders


def candidates(scores: np.ndarray, *, top_k: int, min_score: float) -> list[Candidate]:
    """Pairs among the `top_k` best of their row or their column, above `min_score`.

    Taking both directions makes A→B and B→A see the same pairs: a long claim
    whose second clause is a short sentence elsewhere is that sentence's best
    match even when it is not among the claim's own best.
    """
    keep = np.zeros(scores.shape, dtype=bool)
    if scores.size:
        k_row, k_col = min(top_k, scores.shape[1]), min(top_k, scores.shape[0])
        np.put_along_axis(keep, np.argsort(-scores, axis=1)[:, :k_row], True, axis=1)
        np.put_along_axis(keep, np.argsort(-scores, axis=0)[:k_col, :], True, axis=0)
    keep &= scores >= min_score
    return [Candidate(int(i), int(j), float(scores[i, j])) for i, j in zip(*np.nonzero(keep), strict=True)]


def _overlap(ta: frozenset[str], tb: frozenset[str]) -> float:
    """Cosine between two sets of terms (`_terms`: content lemmas, names and figures)."""
    if not ta or not tb:
        return 0.0
    return len(ta & tb) / float(np.sqrt(len(ta) * len(tb)))


def _terms(f: SentenceFeatures) -> frozenset[str]:
    return f.lemmas | f.keys | {n.text.lower() for n in f.numbers}


def swapped_text(claim: SentenceFeatures, name: Mention, replacement: Mention) -> str:
    """The claim's text with `name` (a mention in it) replaced by `replacement`."""
    start, end = name.start - claim.start, name.end - claim.start
    return claim.text[:start] + replacement.text + claim.text[end:]


def swapped_overlap(
    claim: SentenceFeatures, evidence: SentenceFeatures, name: Mention, replacement: Mention
) -> float:
    """The lexical half of `pair_scores` for the evidence and the claim with `name` replaced."""
    terms = _terms(claim) - _words(name) - {name.key} | _words(replacement) | {replacement.key}
    return _overlap(terms, _terms(evidence))


def combined(cosine: Any, lexical: Any) -> Any:
    """A pair's score from its embedding cosine and its term overlap (numbers or arrays)."""
    return EMBEDDING_WEIGHT * np.clip(cosine, 0.0, 1.0) + (1 - EMBEDDING_WEIGHT) * lexical


def _words(m: Mention) -> frozenset[str]:
    return frozenset(w for w in m.text.lower().replace("'s", " ").split() if w.isalpha())
