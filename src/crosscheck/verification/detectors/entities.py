"""`entity`: the same slot filled by a different person, place or organisation.

"taken to St. Olave's Hospital" vs "taken to Riverside General Hospital";
"the Near East Asia region" vs "the Northeastern Asian region". Aliases and
spelling variants (names.same_entity) never count. Subjects are left to the
attribution detector: who did it is a different question from where or what.
"""

from __future__ import annotations

from crosscheck.claims.features import SUBJECT_DEPS, Mention, SentenceFeatures
from crosscheck.claims.names import normalize, same_entity
from crosscheck.verification.detectors.base import Finding, actors_differ, same_slot

_FAMILIES = {
    "GPE": "place",
    "LOC": "place",
    "NORP": "place",
    "FAC": "place",
    "PERSON": "person",
    "ORG": "org",
}


def family(label: str) -> str:
    return _FAMILIES.get(label, label)


def present(mention: Mention, other: SentenceFeatures) -> bool:
    """Whether `other` names this entity, by alias or by its words in the text."""
    if any(same_entity(mention.text, o.text) for o in other.mentions):
        return True
    words = normalize(mention.text)
    return bool(words) and f" {words} " in f" {normalize(other.text)} "


def detect(claim: SentenceFeatures, evidence: SentenceFeatures) -> list[Finding]:
    findings = []
    for m in claim.mentions:
        if m.dep in SUBJECT_DEPS or present(m, evidence):
            continue
        rival = _rival(m, evidence)
        if rival is not None:
            anchored = not actors_differ(claim, evidence)
            findings.append(Finding("entity", f"{_display(m)} ≠ {_display(rival)}", 0.85, anchored))
    return findings[:2]


def _rival(m: Mention, evidence: SentenceFeatures) -> Mention | None:
    """The evidence mention of the same kind that fills the same slot, if any."""
    for n in evidence.mentions:
        if (
            family(n.label) == family(m.label)
            and same_slot(m.head, n.head)
            and not same_entity(m.text, n.text)
        ):
            return n
    return None


def _display(m: Mention) -> str:
    return m.text.removesuffix("'s").removesuffix("’s")
