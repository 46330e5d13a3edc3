"""A wrong name keeps two reports of one fact from aligning; judged with the names swapped back,
the pair is a contradiction, unless another report names both (then they speak of two people).

The story is a real AllSides roundup (three outlets' leads on the death of MP David Amess) with
one name replaced in one outlet's lead, as the corrupted-report benchmark does it.
"""

from __future__ import annotations

import dataclasses
import random

import pytest
from benchmarks.stories import load_dataset

import crosscheck
from conftest import SHARED
from crosscheck.settings import Settings

WRONG_NAME = "Laurie Hernandez"


@pytest.fixture(scope="module")
def story() -> list[dict]:
    stories = load_dataset("allsides", SHARED / "data", random.Random(0))
    articles = next(s.articles for s in stories if s.id == "allsides:5613")
    return [dict(a) for a in articles]


def corrupted(story: list[dict]) -> list[dict]:
    out = [dict(a) for a in story]
    target = next(a for a in out if "investigating the death of the Conservative MP" in a["text"])
    target["text"] = target["text"].replace("David Amess", WRONG_NAME, 1)
    return out


def wrong_claim(report: crosscheck.Report) -> crosscheck.ClaimResult:
    return next(c for c in report.claims if WRONG_NAME in c.text)


@pytest.mark.model
def test_the_wrong_name_is_contradicted_once_the_names_are_swapped_back(story, settings: Settings) -> None:
    claim = wrong_claim(crosscheck.check(corrupted(story), settings=settings))
    assert claim.verdict == "contradicted"
    assert any(c.kind == "entity" and "Amess" in c.detail for c in claim.conflicts)

    without_swap = dataclasses.replace(settings, swapped_score=1.01)
    assert wrong_claim(crosscheck.check(corrupted(story), settings=without_swap)).verdict != "contradicted"


@pytest.mark.model
def test_no_conflict_when_another_report_names_both(story, settings: Settings) -> None:
    articles = corrupted(story)
    other = next(a for a in articles if WRONG_NAME not in a["text"])
    other["text"] += f" {WRONG_NAME}, a local councillor, laid flowers outside the church."
    claim = wrong_claim(crosscheck.check(articles, settings=settings))
    assert not any(c.kind == "entity" and "Amess" in c.detail for c in claim.conflicts)


FOUNDED = (
    "In 1990, she founded Bayou La Batre Rural Health Clinic in the fishing village of Bayou La Batre, "
    "Alabama."
)
WRONG_FOUNDED = (
    "In 1990 she founded the Canadian Press, which cares for a largely uninsured working-class "
    "community that was hit by both Hurricanes Katrina and George."
)


@pytest.mark.model
def test_a_pair_the_wrong_name_pulls_below_the_candidate_score_is_still_judged(settings: Settings) -> None:
    """The wrong name leaves the two sentences too far apart to be candidates at all."""
    records = [{"id": "a", "text": FOUNDED}, {"id": "b", "text": WRONG_FOUNDED}]
    claim = next(c for c in crosscheck.check(records, settings=settings).claims if c.article == "b")
    assert claim.verdict == "contradicted"
    assert any(c.kind == "entity" and "Canadian Press" in c.detail for c in claim.conflicts)

    strict = dataclasses.replace(settings, swapped_candidate_score=settings.min_candidate_score)
    claim = next(c for c in crosscheck.check(records, settings=strict).claims if c.article == "b")
    assert claim.verdict != "contradicted"
