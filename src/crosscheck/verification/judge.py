"""The calibrated combination of typed detectors and the NLI model for one aligned pair.

Typed detectors name the kind and the words that differ; the model reads the
whole pair. The model adds a conflict the detectors missed when it is sure
enough (its kind taken from a negation/antonym/attribution detector that fired
below its own alignment bar, else `other`), and may veto typed findings it
reads as entailed when a veto threshold is calibrated for it. Thresholds come
from the model's config.json (calibrated on generated dev pairs by
`python -m crosscheck.training.calibrate`), else from the defaults here.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping, Sequence

import numpy as np

from crosscheck.verification.detectors.base import Finding
from crosscheck.verification.nli import COLUMNS

ADD_THRESHOLD = 0.9  # P(contradiction) for a conflict no detector found
MIN_ALIGNMENT = 0.45  # a pair less aligned than this is two facts, whatever the model says
SAME_WORDS = "the same words"
KINDS_FROM_DETECTORS = ("negation", "antonym", "attribution")  # the kinds the model mostly catches


def add_threshold(thresholds: Mapping[str, float]) -> float:
    return float(thresholds.get("contradiction", ADD_THRESHOLD))


def combine(
    typed: list[Finding],
    below_bar: Sequence[Finding],
    probs: np.ndarray,
    claim: str,
    evidence: str,
    thresholds: Mapping[str, float],
) -> list[Finding]:
    """The findings to report for a pair, given the model's probabilities (in `COLUMNS` order).

    `typed` passed their alignment bar; `below_bar` fired but did not.
    """
    entail, contradict = (
        float(probs[COLUMNS.index("entailment")]),
        float(probs[COLUMNS.index("contradiction")]),
    )
    veto = thresholds.get("veto")
    if typed:
        return [] if veto is not None and entail >= float(veto) else typed
    differs = word_difference(claim, evidence)
    if (
        contradict < add_threshold(thresholds) or differs == SAME_WORDS
    ):  # one wording cannot contradict itself
        return []
    named = [f for f in below_bar if f.kind in KINDS_FROM_DETECTORS]
    if named:
        best = max(named, key=lambda f: f.strength)
        return [Finding(best.kind, best.detail, strength=contradict, anchored=best.anchored)]
    return [Finding("other", differs, strength=contradict)]


def word_difference(claim: str, evidence: str, *, limit: int = 2) -> str:
    """What the two sentences say differently, as `claim words ≠ evidence words` (first chunks only)."""
    a, b = re.findall(r"\S+", claim), re.findall(r"\S+", evidence)
    parts = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(
        a=[w.lower() for w in a], b=[w.lower() for w in b]
    ).get_opcodes():
        if op != "equal":
            left, right = " ".join(a[i1:i2]) or "—", " ".join(b[j1:j2]) or "—"
            parts.append(f"{_short(left)} ≠ {_short(right)}")
        if len(parts) == limit:
            break
    return "; ".join(parts) or SAME_WORDS


def _short(words: str, most: int = 8) -> str:
    split = words.split()
    return words if len(split) <= most else " ".join(split[:most]) + " …"
