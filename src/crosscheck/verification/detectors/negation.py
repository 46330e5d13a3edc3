"""`negation`: the same predicate affirmed on one side and denied on the other.

"the crew did not issue a mayday call" vs "the crew issued a mayday call";
"refused to approve" counts as "not approve" (features._predicate_lemma).
"""

from __future__ import annotations

from crosscheck.claims.features import SentenceFeatures
from crosscheck.verification.detectors.base import SPEECH_VERBS, Finding, same_content


def detect(claim: SentenceFeatures, evidence: SentenceFeatures) -> list[Finding]:
    polarity: dict[str, set[bool]] = {}
    for q in evidence.predicates:
        polarity.setdefault(q.lemma, set()).add(q.negated)
    for p in claim.predicates:
        if polarity.get(p.lemma) == {not p.negated}:
            same = [q for q in evidence.predicates if q.lemma == p.lemma]
            # "police would not say how many" denies nothing another source said: a speech verb
            # needs one of the other side's to say largely the same thing.
            if p.lemma in SPEECH_VERBS:
                same = [q for q in same if same_content(p, q)]
            if not same:
                continue
            q = same[0]
            anchored = bool(set(p.objects) & set(q.objects)) or bool(
                claim.context(p.lemma) & evidence.context(q.lemma)
            )
            return [Finding("negation", f"{p.word} ≠ {q.word}", 0.85, anchored)]
    return []
