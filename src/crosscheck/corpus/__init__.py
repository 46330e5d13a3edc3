"""Corpus mode: many articles kept in one store, copies linked, grouped into stories.

>>> corpus = Corpus("crosscheck.db")                    # doctest: +SKIP
>>> corpus.ingest(["feeds/", "crawl.warc.gz"]).added    # doctest: +SKIP
>>> story = corpus.stories()[0]["id"]                    # doctest: +SKIP
>>> corpus.report(story).summary()                       # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from crosscheck.corpus.store import DEFAULT_DB, Store
from crosscheck.settings import Settings

if TYPE_CHECKING:
    from crosscheck.corpus.ingest import IngestResult
    from crosscheck.model import Report

__all__ = ["DEFAULT_DB", "Corpus", "STORIES_SCHEMA"]

STORIES_SCHEMA = "crosscheck.stories/1"


class Corpus:
    """The Python face of `crosscheck ingest / stories / report` over one store."""

    def __init__(self, db: str | Path = DEFAULT_DB, *, settings: Settings | None = None) -> None:
        self.db = Path(db)
        self.settings = settings or Settings.load()

    def ingest(
        self, paths: Sequence[str | Path], *, progress: Callable[[int], None] | None = None
    ) -> IngestResult:
        """Add every new article in `paths`; what is stored already is skipped."""
        from crosscheck.corpus.ingest import ingest

        return ingest(paths, db=self.db, settings=self.settings, progress=progress)

    def stories(self) -> list[dict[str, Any]]:
        """Every story with its articles (id, source, copy_of), biggest first."""
        with Store(self.db, create=False) as store:
            return store.stories()

    def stories_document(self) -> dict[str, Any]:
        """The contract's `stories --format json` document."""
        stories = [
            {
                "id": s["id"],
                "title": s["title"],
                "articles": [{k: a[k] for k in ("id", "source", "copy_of")} for a in s["articles"]],
            }
            for s in self.stories()
        ]
        return {"schema": STORIES_SCHEMA, "stories": stories}

    def report(self, story_id: str) -> Report:
        """The same report `check` gives for the story's articles (copies keep their `copy_of`)."""
        from crosscheck.pipeline import check

        with Store(self.db, create=False) as store:
            articles = [s.article for s in store.story_articles(story_id)]
        return check(articles, settings=self.settings)
