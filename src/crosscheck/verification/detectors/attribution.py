"""`attribution`: the same act or statement credited to someone else.

"Moscow has broken with Pyongyang" vs "Ukraine … severed relations with
Pyongyang"; "Fire Chief Osei ordered the evacuation" vs "Police Commissioner
Fairweather ordered the evacuation". Two predicates are the same act when they
share the verb, or act on the same named object. Speech verbs are weak proof:
different people say similar things all the time.
"""

from __future__ import annotations

from crosscheck.claims.features import Predicate, SentenceFeatures
from crosscheck.claims.names import same_entity
from crosscheck.verification.detectors.base import Finding
from crosscheck.verification.detectors.entities import present

_AGENT_FAMILY = {"PERSON": "person", "ORG": "body", "GPE": "body", "NORP": "body"}
SPEECH_VERBS = frozenset(
    "say tell add state announce claim report write note stress insist argue warn accord quote".split()
)


def detect(claim: SentenceFeatures, evidence: SentenceFeatures) -> list[Finding]:
    for p in claim.predicates:
        if p.actor is None or _acts_in(p, evidence):
            continue
        for q in evidence.predicates:
            if not _rivals(p, q) or present(q.actor, claim):  # type: ignore[arg-type]
                continue
            same_verb = p.lemma == q.lemma
            shared_object = bool(set(p.objects) & set(q.objects))
            if same_verb or shared_object:
                anchored = shared_object or (same_verb and p.lemma not in SPEECH_VERBS)
                detail = f"{p.actor.text} ≠ {q.actor.text} ({p.word} / {q.word})"  # type: ignore[union-attr]
                return [Finding("attribution", detail, 0.9 if anchored else 0.7, anchored)]
    return []


def _rivals(p: Predicate, q: Predicate) -> bool:
    """Both predicates have named actors of the same kind, and they differ."""
    if p.actor is None or q.actor is None or same_entity(p.actor.text, q.actor.text):
        return False
    return _AGENT_FAMILY.get(p.actor.label) == _AGENT_FAMILY.get(q.actor.label)


def _acts_in(p: Predicate, evidence: SentenceFeatures) -> bool:
    """The claim's actor does something in the evidence too (then it is not replaced)."""
    actor = p.actor
    return actor is not None and any(
        q.actor and same_entity(actor.text, q.actor.text) for q in evidence.predicates
    )
