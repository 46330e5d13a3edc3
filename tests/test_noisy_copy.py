"""A report checked against a noisy copy of itself: no contradiction, and `copy_of` set.

The copy pastes a block twice, adds boilerplate, drops a sentence and swaps two
paragraphs — what syndication and scraping do to a wire story.
"""

from __future__ import annotations

import json
import random
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import crosscheck
from conftest import EXAMPLE, SHARED
from crosscheck.model import Article

BOILERPLATE = [
    "Advertisement",
    "Subscribe to our newsletter for daily updates",
    "Share this article on Facebook Twitter",
]


def _real_articles() -> list[Article]:
    with (SHARED / "data/allsides_neus/allsides_articles_flat.jsonl").open(encoding="utf-8") as lines:
        rows = [json.loads(line) for line in lines]
    rows = [r for r in rows if len(re.findall(r"[.!?](?:\s|$)", r["text"])) >= 5][::37][:20]
    example = sorted(EXAMPLE.glob("*.txt"))[0].read_text(encoding="utf-8").split("\n", 1)
    articles = [Article(id="example", title=example[0], text=example[1].strip())]
    return articles + [
        Article(id=f"allsides-{i}", title=r["title"], text=r["text"]) for i, r in enumerate(rows)
    ]


REAL = _real_articles()


def noisy_copy(article: Article, rng: random.Random) -> Article:
    paragraphs = [p for p in re.split(r"\n\s*\n|\n", article.text) if p.strip()]
    # Split after a lowercase word only, so "Rep. Liz Cheney" or "U.S. officials" stay whole:
    # dropping half a sentence would change what the copy says, not just trim it.
    sentences_of = [re.split(r"(?<=[a-z0-9)]{3}[.!?])\s+(?=[A-Z“\"])", p) for p in paragraphs]
    longest = max(range(len(paragraphs)), key=lambda i: len(sentences_of[i]))
    if len(sentences_of[longest]) > 1:
        del sentences_of[longest][rng.randrange(len(sentences_of[longest]))]
    paragraphs = [" ".join(s) for s in sentences_of]
    if len(paragraphs) > 2:
        i = rng.randrange(len(paragraphs) - 1)
        paragraphs[i], paragraphs[i + 1] = paragraphs[i + 1], paragraphs[i]
    paragraphs.insert(rng.randrange(len(paragraphs) + 1), rng.choice(BOILERPLATE))
    paragraphs.append(paragraphs[rng.randrange(len(paragraphs))])  # a block pasted twice
    return Article(
        id=f"{article.id}-copy", title="Syndicated: " + article.title, text="\n\n".join(paragraphs)
    )


@pytest.mark.slow
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    index=st.integers(min_value=0, max_value=len(REAL) - 1), seed=st.integers(min_value=0, max_value=10**6)
)
def test_noisy_copy_gives_no_contradiction_and_is_linked(index: int, seed: int) -> None:
    original = REAL[index]
    copy = noisy_copy(original, random.Random(seed))
    report = crosscheck.check([original, copy])
    contradicted = [(c.text, [x.detail for x in c.conflicts]) for c in report.claims if c.conflicts]
    assert contradicted == []
    links = {a.id: a.copy_of for a in report.articles}
    assert links[copy.id] == original.id or links[original.id] == copy.id
    assert all(c.independent_sources == 0 for c in report.claims)  # a copy is no second witness


def test_noisy_copy_of_example_story(settings) -> None:
    original = REAL[0]
    copy = noisy_copy(original, random.Random(7))
    report = crosscheck.check([original, copy], settings=settings)
    assert report.summary()["contradicted"] == 0
    assert {a.id: a.copy_of for a in report.articles}[copy.id] == original.id
