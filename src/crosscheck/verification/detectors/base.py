"""What a detector returns, and the role test every slot detector shares."""

from __future__ import annotations

from dataclasses import dataclass

from crosscheck.claims.features import REPORTING_VERBS, Predicate, SentenceFeatures
from crosscheck.claims.names import same_entity
from crosscheck.model import ConflictKind


@dataclass(frozen=True, slots=True)
class Finding:
    """One typed difference between a claim and its evidence.

    `strength` is the detector's own confidence in [0, 1], before the pair's
    alignment is taken into account.
    """

    kind: ConflictKind
    detail: str
    strength: float = 0.9
    anchored: bool = False  # structural proof that both sides fill the same slot


# Verbs of saying: the reporting verbs and the ones that colour what is said.
SPEECH_VERBS = REPORTING_VERBS | frozenset("claim write note stress insist argue warn quote".split())


def same_slot(head_a: str, head_b: str) -> bool:
    """Two values fill the same slot when they hang off the same word ('taken to', 'region')."""
    if not head_a or not head_b:
        return False
    last_a, last_b = head_a.split()[-1], head_b.split()[-1]
    return head_a == head_b or (last_a == last_b and last_a not in _FUNCTION_WORDS)


# A shared preposition alone ("… to X" / "… to Y") says nothing about the slot.
_FUNCTION_WORDS = frozenset(
    "to of in on at by for with from about as into onto over under after before since during against".split()
)


def actors_differ(claim: SentenceFeatures, evidence: SentenceFeatures) -> bool:
    """The same verb done by different named actors: likely two different statements,
    so a differing date or figure is no proof of a contradiction."""
    return any(
        p.lemma == q.lemma and p.actor and q.actor and not same_entity(p.actor.text, q.actor.text)
        for p in claim.predicates
        for q in evidence.predicates
    )


SAME_CONTENT = 0.5  # share of the longer statement's content words the other repeats


def same_content(p: Predicate, q: Predicate) -> bool:
    """Two predicates say largely the same thing (their content words, verbs aside)."""
    shared = len((p.terms - {p.lemma}) & (q.terms - {q.lemma}))
    return shared / max(max(len(p.terms), len(q.terms)) - 1, 1) >= SAME_CONTENT
