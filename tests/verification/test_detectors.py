"""Each detector on sentence pairs a reader would judge at once."""

from __future__ import annotations

import pytest

from crosscheck.claims import split_claims
from crosscheck.model import Article
from crosscheck.pipeline import _bar
from crosscheck.settings import Settings
from crosscheck.verification import compare


def features(nlp, text: str):
    _, feats = split_claims(Article(id="x", text=text), nlp)
    assert len(feats) == 1, [f.text for f in feats]
    return feats[0]


CONFLICTS = [
    ("date", "The bridge was closed on Monday, March 3.", "The bridge was closed on Wednesday, March 5."),
    ("number", "The ferry carried 212 passengers.", "The ferry carried 121 passengers."),
    (
        "number",
        "The council released $4.5 million for repairs.",
        "The council released $45 million for repairs.",
    ),
    (
        "entity",
        "The driver was taken to St. Olave's Hospital.",
        "The driver was taken to Riverside General Hospital.",
    ),
    (
        "number",  # an age set off after a name (spaCy tags it DATE)
        "Police said Ada Brennan, 24, was found in the harbour office.",
        "Ada Mary Brennan, 48, was found in the harbour office, police said.",
    ),
    (
        "entity",  # the same place in sentences worded alike: a rewrite that changed the name
        "Officials stopped the game to allow coach Roy Williams to present Janus with the game ball.",
        "Officials stopped the game to allow coach Roy Williams to present Hansbrough with the game ball.",
    ),
    ("negation", "The crew did not issue a mayday call.", "The crew issued a mayday call."),
    ("negation", "The council refused to approve the budget.", "The council approved the budget."),
    ("antonym", "The council approved the ferry plan.", "The council rejected the ferry plan."),
    ("antonym", "Traffic on the ring road increased sharply.", "Traffic on the ring road decreased sharply."),
    (
        "attribution",
        "Fire Chief Lena Ortiz ordered the evacuation of the bridge.",
        "Police Commissioner Raj Malhotra ordered the evacuation of the bridge.",
    ),
]

AGREEMENTS = [
    ("About 40 vehicles were stranded.", "40 vehicles were stranded on the bridge."),
    ("Kim Jong Un sent a letter to Putin.", "Kim Jong-un sent Vladimir Putin a letter."),
    ("The United States and its allies were named.", "America and its allies were named."),
    ("The crew did not issue a warning.", "No warning was issued by the crew, who did not issue a warning."),
    ("Traffic did not increase.", "Traffic did not increase at all."),
    ("The bridge was closed on March 3.", "The bridge was closed on Monday, March 3."),
    ("Lena Ortiz, 61, and Ada Brennan, 48, were rescued.", "Ada Brennan, 48, and Lena Ortiz, 61, got out."),
]


@pytest.mark.parametrize(("kind", "claim", "evidence"), CONFLICTS)
def test_compare_names_the_kind_of_conflict(nlp, kind: str, claim: str, evidence: str) -> None:
    findings = compare(features(nlp, claim), features(nlp, evidence))
    assert kind in {f.kind for f in findings}, findings
    assert all("≠" in f.detail for f in findings)


@pytest.mark.parametrize(("claim", "evidence"), AGREEMENTS)
def test_compare_finds_nothing_in_agreeing_paraphrases(nlp, claim: str, evidence: str) -> None:
    assert compare(features(nlp, claim), features(nlp, evidence)) == []


def test_compare_identical_sentences_never_conflict(nlp) -> None:
    text = (
        "In February, North Korea recognized the independence of the Donetsk and Luhansk people's republics."
    )
    assert compare(features(nlp, text), features(nlp, text)) == []


def test_a_date_of_one_event_told_as_verb_and_as_noun_is_anchored(nlp) -> None:
    """'raided … in July 2008' and 'an April, 2008 raid' date the same raid."""
    claim = features(nlp, "Texas authorities raided the compound in July 2008 after a call to a hotline.")
    evidence = features(nlp, "Prosecutors used documents seized during an April, 2008 raid at the ranch.")
    dates = [f for f in compare(claim, evidence) if f.kind == "date"]
    assert dates and dates[0].anchored, dates
    other = features(nlp, "Prosecutors used documents seized in April, 2008 at the ranch.")
    assert not any(f.anchored for f in compare(claim, other) if f.kind == "date")


def test_a_passive_subject_of_a_shared_verb_is_an_attribution(nlp) -> None:
    """Who had the act done to them: 'X was arrested' / 'Y was arrested' credits one act to two people."""
    claim = features(
        nlp,
        "Sheldon Whitehouse, the defensive tackle for the San Diego Chargers was arrested on suspicion "
        "of drunk driving early morning on Sunday, February 1, 2009.",
    )
    evidence = features(
        nlp,
        "Chargers defensive tackle Jamal Williams was arrested on suspicion of drunken driving, "
        "the team's second such arrest in less than a month.",
    )
    findings = compare(claim, evidence)
    kinds = {f.kind for f in findings}
    assert "attribution" in kinds and "entity" not in kinds, kinds
    # Still a name in a slot: it needs the slot conflicts' alignment, not the lower bar of an actor.
    passive = next(f for f in findings if f.kind == "attribution")
    assert _bar(passive, Settings()) == Settings().anchored_slot_score
    hospital = features(nlp, "The teen was rushed to Kings County Hospital but he later died.")
    moved = features(nlp, "The teen was rushed to Lenox Hill Hospital but he later died.")
    assert {f.kind for f in compare(moved, hospital)} == {"entity"}
