"""`entity`: the same slot filled by a different person, place or organisation.

"taken to St. Olave's Hospital" vs "taken to Riverside General Hospital";
"the Near East Asia region" vs "the Northeastern Asian region". Aliases and
spelling variants (names.same_entity) never count, nor a place named for one inside
it ("in Kabul" / "in Afghanistan": claims.places). Subjects are left to the
attribution detector: who did it is a different question from where or what,
except a subject told with the same age as the other outlet's ("X, 38," / "Y, a
38-year-old") or the same office as a name that does not act there, which says
one person is meant even where the verbs differ.
Names described alike beside them (the same office, age or owned name:
`claims.identity`) fill one role whatever heads the parse gives them.
A passive subject of a verb both sides use ("Y was arrested") is typed
`attribution` too: the same act, credited to someone else.
"""

from __future__ import annotations

from crosscheck.claims.features import SUBJECT_DEPS, Mention, SentenceFeatures
from crosscheck.claims.names import canonical, same_entity, stemmed
from crosscheck.claims.places import nested
from crosscheck.verification.detectors.base import Finding, actors_differ, same_place, same_slot

ROLE_WORDS = 2  # context words two mentions must share to fill the same role
_FAMILIES = {
    "GPE": "place",
    "LOC": "place",
    "NORP": "place",
    "FAC": "site",
    "PERSON": "person",
    "ORG": "org",
}
# A hospital or a stadium is tagged ORG or FAC, a landmark FAC or LOC: these may fill one slot.
_NEIGHBOURS = {frozenset({"site", "org"}), frozenset({"site", "place"})}
# Who did it is the attribution detector's question; who had it done to them
# (a passive subject: "X was arrested") is a name in a slot like any other.
_AGENT_DEPS = SUBJECT_DEPS - {"nsubjpass"}


def family(label: str) -> str:
    return _FAMILIES.get(label, label)


def compatible(a: str, b: str) -> bool:
    fa, fb = family(a), family(b)
    return fa == fb or frozenset({fa, fb}) in _NEIGHBOURS


def present(mention: Mention, other: SentenceFeatures) -> bool:
    """Whether `other` names this entity, by alias or by its words in the text."""
    if any(same_entity(mention.text, o.text) or _same_person(mention, o) for o in other.mentions):
        return True
    text = f" {stemmed(other.text)} "  # "Russian-North Korean friendship" names North Korea
    return any(key and f" {key} " in text for key in (stemmed(mention.text), canonical(mention.text)))


def _same_person(a: Mention, b: Mention) -> bool:
    """'Senior Trooper William Hakim' and 'Bill Hakim': one story, one surname, one person."""
    return a.label == b.label == "PERSON" and a.key.split()[-1:] == b.key.split()[-1:]


def detect(claim: SentenceFeatures, evidence: SentenceFeatures) -> list[Finding]:
    findings = []
    for m in claim.mentions:
        if present(m, evidence):
            continue
        if m.dep in _AGENT_DEPS:
            findings.extend(_described_actor(m, claim, evidence))
            continue
        found = _rival(m, claim, evidence)
        if found is not None:
            rival, slotted = found
            anchored = slotted and not actors_differ(claim, evidence)
            detail = f"{_display(m)} ≠ {_display(rival)}"
            kind = "attribution" if _done_to(m, claim, evidence) else "entity"
            strength = 0.85 if anchored else 0.7
            findings.append(Finding(kind, detail, strength, anchored, swap=(m, rival), slot=True))
    return findings[:2]


def _described_actor(m: Mention, claim: SentenceFeatures, evidence: SentenceFeatures) -> list[Finding]:
    """Who did it, told with the same age or office as a name of the other outlet's ("Andrew Cuomo,
    a 38-year-old Floridian, is the first rioter sentenced" / "Paul Allard Hodgkins, 38, was the first
    person sentenced"): the verbs may differ, the description says one person is meant."""
    ages = {d for d in m.identity if d.startswith("age:")}
    for n in evidence.mentions:
        if n.label != m.label or same_entity(m.text, n.text) or present(n, claim):
            continue
        acting = n.dep in SUBJECT_DEPS
        # An office the other outlet gives to a name that does not act there: "President X told
        # Netanyahu" / "Netanyahu brushed off President Biden's call". Two holders both acting is
        # two statements, so only an age pairs two subjects.
        if (acting and ages & n.identity) or (not acting and same_identity(m, n)):
            detail = f"{_display(m)} ≠ {_display(n)}"
            kind = "attribution" if acting else "entity"
            return [Finding(kind, detail, 0.85, True, swap=(m, n), slot=True)]
    return []


def _done_to(m: Mention, claim: SentenceFeatures, evidence: SentenceFeatures) -> bool:
    """The passive subject of a verb both sides use ("X was arrested" / "[Chargers tackle] Y was
    arrested", "police arrested Y", "suspended Y's accounts"): whoever the other outlet puts in
    its place, the act is credited to someone else, an `attribution`. (Parses of the other side
    vary too much, "Y's accounts" read as a verb, to ask which slot the rival fills there.)"""
    verbs = {p.lemma for p in claim.predicates} & {q.lemma for q in evidence.predicates}
    return m.dep == "nsubjpass" and m.head in verbs


def _rival(m: Mention, claim: SentenceFeatures, evidence: SentenceFeatures) -> tuple[Mention, bool] | None:
    """The evidence mention that takes `m`'s place, and whether its role proves it.

    Proof is the same slot (same head word), two content words of context in
    common ("death of the Conservative MP X" / "Conservative MP Y has died"), or
    the same place in sentences worded alike (a rewrite that changed the name:
    any two names, since the parser may label one person an ORG). Failing that,
    when each side has exactly one name of this label that the other lacks,
    they are paired without proof and need a closely aligned pair.
    """
    options = [n for n in evidence.mentions if compatible(n.label, m.label) and not _agree(m, n)]
    # Described alike (claims.identity) only counts when the claim does not name the rival too:
    # "a former aide to U.S. President Bill Clinton condemned President Donald Trump" names two.
    alike = [n for n in options if same_identity(m, n) and not present(n, claim)]
    ranked = sorted(
        options,
        key=lambda n: (same_slot(m.head, n.head), n in alike, len(m.context & n.context)),
        reverse=True,
    )
    for n in ranked[:1]:
        if same_slot(m.head, n.head) or n in alike or len(m.context & n.context) >= ROLE_WORDS:
            return n, True
    for n in evidence.mentions:
        # A nationality or party replaced by a name is a description: "the Republican senator's
        # claims" / "Paul's claims".
        if (m.label == "NORP") != (n.label == "NORP"):
            continue
        if same_place(claim, m, evidence, n) and not _agree(m, n) and not present(n, claim):
            return n, True
    if m.label == "NORP":  # "Indian navy" / "Ethiopian flag": adjectives of many roles, never paired blind
        return None
    lonely = [n for n in options if n.label == m.label and not present(n, claim)]
    lonely_claim = [
        c
        for c in claim.mentions
        if c.label == m.label and c.dep not in _AGENT_DEPS and not present(c, evidence)
    ]
    return (lonely[0], False) if len(lonely) == 1 and len(lonely_claim) == 1 else None


def _agree(m: Mention, n: Mention) -> bool:
    """One entity, or one place inside the other ("in Kabul" / "in Afghanistan")."""
    return same_entity(m.text, n.text) or (
        family(m.label) == family(n.label) == "place" and nested(m.text, n.text)
    )


def same_identity(m: Mention, n: Mention) -> bool:
    """Described alike beside the name: the same office, age or owned name
    ("former President X" / "former US President Y", "X, 38," / "Y, a 38-year-old")."""
    return bool(m.identity & n.identity)


def _display(m: Mention) -> str:
    return m.text.removesuffix("'s").removesuffix("’s")
