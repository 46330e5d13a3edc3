from __future__ import annotations

import itertools
from importlib import resources

import pytest

from crosscheck.verification import lexicon
from crosscheck.verification.lexicon import antonyms, are_antonyms

ANTONYMS = [
    ("reduction", "expand"),
    ("increase", "decrease"),
    ("approve", "reject"),
    ("accept", "reject"),
    ("win", "lose"),
    ("rise", "fall"),
    ("strengthen", "weaken"),
    ("agree", "disagree"),
    ("unhurt", "injured"),
    ("support", "oppose"),
    ("confirm", "deny"),
]

# Pairs a family-wide closure over WordNet produced and a reader would not call opposites.
NOISE = [
    ("tell", "united"),
    ("face", "support"),
    ("control", "withdraw"),
    ("lose", "hit"),
    ("expand", "psychiatrist"),
]

NOT_ANTONYMS = [
    ("expand", "increase"),
    ("reduction", "decrease"),
    ("say", "tell"),
    ("bridge", "river"),
]


def table_text() -> str:
    return (
        resources.files("crosscheck.verification").joinpath("data/antonyms.tsv").read_text(encoding="ascii")
    )


@pytest.mark.parametrize(("a", "b"), ANTONYMS)
def test_news_antonyms_both_directions(a: str, b: str) -> None:
    assert are_antonyms(a, b)
    assert are_antonyms(b, a)


@pytest.mark.parametrize(("a", "b"), NOISE)
def test_far_fetched_pairs_are_not_antonyms(a: str, b: str) -> None:
    assert not are_antonyms(a, b)


@pytest.mark.parametrize(("a", "b"), NOT_ANTONYMS)
def test_synonyms_and_unrelated_words_are_not_antonyms(a: str, b: str) -> None:
    assert not are_antonyms(a, b)
    assert not are_antonyms(b, a)


def test_lookup_ignores_case_and_unknown_words() -> None:
    assert are_antonyms("Increase", "DECREASE")
    assert antonyms("Approve") == antonyms("approve")
    assert antonyms("qwertyuiop") == frozenset()
    assert not are_antonyms("qwertyuiop", "increase")


def test_no_word_is_its_own_antonym() -> None:
    for word in ("increase", "reject", "win", "employ"):
        assert word not in antonyms(word)


def test_stoplisted_general_words_are_left_out() -> None:
    for word in ("go", "come", "give", "take", "north", "south", "left", "right", "man", "woman"):
        assert antonyms(word) == frozenset()


def test_relation_is_symmetric_on_a_sample_of_rows() -> None:
    words = sorted(lexicon._lines("antonyms.tsv"))
    sample = words[:: max(1, len(words) // 500)]
    for word in sample:
        for other in antonyms(word):
            assert word in antonyms(other), (word, other)


def test_rows_are_sorted_single_lowercase_words() -> None:
    rows = [line for line in table_text().splitlines() if not line.startswith("#")]
    words = [row.split("\t")[0] for row in rows]
    assert words == sorted(words)
    for row in itertools.islice(rows, 0, None, 97):
        word, others = row.split("\t")
        assert word.isalpha() and word.islower()
        assert others.split() == sorted(others.split())
        assert all(other.isalpha() and other.islower() for other in others.split())


def test_header_names_wordnet_and_licence_ships() -> None:
    header = table_text().splitlines()[0]
    assert header.startswith("#")
    assert "WordNet 3.0" in header and "Princeton" in header
    assert "build_lexicon.py" in header
    licence = resources.files("crosscheck.verification").joinpath("data/WORDNET_LICENSE").read_text()
    assert "WordNet 3.0 Copyright 2006 by Princeton University" in licence


@pytest.mark.parametrize(
    ("a", "b"), [("break", "sever"), ("kill", "murder"), ("arrest", "detain"), ("order", "command")]
)
def test_related_verbs_report_the_same_act(a: str, b: str) -> None:
    assert lexicon.same_act(a, b) and lexicon.same_act(b, a)


@pytest.mark.parametrize(("a", "b"), [("announce", "strengthen"), ("allow", "make"), ("sign", "prohibit")])
def test_unrelated_verbs_are_different_acts(a: str, b: str) -> None:
    assert not lexicon.same_act(a, b)
