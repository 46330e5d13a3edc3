from __future__ import annotations

import itertools
from importlib import resources

import pytest

from crosscheck.verification import lexicon
from crosscheck.verification.lexicon import antonyms, are_antonyms, are_close_antonyms, are_direct_antonyms

# News oppositions besides the DIRECT ones below (all must be in the wide relation).
ANTONYMS = [
    ("reduction", "expand"),
    ("agree", "disagree"),
    ("unhurt", "injured"),
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


# WordNet opposes the words' own main senses (approve/reject: "reject" shares a synset
# with "disapprove"), a negating prefix (joint/disjoint), the news supplement, or one
# derived form (growth/decrease).
DIRECT = [
    ("increase", "decrease"),
    ("approve", "reject"),
    ("accept", "reject"),
    ("win", "lose"),
    ("rise", "fall"),
    ("strengthen", "weaken"),
    ("guilty", "innocent"),
    ("legal", "illegal"),
    ("joint", "disjoint"),
    ("support", "oppose"),
    ("growth", "decrease"),
    ("hire", "dismissal"),
]

# Opposed only through a word's dominant sense ("expansion" is a kind of "increase").
CLOSE_NOT_DIRECT = [("reduction", "expand"), ("expansion", "reduction")]

# Opposed only by the wide closure: false alarms on clean stories of the corrupted-report benchmark.
CLOSURE_ONLY = [
    ("decision", "begin"),  # decide is a kind of "end"
    ("stay", "act"),
    ("stay", "americanize"),  # a kind of "change", which "stay" opposes
    ("start", "kill"),
    ("film", "thick"),  # filmy is similar to "thin"
    ("arrest", "drive"),
    ("young", "late"),
    ("early", "future"),
    ("recent", "old"),
    ("fall", "add"),
    ("approve", "object"),
    ("direct", "follow"),
    ("attractive", "driver"),  # only derived forms on both sides are opposed (attract/drive)
]


def table_text(name: str = "antonyms.tsv") -> str:
    return resources.files("crosscheck.verification").joinpath(f"data/{name}").read_text(encoding="ascii")


@pytest.mark.parametrize(("a", "b"), ANTONYMS + DIRECT)
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


@pytest.mark.parametrize(("a", "b"), DIRECT)
def test_direct_antonyms_both_directions(a: str, b: str) -> None:
    assert are_direct_antonyms(a, b) and are_direct_antonyms(b, a)
    assert are_close_antonyms(a, b) and are_antonyms(a, b)


@pytest.mark.parametrize(("a", "b"), CLOSE_NOT_DIRECT)
def test_close_antonyms_are_not_direct(a: str, b: str) -> None:
    assert are_close_antonyms(a, b) and are_close_antonyms(b, a)
    assert not are_direct_antonyms(a, b) and not are_direct_antonyms(b, a)


@pytest.mark.parametrize(("a", "b"), CLOSURE_ONLY)
def test_pairs_of_the_wide_closure_alone_are_neither_close_nor_direct(a: str, b: str) -> None:
    assert are_antonyms(a, b)
    assert not are_close_antonyms(a, b) and not are_close_antonyms(b, a)
    assert not are_direct_antonyms(a, b)


@pytest.mark.parametrize("name", ["antonyms_direct.tsv", "antonyms_inherited.tsv"])
def test_graded_tables_are_symmetric_parts_of_the_relation(name: str) -> None:
    rows = lexicon._lines(name)
    assert table_text(name).startswith("# Antonyms derived from WordNet 3.0")
    for word in sorted(rows)[:: max(1, len(rows) // 500)]:
        for other in rows[word].split():
            assert other in antonyms(word), (word, other)
            assert word in lexicon._related(name, other), (word, other)


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
