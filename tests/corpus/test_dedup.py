"""Check mode's copy links and the containment test that corpus mode shares with it."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import numpy as np

from conftest import SHARED
from crosscheck.corpus.dedup import containment, copy_links, shingles
from crosscheck.model import Article

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # `benchmarks` lives beside `src`, not in the package
    sys.path.insert(0, str(ROOT))

from benchmarks._planting import paragraphs, plant  # noqa: E402

ALLSIDES = SHARED / "data" / "allsides_neus" / "allsides_articles_flat.jsonl"


def _story(cluster: int) -> list[Article]:
    rows = [json.loads(line) for line in ALLSIDES.read_text(encoding="utf-8").splitlines()]
    return [
        Article(id=f"as{i}", title=r["title"], text=r["text"], source=r["source"])
        for i, r in enumerate(rows)
        if r["cluster_id"] == cluster
    ]


def _links(articles: list[Article]) -> dict[str, str]:
    return copy_links(articles, [paragraphs(a.text) for a in articles], threshold=0.7)


def test_a_noisy_copy_is_linked_to_its_original_and_the_story_is_not() -> None:
    story = _story(5607)  # the Supreme Court's qualified-immunity rulings: CNBC, CNN, Fox
    assert len(story) == 3 and _links(story) == {}
    record = {"id": story[0].id, "title": story[0].title, "text": story[0].text}
    rng = random.Random(2)
    copies = [plant(record, kind, rng, f"copy-{kind}") for kind in ("trimmed", "boilerplate", "reordered")]
    articles = story + [Article(id=c["id"], title=c["title"], text=c["text"]) for c in copies]
    links = _links(articles)  # with no dates, the longest of a group is its original
    assert len(links) == 3 and len(set(links.values())) == 1
    assert set(links) | set(links.values()) == {story[0].id, *(c["id"] for c in copies)}


def test_the_earlier_article_is_the_original() -> None:
    text = _story(5607)[1].text
    late = Article(id="late", text=text, published="2021-10-19")
    early = Article(id="early", text=text + "\nAdvertisement", published="2021-10-18")
    assert _links([late, early]) == {"late": "early"}


def test_containment_is_of_the_shorter_text() -> None:
    text = _story(5607)[0].text
    cut = text[: len(text) // 2].rsplit(" ", 1)[0]
    assert containment(shingles(cut), shingles(text)) == 1.0
    assert containment(shingles(text), shingles(cut)) == 1.0
    assert 0.3 < len(shingles(cut)) / len(shingles(text)) < 0.6
    assert containment(shingles(""), shingles(text)) == 0.0
    assert len(shingles("Three short words")) == 1


def test_shingle_hashes_are_the_same_in_every_process() -> None:
    """Signatures are stored: a new process (another PYTHONHASHSEED) must hash words the same way."""
    text = _story(5607)[0].text
    code = "import sys; from crosscheck.corpus.dedup import shingles; print(shingles(sys.stdin.read()).sum())"
    other = subprocess.run(
        [sys.executable, "-c", code], input=text, capture_output=True, text=True, check=True
    ).stdout
    assert int(other) == int(shingles(text).sum(dtype=np.uint64))


def test_a_scrap_found_in_two_reports_does_not_join_them() -> None:
    """A few words left of a page (a stock phrase, a credit line cleaning did not know) are in
    many texts: as a copy of each, it would chain independent reports into one group."""
    cnbc, cnn, _ = _story(5607)
    phrase = "said in a brief statement on Monday."
    scrap = Article(id="scrap", text=phrase)
    articles = [cnbc.with_(text=cnbc.text + " " + phrase), cnn.with_(text=cnn.text + " " + phrase), scrap]
    assert _links(articles) == {}
    assert containment(shingles(phrase), shingles(articles[0].text)) == 0.0
