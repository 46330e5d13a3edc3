"""`entity`: the same slot filled by a different person, place or organisation.

"taken to St. Olave's Hospital" vs "taken to Riverside General Hospital";
"the Near East Asia region" vs "the Northeastern Asian region". Aliases and
spelling variants (names.same_entity) never count. Subjects are left to the
attribution detector: who did it is a different question from where or what.
"""

from __future__ import annotations

from crosscheck.claims.features import SUBJECT_DEPS, Mention, SentenceFeatures
from crosscheck.claims.names import canonical, same_entity, stemmed
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
    text = f" {stemmed(other.text)} "  # "Russian-North Korean friendship" names North Korea
    return any(key and f" {key} " in text for key in (stemmed(mention.text), canonical(mention.text)))


def detect(claim: SentenceFeatures, evidence: SentenceFeatures) -> list[Finding]:
    findings = []
    for m in claim.mentions:
        if m.dep in SUBJECT_DEPS or present(m, evidence):
            continue
        found = _rival(m, claim, evidence)
        if found is not None:
            rival, slotted = found
            anchored = slotted and not actors_differ(claim, evidence)
            detail = f"{_display(m)} ≠ {_display(rival)}"
            findings.append(Finding("entity", detail, 0.85 if anchored else 0.7, anchored))
    return findings[:2]


def _rival(m: Mention, claim: SentenceFeatures, evidence: SentenceFeatures) -> tuple[Mention, bool] | None:
    """The evidence mention that takes `m`'s place, and whether its slot proves it.

    The same slot (same head word) is proof. Failing that, when each side has
    exactly one name of this kind that the other lacks, the two are paired
    without proof, and the pipeline then asks for a closely aligned pair.
    """
    options = [
        n for n in evidence.mentions if family(n.label) == family(m.label) and not same_entity(m.text, n.text)
    ]
    for n in options:
        if same_slot(m.head, n.head):
            return n, True
    lonely = [
        n for n in options if n.label == m.label and n.dep not in SUBJECT_DEPS and not present(n, claim)
    ]
    lonely_claim = [
        c
        for c in claim.mentions
        if c.label == m.label and c.dep not in SUBJECT_DEPS and not present(c, evidence)
    ]
    return (lonely[0], False) if len(lonely) == 1 and len(lonely_claim) == 1 else None


def _display(m: Mention) -> str:
    return m.text.removesuffix("'s").removesuffix("’s")
