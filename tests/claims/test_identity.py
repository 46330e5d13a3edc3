"""Descriptors beside a name: the office before it, an age set off after it, the name it owns."""

from __future__ import annotations

import pytest

from crosscheck.claims import split_claims
from crosscheck.model import Article


def identities(nlp, text: str) -> dict[str, frozenset[str]]:
    _, feats = split_claims(Article(id="x", text=text), nlp)
    return {m.text: m.identity for f in feats for m in f.mentions}


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        (
            "Facebook Inc has suspended former US President Donald Trump's Facebook and Instagram "
            "accounts for two years.",
            "Donald Trump",
            "title:former president",
        ),
        ("Sen. Mark Kelly criticized the plan.", "Mark Kelly", "title:senator"),
        ("Senator Mark Kelly criticized the plan.", "Mark Kelly", "title:senator"),
        (
            "Paul Allard Hodgkins, 38, was the first person charged with a felony to be sentenced.",
            "Paul Allard Hodgkins",
            "age:38",
        ),
        (
            "Paul Hodgkins, a 38-year-old Floridian, is now the first Capitol rioter convicted of a felony "
            "to be sentenced.",
            "Paul Hodgkins",
            "age:38",
        ),
        (
            "Surprisingly, that list includes Marvel Studios' WandaVision, which was originally slated "
            "for a spring 2021 debut.",
            "Marvel Studios'",
            "owns:wandavis",
        ),
    ],
)
def test_a_name_is_described_by_its_office_age_and_what_it_owns(nlp, text, name, expected) -> None:
    assert expected in identities(nlp, text)[name]


def test_words_that_do_not_modify_the_name_describe_nothing(nlp) -> None:
    """'the president met Kim': the title belongs to someone else; 'Mr.' is no office."""
    assert identities(nlp, "The president met Kim in Hanoi on Monday.")["Kim"] == frozenset()
    assert identities(nlp, "Mr. Clegg announced the decision on Friday.")["Clegg"] == frozenset()
