"""Story clustering on real articles: AllSides stories, ECB+ look-alike events, tgcontest pairs.

Fast tests use a hashing bag-of-words embedder (deterministic, no model) to check
the index's bookkeeping; `model` tests use the bundled multilingual e5.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import defaultdict
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import numpy as np
import pytest

from conftest import SHARED
from crosscheck.corpus.stories import (
    StoryIndex,
    StoryParams,
    entities_of,
    entity_score,
    parse_date,
    story_features,
)
from crosscheck.model import Article
from crosscheck.settings import Settings

DATA = SHARED / "data"


def jsonl(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def allsides_stories(n: int) -> list[list[Article]]:
    """The first `n` AllSides roundups with three outlets, as Articles (roundup date as published)."""
    stories: dict[int, list[Article]] = defaultdict(list)
    for i, row in enumerate(jsonl(DATA / "allsides_neus" / "allsides_articles_flat.jsonl")):
        stories[row["cluster_id"]].append(
            Article(id=f"as{i}", text=row["text"], title=row["title"], published=row["cluster_date"])
        )
    return [s for s in stories.values() if len(s) == 3][:n]


def ecb_topic(topic: int, per_event: int) -> dict[str, list[Article]]:
    """`per_event` documents of each of an ECB+ topic's two events (body only, detokenised a little)."""
    events: dict[str, list[Article]] = defaultdict(list)
    for row in jsonl(DATA / "ecbplus" / "ecbplus_docs.jsonl"):
        if row["topic"] != topic or len(events[row["cluster_id"]]) >= per_event:
            continue
        sentences = [s for s in row["sentences"] if not re.search(r"https? :|www \.|\d{4}$", s)]
        text = re.sub(r" ([,.;:!?'])", r"\1", " ".join(sentences))
        events[row["cluster_id"]].append(Article(id=row["doc_name"], text=text))
    return dict(events)


class HashingEmbedder:
    """Bag of lower-cased words hashed into 384 dimensions: a stand-in with real overlap behaviour."""

    def encode(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), 384), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in re.findall(r"\w+", text.lower()):
                out[row, int(hashlib.md5(word.encode()).hexdigest(), 16) % 384] += 1.0
        return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-9)


@pytest.fixture(scope="module")
def e5():
    from crosscheck.models.loading import load_multilingual_embedder

    return load_multilingual_embedder("e5", threads=2)


# -- features -------------------------------------------------------------------------------------


def test_entities_of_keeps_names_and_figures_not_sentence_openers():
    article = allsides_stories(1)[0][0]  # CNBC: "The Supreme Court in two cases Monday ruled ..."
    found = entities_of(article.title, article.text)
    assert {"supreme", "court", "monday"} <= found
    assert not {"the", "one", "in"} & found  # sentence openers and lower-case words


def test_entity_score_ignores_names_in_other_scripts():
    assert entity_score({"moscow", "putin", "2021"}, {"москва", "путин", "2021"}) is None
    assert entity_score({"reid", "promises", "malibu"}, {"lohan", "betty", "ford"}) == 0.0
    assert entity_score({"reid", "promises", "33"}, {"reid", "promises", "malibu", "33"}) == 1.0


def test_parse_date_reads_iso_and_rfc2822_and_rejects_junk():
    assert parse_date("2021-10-18T16:15:00-07:00") == datetime(2021, 10, 18, 23, 15, tzinfo=UTC)
    assert parse_date("Mon, 18 Oct 2021 23:15:00 GMT") == datetime(2021, 10, 18, 23, 15, tzinfo=UTC)
    assert parse_date("yesterday-ish") is None and parse_date(None) is None


# -- index bookkeeping (hashing embedder) ---------------------------------------------------------


def test_time_window_closes_a_story_to_late_articles():
    article = allsides_stories(1)[0][0]
    (features,) = story_features([article], embedder=HashingEmbedder())
    day = parse_date(article.published)
    index = StoryIndex(StoryParams(window_days=3))
    first = index.assign(features)
    assert index.assign(replace(features, published=day + timedelta(days=2))) == first
    late = index.assign(replace(features, published=day + timedelta(days=6)))
    assert late != first  # the story's last article is 4 days older: closed
    assert index.assign(replace(features, published=None)) == first  # undated


def test_rebuilt_index_assigns_new_articles_exactly_like_the_original():
    articles = [a for story in allsides_stories(12) for a in story]
    features = story_features(articles, embedder=HashingEmbedder())
    params = StoryParams(threshold=0.35)
    original = StoryIndex(params)
    for f in features[:18]:
        original.assign(f)
    rows = json.loads(json.dumps(original.rows()))  # through JSON, as the store keeps them
    rebuilt = StoryIndex.from_rows(rows, params=params)
    assert rebuilt.rows() == original.rows()
    later = features[18:]
    assert [rebuilt.assign(f) for f in later] == [original.assign(f) for f in later]
    assert rebuilt.rows() == original.rows()
    assert len(original) < len(features)  # some articles did join stories


def test_join_counts_a_copy_without_moving_the_story():
    (features,) = story_features(allsides_stories(1)[0][:1], embedder=HashingEmbedder())
    index = StoryIndex()
    story = index.assign(features)
    before = index.rows()[0]
    index.join("copy-1", story)
    after = index.rows()[0]
    assert after["size"] == 2 and after["embedded"] == 1 and after["embedding_sum"] == before["embedding_sum"]
    with pytest.raises(KeyError, match="s999999"):
        index.join("copy-2", "s999999")


def test_story_ids_are_readable_and_follow_creation_order():
    features = story_features([s[0] for s in allsides_stories(3)], embedder=HashingEmbedder())
    index = StoryIndex(StoryParams(threshold=0.99))
    assert [index.assign(f) for f in features] == ["s000001", "s000002", "s000003"]
    rebuilt = StoryIndex.from_rows(index.rows())
    assert rebuilt.assign(replace(features[0], article_id="x")) == "s000001"


def test_settings_reach_the_index():
    index = StoryIndex(settings=Settings.load(story_threshold=0.5, story_window_days=1.0))
    assert index.params.threshold == 0.5 and index.params.window_days == 1.0


# -- real stories with the multilingual model ----------------------------------------------------


@pytest.mark.model
def test_embedder_returns_unit_float32_rows(e5):
    vectors = e5.encode(["Police arrest 23 pirates", "Полиция задержала 23 пирата"])
    assert vectors.shape == (2, 384) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-3)
    assert float(vectors[0] @ vectors[1]) > 0.85  # one sentence in two languages
    assert e5.encode([]).shape == (0, 384)


@pytest.mark.model
def test_allsides_outlets_of_one_roundup_land_in_one_story(e5):
    stories = allsides_stories(4)
    articles = [a for story in stories for a in story]
    order = articles[0::3] + articles[1::3] + articles[2::3]  # interleaved, as a feed would bring them
    index = StoryIndex(settings=Settings.load())
    assigned = {f.article_id: index.assign(f) for f in story_features(order, embedder=e5)}
    for story in stories:
        assert len({assigned[a.id] for a in story}) == 1, [a.title for a in story]
    assert len(set(assigned.values())) == len(stories)


@pytest.mark.model
def test_ecb_topic_keeps_its_two_look_alike_events_apart(e5):
    events = ecb_topic(1, per_event=3)  # Tara Reid's rehab stay vs. Lindsay Lohan's
    articles = [a for docs in zip(*events.values(), strict=True) for a in docs]
    index = StoryIndex(settings=Settings.load())
    assigned = {f.article_id: index.assign(f) for f in story_features(articles, embedder=e5)}
    stories_of = {event: {assigned[a.id] for a in docs} for event, docs in events.items()}
    first, second = stories_of.values()
    assert not first & second, stories_of


@pytest.mark.model
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_tgcontest_same_story_pairs_score_above_different_ones(e5, lang):
    rows = [
        r for r in jsonl(DATA / "tgcontest_same_story_pairs" / "tgcontest_pairs.jsonl") if r["lang"] == lang
    ]
    picked = [r for r in rows if r["label"] == "same_story"][:3] + [
        r for r in rows if r["label"] == "different_story"
    ][:3]
    articles = [
        Article(id=f"{i}-{n}", title=r[f"title_{n}"], text=r[f"text_{n}"], language=lang)
        for i, r in enumerate(picked)
        for n in (1, 2)
    ]
    features = story_features(articles, embedder=e5)
    index = StoryIndex(settings=Settings.load())
    sims = [index.similarity(a, b) for a, b in zip(features[0::2], features[1::2], strict=True)]
    assert min(sims[:3]) > max(sims[3:]), sims
