"""The corruption generator on a small handwritten two-outlet story."""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # `benchmarks` lives beside `src`, not in the package
    sys.path.insert(0, str(ROOT))

from benchmarks.corruptions import (  # noqa: E402
    BOILERPLATE,
    KINDS,
    Corruptor,
    EntityPool,
    Name,
    noisy_copy,
)
from benchmarks.edits import MONTHS, WEEKDAYS, number_value  # noqa: E402
from benchmarks.inflection import inflect  # noqa: E402

pytestmark = pytest.mark.model

A = (
    "The city council approved the new budget in Springfield on Tuesday, June 15, 2021. "
    "Mayor Jane Smith said the plan will cost $12 million over three years.\n\n"
    "Council member Tom Baker did not support the plan. Critics called the vote rushed."
)
B = (
    "On Tuesday, June 15, 2021, the city council in Springfield approved a new budget. "
    "The plan will cost $12 million over three years, Mayor Jane Smith said.\n\n"
    "Council member Tom Baker did not support the plan, which passed easily."
)
STORY = (
    {"id": "a", "title": "Budget passes", "text": A, "outlet": "Daily A"},
    {"id": "b", "title": "Council passes budget", "text": B, "outlet": "The B Times"},
)
POOL = EntityPool(
    {
        "PERSON": [Name("Robert Jones", False), Name("Maria Lopez", False), Name("Jane Doe", False)],
        "GPE": [Name("Boston", False), Name("Denver", False), Name("Springfield", False)],
        "ORG": [Name("Acme Corp", False)],
    }
)
# A stand-in for the WordNet table: the tests must not depend on its exact rows.
TABLE = {"approve": {"reject", "disapprove", "curse"}, "reject": {"approve"}, "support": {"oppose"}}


@pytest.fixture(scope="module")
def corruptor() -> Corruptor:
    return Corruptor(pool=POOL, antonyms=lambda lemma: TABLE.get(lemma, ()))


def _corrupt(corruptor: Corruptor, kind: str, seed: int = 0):
    corruption = corruptor.corrupt(STORY, kind, random.Random(seed))
    assert corruption is not None, f"no {kind} corruption found"
    return corruption


def _article(story, article_id):
    return next(r for r in story if r["id"] == article_id)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_corrupt_changes_only_the_target_sentence(corruptor: Corruptor, kind: str, seed: int) -> None:
    corruption = _corrupt(corruptor, kind, seed)
    gold = corruption.gold
    before = _article(STORY, gold.claim_article)["text"]
    after = _article(corruption.story, gold.claim_article)["text"]
    assert before[: gold.claim_start] == after[: gold.claim_start]
    tail = len(before) - (gold.claim_start + len(gold.original_text))
    assert before[len(before) - tail :] == after[len(after) - tail :]
    assert gold.claim_text != gold.original_text
    others = [(o, n) for o, n in zip(STORY, corruption.story, strict=True) if o["id"] != gold.claim_article]
    assert all(o == n for o, n in others)
    assert gold.evidence_article != gold.claim_article


@pytest.mark.parametrize("kind", KINDS)
def test_gold_offsets_slice_claim_and_evidence(corruptor: Corruptor, kind: str) -> None:
    corruption = _corrupt(corruptor, kind)
    gold = corruption.gold
    claim_text = _article(corruption.story, gold.claim_article)["text"]
    assert claim_text[gold.claim_start : gold.claim_end] == gold.claim_text
    assert gold.claim_start <= gold.edit_start <= gold.edit_end <= gold.claim_end
    evidence_text = _article(corruption.story, gold.evidence_article)["text"]
    assert evidence_text[gold.evidence_start : gold.evidence_end] == gold.evidence_text


def _date_words(text: str) -> list[str]:
    names = "|".join(MONTHS + WEEKDAYS)
    return re.findall(rf"\b(?:{names}|\d+)\b", text, flags=re.IGNORECASE)


@pytest.mark.parametrize("seed", range(5))
def test_date_corruption_changes_a_date_the_evidence_gives(corruptor: Corruptor, seed: int) -> None:
    gold = _corrupt(corruptor, "date", seed).gold
    old, new = gold.detail.split(" -> ")
    assert old.lower() != new.lower()
    assert old in gold.original_text and old in gold.evidence_text
    assert _date_words(gold.original_text) != _date_words(gold.claim_text)


@pytest.mark.parametrize("seed", range(5))
def test_number_corruption_changes_by_more_than_ten_percent(corruptor: Corruptor, seed: int) -> None:
    gold = _corrupt(corruptor, "number", seed).gold
    old, new = (float(v.replace(",", "")) for v in gold.detail.split(" -> "))
    assert abs(new - old) > 0.1 * old
    assert f"{new:g}" in gold.claim_text


@pytest.mark.parametrize("seed", range(5))
def test_antonym_corruption_uses_the_table(corruptor: Corruptor, seed: int) -> None:
    gold = _corrupt(corruptor, "antonym", seed).gold
    old, new = gold.detail.split(" -> ")
    # never "cursed": the table lists it, but no reporter would write it
    assert (old, new) in {("approved", "rejected"), ("approved", "disapproved"), ("support", "oppose")}
    assert new in gold.claim_text


def test_antonym_corruption_with_crosscheck_table() -> None:
    from crosscheck.verification.lexicon import antonyms

    gold = Corruptor(pool=POOL).corrupt(STORY, "antonym", random.Random(0))
    assert gold is not None
    old, new = gold.gold.detail.split(" -> ")
    assert any(inflect(a, "VBD") == new for a in antonyms("approve"))


@pytest.mark.parametrize("seed", range(5))
def test_negation_adds_or_removes_not(corruptor: Corruptor, seed: int) -> None:
    gold = _corrupt(corruptor, "negation", seed).gold

    def negations(text: str) -> int:
        return len(re.findall(r"\bnot\b|n't\b|\bnever\b", text))

    assert abs(negations(gold.claim_text) - negations(gold.original_text)) == 1


@pytest.mark.parametrize("kind", ["entity", "attribution"])
def test_name_swap_is_not_an_alias(corruptor: Corruptor, kind: str) -> None:
    gold = _corrupt(corruptor, kind).gold
    old, new = gold.detail.split(" -> ")
    assert not set(old.lower().split()) & set(new.lower().split())
    assert new.lower() not in (A + B).lower()  # Springfield is in the pool but already in the story
    assert old in gold.evidence_text or old.split()[-1] in gold.evidence_text


def test_attribution_swaps_the_subject(corruptor: Corruptor) -> None:
    gold = _corrupt(corruptor, "attribution").gold
    old, _ = gold.detail.split(" -> ")
    assert old in {"Jane Smith", "Tom Baker"}


def test_corrupt_is_deterministic_for_a_seed(corruptor: Corruptor) -> None:
    fresh = Corruptor(pool=POOL, antonyms=lambda lemma: TABLE.get(lemma, ()))
    for kind in KINDS:
        first = corruptor.corrupt(STORY, kind, random.Random(7))
        again = fresh.corrupt(STORY, kind, random.Random(7))
        assert first == again


def test_corrupt_returns_none_without_a_corroborated_sentence(corruptor: Corruptor) -> None:
    unrelated = (STORY[0], {"id": "c", "title": "", "text": "Rain is expected all week.", "outlet": "C"})
    assert corruptor.corrupt(unrelated, "date", random.Random(0)) is None


def test_corrupt_rejects_an_unknown_kind(corruptor: Corruptor) -> None:
    with pytest.raises(ValueError, match="unknown corruption kind"):
        corruptor.corrupt(STORY, "tone", random.Random(0))


def test_number_value_reads_digits_and_words(corruptor: Corruptor) -> None:
    doc = corruptor.parse(["Some 1,200 people and nine dogs, 3.5 cats and one bird."])[0]
    values = [number_value(t) for t in doc]
    assert [v for v in values if v is not None] == [1200.0, 9.0, 3.5]


def test_noisy_copy_keeps_the_facts_and_adds_noise() -> None:
    copy = noisy_copy(STORY[0], random.Random(3))
    assert copy["id"] != STORY[0]["id"] and copy["title"] != STORY[0]["title"]
    assert any(line in copy["text"].split("\n\n") for line in BOILERPLATE)
    kept = [s for s in re.split(r"(?<=\.)\s+", A) if s in copy["text"]]
    assert len(kept) == len(re.split(r"(?<=\.)\s+", A)) - 1  # exactly one sentence dropped
    assert max(copy["text"].count(s) for s in kept) == 2  # and something pasted twice
    assert noisy_copy(STORY[0], random.Random(3)) == copy
