"""The corpus store: schema versions, atomic batches, clear refusals of files that are not ours."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from crosscheck.corpus.store import SCHEMA_VERSION, NewArticle, Store, content_hash, normalise_url
from crosscheck.errors import StoreError
from crosscheck.model import Article


def new(aid: str, text: str, *, story: str = "s000001", url: str | None = None) -> NewArticle:
    article = Article(id=aid, text=text, raw=text, source=f"{aid}.txt", title=f"Title {aid}", url=url)
    return NewArticle(article=article, content_hash=content_hash(text), story_id=story)


def story(sid: str, title: str) -> dict:
    return {"id": sid, "title": title, "size": 1}


def test_a_new_store_is_wal_and_versioned(tmp_path: Path) -> None:
    with Store(tmp_path / "c.db") as store:
        assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert store.count() == 0


def test_articles_and_stories_round_trip(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    with Store(db) as store:
        store.add(
            [new("a", "The ferry docked at noon."), new("b", "The ferry was late.")],
            [story("s000001", "Ferry")],
        )
    with Store(db, create=False) as store:
        [listed] = store.stories()
        assert listed["title"] == "Ferry"
        assert [a["id"] for a in listed["articles"]] == ["a", "b"]
        stored = store.story_articles("s000001")
        assert stored[0].article.text == "The ferry docked at noon."
        assert store.text_of("b") == "The ferry was late."
        assert store.lineage("a") == (None, "s000001", None)


def test_a_failed_batch_leaves_nothing_behind(tmp_path: Path) -> None:
    with Store(tmp_path / "c.db") as store:
        store.add([new("a", "First text.")], [story("s000001", "One")])
        with pytest.raises(sqlite3.IntegrityError):  # the second row repeats an id: the whole batch fails
            store.add([new("b", "Second text."), new("a", "Third text.")], [story("s000002", "Two")])
        assert store.count() == 1
        assert [s["id"] for s in store.stories()] == ["s000001"]
        assert store.known([content_hash("Second text.")], [])[0] == set()


def test_known_matches_content_up_to_case_and_spacing_and_urls_up_to_tracking(tmp_path: Path) -> None:
    with Store(tmp_path / "c.db") as store:
        store.add(
            [new("a", "The ferry  docked, at noon.", url="https://www.example.org/news/1/?utm_source=x")], []
        )
        hashes, urls = store.known([content_hash("the ferry docked at noon")], ["http://example.org/news/1"])
        assert hashes and urls


def test_normalise_url() -> None:
    assert normalise_url("https://www.Example.org/a/b/?utm_medium=rss&id=3#top") == "example.org/a/b?id=3"
    assert normalise_url("  ") is None


def test_files_that_are_not_a_store_are_refused_clearly(tmp_path: Path) -> None:
    text_file = tmp_path / "notes.db"
    text_file.write_text("not a database at all " * 100)
    with pytest.raises(StoreError, match="not a crosscheck database"):
        Store(text_file)
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.commit()
    with pytest.raises(StoreError, match="not a crosscheck store"):
        Store(other)
    with pytest.raises(StoreError, match="is a folder"):
        Store(tmp_path)
    with pytest.raises(StoreError, match="crosscheck ingest"):
        Store(tmp_path / "missing.db", create=False)


def test_a_store_from_a_newer_crosscheck_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    Store(db).close()
    with sqlite3.connect(db) as raw:
        raw.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    with pytest.raises(StoreError, match="newer crosscheck"):
        Store(db)


def test_unknown_story_is_a_clear_error(tmp_path: Path) -> None:
    with Store(tmp_path / "c.db") as store, pytest.raises(StoreError, match="crosscheck stories"):
        store.story_articles("s999")
