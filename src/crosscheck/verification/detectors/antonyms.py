"""`antonym`: opposite words in the same statement ("reduction of ties" vs "expand ties").

Opposites come from WordNet (verification/lexicon.py). A word counts only
when the other side lacks it (in a rewrite, when it has it fewer times: "the
fire decreased … then grew" against "the fire grew … then grew"), and a negated
opposite ("did not increase" vs "decreased") agrees rather than conflicts.
Opposites that modify the same thing ("bilateral" ties/relations) are anchored.

How far apart the two words may be depends on that anchor. Unanchored, they
must be directly opposed (increase/decrease, approve/reject); anchored, they may
be opposed through one word's dominant sense (reduction/expand: expansion is a
kind of increase). Pairs only WordNet's wider closure opposes (decision/begin:
decide is a kind of "end"; stay/act) are no conflict: on clean multi-outlet
stories they were nearly all false alarms.
"""

from __future__ import annotations

from collections import Counter

from crosscheck.claims.features import SentenceFeatures
from crosscheck.verification.detectors.base import Finding, worded_alike
from crosscheck.verification.lexicon import are_antonyms, are_close_antonyms, are_direct_antonyms, opposites


def detect(claim: SentenceFeatures, evidence: SentenceFeatures) -> list[Finding]:
    negated_claim = {p.lemma for p in claim.predicates if p.negated}
    negated_evidence = {p.lemma for p in evidence.predicates if p.negated}
    alike = worded_alike(claim, evidence)
    evidence_only = sorted(_unmatched(evidence, claim, alike))
    for a in sorted(_unmatched(claim, evidence, alike)):
        if not opposites(a):  # most words have none: no pairing needed
            continue
        for b in evidence_only:
            if are_antonyms(a, b) and (a in negated_claim) == (b in negated_evidence):
                anchored = bool(claim.context(a) & evidence.context(b))
                if not (are_close_antonyms(a, b) if anchored else are_direct_antonyms(a, b)):
                    continue
                return [Finding("antonym", f"{a} ≠ {b}", 0.85 if anchored else 0.7, anchored)]
    return []


def _unmatched(a: SentenceFeatures, b: SentenceFeatures, alike: bool) -> set[str]:
    """`a`'s content words that `b` lacks; between a sentence and its rewrite (`alike`), also
    those `b` has fewer times (one of two "grew" became "decreased")."""
    if not alike:
        return set(a.lemmas - b.lemmas)
    # `neighbours` holds one entry per occurrence of a content word
    more = Counter(lemma for lemma, _ in a.neighbours) - Counter(lemma for lemma, _ in b.neighbours)
    return {w for w in a.lemmas if more[w]}
