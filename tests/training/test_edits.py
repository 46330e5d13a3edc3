from __future__ import annotations

import random

import pytest

from crosscheck.training.edits import (
    EDITS,
    change_attribution,
    change_date,
    change_entity,
    change_number,
    contradict,
    drop_clause,
    negate,
    swap_antonym,
    swap_roles,
)

SENTENCE = "The Senate approved the bill on Tuesday by 52 votes, Majority Leader Chuck Schumer said."
OTHERS = ["Senator Mitch McConnell opposed the measure.", "The House of Representatives will vote next."]


@pytest.mark.parametrize(
    ("edit", "gone", "kind_of_new"),
    [
        (change_date, "Tuesday", ("Monday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")),
        (swap_antonym, "approved", ("rejected",)),
        (
            change_attribution,
            "Chuck Schumer",
            ("Mitch McConnell", "House of Representatives", "Senator Mitch McConnell"),
        ),
    ],
)
def test_each_edit_changes_its_fact(edit, gone, kind_of_new):
    edited = edit(SENTENCE, random.Random(0), OTHERS)
    assert edited is not None and gone not in edited
    assert any(new in edited for new in kind_of_new)


def test_number_changes_the_figure_and_keeps_the_rest():
    edited = change_number(SENTENCE, random.Random(3), OTHERS)
    assert edited is not None and "52 votes" not in edited
    assert edited.replace(edited.split(" votes")[0].split()[-1], "52") == SENTENCE


def test_years_change_as_dates_not_as_numbers():
    text = "The plant opened in 2019 with 300 workers."
    assert "2019" not in change_date(text, random.Random(1))
    assert "2019" in change_number(text, random.Random(1)) and "300 workers" not in change_number(
        text, random.Random(1)
    )


def test_negation_adds_and_removes():
    assert negate("The company has paid the fine.", random.Random(0)) == "The company has not paid the fine."
    assert negate("The company has not paid the fine.", random.Random(0)) == "The company has paid the fine."
    assert negate("The company didn't pay the fine.", random.Random(0)) == "The company did pay the fine."
    assert (
        negate("Police said the road was closed.", random.Random(0)) == "Police said the road was not closed."
    )


def test_swap_roles_exchanges_two_names():
    edited = swap_roles("Arsenal beat Chelsea at Wembley.", random.Random(0))
    assert edited is not None and edited != "Arsenal beat Chelsea at Wembley."
    assert sorted(edited.rstrip(".").split()) == sorted("Arsenal beat Chelsea at Wembley".split())


def test_entity_comes_from_the_story():
    edited = change_entity("Chuck Schumer spoke first.", random.Random(0), OTHERS)
    assert edited is not None and "Chuck Schumer" not in edited


def test_nothing_to_edit_gives_none():
    plain = "it rained all day and everyone stayed home"
    assert change_date(plain, random.Random(0)) is None
    assert change_number(plain, random.Random(0)) is None
    assert swap_antonym(plain, random.Random(0)) is None
    assert change_entity(plain, random.Random(0), OTHERS) is None


def test_contradict_names_the_edit_and_always_changes_text():
    rng = random.Random(5)
    kinds = set()
    for _ in range(200):
        out = contradict(SENTENCE, rng, OTHERS)
        assert out is not None
        text, kind = out
        assert kind in EDITS and text.strip() != SENTENCE
        kinds.add(kind)
    assert {"date", "number", "antonym", "attribution", "negation"} <= kinds


def test_drop_clause_keeps_a_prefix():
    text = "The mayor opened the bridge on Monday, which had been closed for repairs since March."
    short = drop_clause(text, random.Random(0))
    assert short is not None and text.startswith(short[:-1]) and len(short) < len(text)
