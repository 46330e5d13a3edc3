"""Claim splitting repairs the sentence breaks spaCy puts where no sentence ends."""

from __future__ import annotations

from crosscheck.claims import split_claims
from crosscheck.model import Article


def claims(nlp, text: str) -> list[str]:
    _, feats = split_claims(Article(id="x", text=text), nlp)
    return [f.text for f in feats]


def test_a_break_after_a_bracketed_acronym_is_mended(nlp) -> None:
    text = (
        "The Chandrayaan-3 mission will have a lander and a rover, but not an orbiter, Indian Space "
        "Research Organisation (ISRO) Chairman K. Sivan told reporters at its headquarters in Bengaluru."
    )
    assert claims(nlp, text) == [text]


def test_sentences_that_end_stay_apart(nlp) -> None:
    text = 'The storm hit the coast on Monday. Officials said: "We are ready." It killed two people.'
    assert len(claims(nlp, text)) == 3


def test_a_headline_run_into_the_first_sentence_stays_apart(nlp) -> None:
    text = (
        "Rioters in Greece attack police station, banks Rioting youths in the Greek capital attacked a "
        "police station, stores and banks on Monday."
    )
    assert claims(nlp, text)[0] == "Rioters in Greece attack police station, banks"


def test_a_dateline_is_not_part_of_the_claim(nlp) -> None:
    """'AGRA:' and 'PORT ELLIS, March 3 (Metro Wire) -' say where the story was filed; read as the
    claim's first name, the dateline became the actor of its verbs ("AGRA ≠ Neeraj Agarwal")."""
    for dateline in ("AGRA: ", "NEW DELHI: ", "PORT ELLIS, March 3 (Metro Wire) - "):
        text = f"{dateline}A 37-year-old bullion trader allegedly shot his wife and two children."
        assert claims(nlp, text) == [text.removeprefix(dateline)]
    text = "Mr. Sharma: A trader shot his wife, police said."  # not a dateline: a name in ordinary case
    assert claims(nlp, text) == [text]
