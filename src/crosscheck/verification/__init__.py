"""Verification: compare an aligned (claim, evidence) pair and name what differs.

The typed detectors (one module each under detectors/) say *what* differs in
words a reader gets at once. The NLI cross-encoder (`nli.py`) reads the whole
pair: `judge.combine` lets it add the conflicts the detectors miss (kind
`negation`/`antonym`/`attribution` when such a detector fired below its bar,
else `other`); it does not replace them. The pipeline scores every story's
aligned pairs with it in one batched call.
"""

from __future__ import annotations

from collections.abc import Callable

from crosscheck.claims.features import SentenceFeatures
from crosscheck.verification.detectors import antonyms, attribution, dates, entities, negation, numbers
from crosscheck.verification.detectors.base import Finding

__all__ = ["DETECTORS", "Finding", "compare"]

Detector = Callable[[SentenceFeatures, SentenceFeatures], list[Finding]]

DETECTORS: dict[str, Detector] = {
    "date": dates.detect,
    "number": numbers.detect,
    "entity": entities.detect,
    "attribution": attribution.detect,
    "negation": negation.detect,
    "antonym": antonyms.detect,
}


def compare(claim: SentenceFeatures, evidence: SentenceFeatures) -> list[Finding]:
    """Every typed difference between two aligned sentences (none for identical ones)."""
    if _normal(claim.text) == _normal(evidence.text):
        return []
    findings: list[Finding] = []
    for detect in DETECTORS.values():
        findings.extend(detect(claim, evidence))
    return findings


def _normal(text: str) -> str:
    return " ".join(text.lower().replace("’", "'").replace("“", '"').replace("”", '"').split())
