from __future__ import annotations

import itertools
import re
from collections import Counter
from pathlib import Path

import pytest

from crosscheck.training.pairs import (
    LABELS,
    Corpus,
    Pair,
    Story,
    batch_at,
    pairs,
    read_nli,
    read_stories,
    split_sentences,
    word_overlap,
)

DATA = Path(__file__).resolve().parents[3] / "shared" / "data"

STORY = Story(
    "test:1",
    (
        (
            "The city council approved the new budget on Tuesday, officials said.",
            "Mayor Jane Fowler said the plan adds 200 police officers.",
            "The vote was 7 to 2 after a long debate about housing.",
        ),
        (
            "On Tuesday the council passed a budget that hires 200 more officers.",
            "Councillor Mark Ruiz, who voted against it, said housing was neglected.",
        ),
    ),
)
ALIGNED = ((0, STORY.documents[0][0], STORY.documents[1][0]),)
NLI = (Pair("A man is sleeping.", "A person rests.", "entailment", "snli"),)


def corpus() -> Corpus:
    return Corpus((STORY,), ALIGNED, ((0, STORY.documents[0][2], STORY.documents[1][1]),), NLI)


def test_stream_is_reproducible_and_labelled():
    first = list(itertools.islice(pairs(corpus(), seed=3), 300))
    again = list(itertools.islice(pairs(corpus(), seed=3), 300))
    other = list(itertools.islice(pairs(corpus(), seed=4), 300))
    assert first == again and first != other
    counts = Counter(p.label for p in first)
    assert set(counts) == set(LABELS) and min(counts.values()) > 30


def test_contradictions_differ_from_their_source_and_say_how():
    made = [p for p in itertools.islice(pairs(corpus(), seed=0), 500) if p.label == "contradiction"]
    assert made
    for p in made:
        assert p.source.startswith("edit:") and p.premise.strip() != p.hypothesis.strip()
    sentences = {s for doc in STORY.documents for s in doc}
    assert all(p.premise in sentences or p.hypothesis in sentences or " " in p.premise for p in made)


def test_extended_pairs_are_neutral_and_shortened_entailed():
    stream = list(itertools.islice(pairs(corpus(), seed=1), 500))
    for p in stream:
        if p.source == "shortened":
            assert p.label == "entailment" and len(p.hypothesis) < len(p.premise) + 1
        if p.source == "extended":
            assert p.label == "neutral" and p.hypothesis.startswith(p.premise[:-1])


def test_batches_depend_only_on_seed_and_step():
    assert batch_at(corpus(), 0, 5, 8) == batch_at(corpus(), 0, 5, 8)
    assert batch_at(corpus(), 0, 5, 8) != batch_at(corpus(), 0, 6, 8)


def test_nli_only_corpus_and_empty_corpus():
    only = Corpus((), (), (), NLI)
    assert next(pairs(only, 0)) == NLI[0]
    with pytest.raises(ValueError, match="empty corpus"):
        next(pairs(Corpus((), (), (), ()), 0))


def test_split_sentences_and_overlap():
    text = (
        'The coach said "we won it fairly." Then the whole crowd left. Dr. Smith stayed\n'
        "A new line starts here. Too short."
    )
    assert split_sentences(text) == (
        'The coach said "we won it fairly."',
        "Then the whole crowd left.",  # fragments under five words ("Dr. Smith stayed") are dropped
        "A new line starts here.",
    )
    assert word_overlap("The council passed the budget", "the budget passed the council") == 1.0
    assert word_overlap("Rain fell all day", "Stocks rose sharply") == 0.0


def test_real_data_reads_and_nli_split_is_disjoint():
    stories = read_stories(DATA)
    assert len(stories) > 400 and all(story.documents for story in stories)
    assert not any(story.id.startswith(("semeval", "xsum", "frank")) for story in stories)
    train, held_out = read_nli(DATA, held_out=False), read_nli(DATA, held_out=True)
    assert len(train) > 1800 and len(held_out) > 700
    assert not {(p.premise, p.hypothesis) for p in train} & {(p.premise, p.hypothesis) for p in held_out}
    assert not any(re.search(r" n't\b| ,", p.premise) for p in train)  # PTB tokens undone
