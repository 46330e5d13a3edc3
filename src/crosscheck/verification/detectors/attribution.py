"""`attribution`: the same act or statement credited to someone else.

"Moscow has broken with Pyongyang" vs "Ukraine … severed relations with
Pyongyang"; "Fire Chief Osei ordered the evacuation" vs "Police Commissioner
Fairweather ordered the evacuation". Two predicates are the same act when they
share the verb, or use related verbs on the same named object. A shared speech verb ("said")
proves little on its own, since different people say things all the time; it
counts when what they said largely overlaps.
"""

from __future__ import annotations

from crosscheck.claims.features import Predicate, SentenceFeatures
from crosscheck.claims.names import same_entity
from crosscheck.verification.detectors.base import SPEECH_VERBS, Finding, same_content
from crosscheck.verification.detectors.entities import present
from crosscheck.verification.lexicon import same_act

_PLACES = frozenset({"GPE", "NORP"})


def detect(claim: SentenceFeatures, evidence: SentenceFeatures) -> list[Finding]:
    for p in claim.predicates:
        # Named on the other side too, the actor is not replaced there: "Kim Jong Un has played
        # the president" / "Trump played down attacks from Kim Jong Un" are two acts.
        if p.actor is None or _acts_in(p, evidence) or present(p.actor, evidence):
            continue
        for q in evidence.predicates:
            if not _rivals(p, q) or present(q.actor, claim):  # type: ignore[arg-type]
                continue
            same_verb = p.lemma == q.lemma
            # Different verbs report one act when WordNet relates them and they act on
            # the same name in the same slot: "broken with Pyongyang" / "severed … with Pyongyang".
            shared_object = bool(set(p.objects) & set(q.objects)) and same_act(p.lemma, q.lemma)
            if same_verb or shared_object:
                anchored = shared_object or (
                    same_verb and (p.lemma not in SPEECH_VERBS or same_content(p, q))
                )
                detail = f"{p.actor.text} ≠ {q.actor.text} ({p.word} / {q.word})"  # type: ignore[union-attr]
                strength = 0.9 if anchored else 0.7
                return [Finding("attribution", detail, strength, anchored, swap=(p.actor, q.actor))]  # type: ignore[arg-type]
    return []


def _rivals(p: Predicate, q: Predicate) -> bool:
    """Both predicates have named actors, and they differ.

    A place against a person is left alone: "Russia said" and "Putin said" are
    one voice in news writing.
    """
    if p.actor is None or q.actor is None or same_entity(p.actor.text, q.actor.text):
        return False
    labels = {p.actor.label, q.actor.label}
    return not ("PERSON" in labels and labels & _PLACES)


def _acts_in(p: Predicate, evidence: SentenceFeatures) -> bool:
    """The claim's actor does something in the evidence too (then it is not replaced)."""
    actor = p.actor
    return actor is not None and any(
        q.actor and same_entity(actor.text, q.actor.text) for q in evidence.predicates
    )
