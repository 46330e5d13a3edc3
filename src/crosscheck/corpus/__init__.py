"""Corpus mode: many articles kept in one store, copies linked, grouped into stories.

>>> corpus = Corpus("crosscheck.db")                    # doctest: +SKIP
>>> corpus.ingest(["feeds/", "crawl.warc.gz"]).added    # doctest: +SKIP
>>> story = corpus.stories()[0]["id"]                    # doctest: +SKIP
>>> corpus.report(story).summary()                       # doctest: +SKIP
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from crosscheck.corpus.store import DEFAULT_DB, Store
from crosscheck.settings import Settings

if TYPE_CHECKING:
    from crosscheck.corpus.ingest import Ingestor, IngestResult
    from crosscheck.model import Report

__all__ = ["DEFAULT_DB", "Corpus", "STORIES_SCHEMA"]

STORIES_SCHEMA = "crosscheck.stories/1"
log = logging.getLogger(__name__)


class Corpus:
    """The Python face of `crosscheck ingest / stories / report` over one store."""

    def __init__(self, db: str | Path = DEFAULT_DB, *, settings: Settings | None = None) -> None:
        self.db = Path(db)
        self.settings = settings or Settings.load()
        self._ingestor: Ingestor | None = None

    def ingest(
        self, paths: Sequence[str | Path], *, progress: Callable[[int], None] | None = None
    ) -> IngestResult:
        """Add every new article in `paths`; what is stored already is skipped.

        The copy and story indexes (and the embedding model) stay in memory
        between ingests of one Corpus, as in a long-running service: rebuilding
        them from the store costs seconds at 100k articles. They are rebuilt when
        anyone else wrote to the store since."""
        from crosscheck.corpus.ingest import Ingestor, ingest_lock, read_articles

        warnings: list[str] = []
        with Store(self.db) as store, ingest_lock(self.db):
            if self._ingestor is None or not self._ingestor.resume(store):
                self._ingestor = Ingestor(store, settings=self.settings)
            result = self._ingestor.ingest(read_articles(paths, self.settings, warnings), progress=progress)
        result.warnings = warnings + result.warnings
        log.info("ingested %d of %d articles in %.1fs", result.added, result.read, result.seconds)
        return result

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
