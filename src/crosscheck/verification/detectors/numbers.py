"""`number`: the same quantity given differently ("212 passengers" vs "121 passengers")."""

from __future__ import annotations

from crosscheck.claims.features import SentenceFeatures, ValueMention
from crosscheck.verification.detectors.base import Finding, actors_differ, same_place, same_slot


def detect(claim: SentenceFeatures, evidence: SentenceFeatures) -> list[Finding]:
    """Pair numbers that agree with nothing on the other side and count the same thing.

    Without a shared unit we need a unique candidate on each side, since
    reports cite many unrelated figures. One finding per pair: the best-matched figures.
    """
    rewritten = _rewritten(claim, evidence)
    if rewritten:
        return rewritten
    lonely_claim = [n for n in claim.numbers if not any(n.value.agrees(m.value) for m in evidence.numbers)]
    lonely_evidence = [m for m in evidence.numbers if not any(m.value.agrees(n.value) for n in claim.numbers)]
    pairs = []
    for n in lonely_claim:
        matches = [m for m in lonely_evidence if n.value.conflicts(m.value)]
        typed = [
            m for m in matches if n.value.unit and n.value.unit == m.value.unit or same_slot(n.head, m.head)
        ]
        pairs += [(n, m) for m in typed] or (
            [(n, matches[0])] if len(matches) == 1 and len(lonely_claim) == 1 else []
        )
    if not pairs:
        return []
    # The figures of one act first ("killed one person" / "killing four people", not "14,000
    # people took shelter"), then of one thing counted; ties go to the claim's first figure.
    n, m = max(pairs, key=lambda p: (_same_act(*p), bool(p[0].verbs & p[1].verbs)))
    anchored = _same_act(n, m) and not actors_differ(claim, evidence)
    return [Finding("number", _detail(n, m), 0.9 if anchored else 0.7, anchored)]


def _same_act(n: ValueMention, m: ValueMention) -> bool:
    """Counting the same thing for the same action: "released $4.5 million" / "released $45 million"."""
    return bool(n.verbs & m.verbs) or same_slot(n.head, m.head) or len(n.context & m.context) >= 2


def _rewritten(claim: SentenceFeatures, evidence: SentenceFeatures) -> list[Finding]:
    """A figure replaced by another in a sentence otherwise worded alike ("a group of twenty
    suspicious boats" / "a group of five suspicious boats"), even where the old figure occurs
    elsewhere in the sentence ("escorting five merchant vessels")."""
    for n in claim.numbers:
        for m in evidence.numbers:
            if n.value.conflicts(m.value) and same_place(claim, n, evidence, m):
                return [Finding("number", _detail(n, m), 0.9, not actors_differ(claim, evidence))]
    return []


def _detail(n: ValueMention, m: ValueMention) -> str:
    return f"{n.text.strip(' ,.')} ≠ {m.text.strip(' ,.')}"
