"""Ingest: articles in, stored with their copy links and stories, batch by batch.

Per article: clean → skip what is stored (the same URL; without a URL, the same
text) → MinHash → copy of an earlier article? A copy joins its original's story
and is never embedded (a copy is not a second witness, and embedding is the slow
step); everything else is embedded (title + lead, multilingual) and assigned to
a story or starts one.

Each batch is written in one transaction with the stories it changed, and the
in-memory indexes are rebuilt from the store when an ingest starts, so a killed
ingest resumed later ends with exactly the store one clean run would have made.
One ingest at a time per store (a lock file beside it); readers never wait.

The per-article work that needs no index (language, cleaning, content hash,
MinHash signature, 5-gram shingles: `prepare`) runs one batch ahead in a worker
process from the second batch on (`Settings.ingest_workers`), so a second core
cleans while the first looks up copies, embeds and writes. `prepare` is a pure
function: the store is the same with or without the worker.
"""

from __future__ import annotations

import fcntl
import logging
import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

import numpy as np

from crosscheck.cleaning import clean
from crosscheck.corpus.copies import CopyIndex
from crosscheck.corpus.dedup import shingles
from crosscheck.corpus.store import NewArticle, Store, content_hash, normalise_url
from crosscheck.corpus.stories import StoryIndex, story_features
from crosscheck.errors import StoreError
from crosscheck.model import Article
from crosscheck.models.loading import load_multilingual_embedder
from crosscheck.reading import iter_paths
from crosscheck.reading.language import with_languages
from crosscheck.settings import Settings

log = logging.getLogger(__name__)


@dataclass(slots=True)
class IngestResult:
    """What one ingest did; `warnings` name each input that was skipped and why."""

    read: int = 0
    added: int = 0
    copies: int = 0
    already_stored: int = 0
    new_stories: int = 0
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)

    @property
    def per_second(self) -> float:
        return self.read / self.seconds if self.seconds else 0.0


@dataclass(frozen=True, slots=True)
class Prepared:
    """An article as cleaning left it, with what copy detection needs of it."""

    article: Article
    content_hash: str
    signature: np.ndarray  # MinHash, to find candidates (CopyIndex.signature)
    shingles: np.ndarray  # word 5-grams, to verify them (dedup.shingles)


def prepare(batch: Sequence[Article], *, threshold: float) -> list[Prepared]:
    """Detect languages, clean, hash and sign a batch: the per-article stages that need no index."""
    signer = _signer(threshold)
    out = []
    for article in with_languages(batch):
        cleaned = clean(article)
        signature = signer.signature(cleaned.text)
        out.append(Prepared(cleaned, content_hash(cleaned.text), signature, shingles(cleaned.text)))
    return out


@lru_cache(maxsize=2)
def _signer(threshold: float) -> CopyIndex:
    return CopyIndex(threshold=threshold)  # only its MinHash permutations are used: one per process


class Ingestor:
    """Holds the copy and story indexes of one store while articles stream in."""

    def __init__(self, store: Store, *, settings: Settings) -> None:
        self.store = store
        self.settings = settings
        self.copies = CopyIndex.from_signatures(store.signatures(), threshold=settings.copy_threshold)
        self.stories = StoryIndex.from_rows(store.story_states(), settings=settings)
        self.taken_ids = store.ids()
        self._embedder = None

    def ingest(
        self, articles: Iterable[Article], *, progress: Callable[[int], None] | None = None
    ) -> IngestResult:
        result = IngestResult()
        started = time.perf_counter()
        batches = _batched(articles, self.settings.ingest_batch_size)
        for batch in _prepared(batches, self.settings):
            self._ingest_batch(batch, result)
            if progress:
                progress(len(batch))
        result.seconds = time.perf_counter() - started
        return result

    def _ingest_batch(self, batch: Sequence[Prepared], result: IngestResult) -> None:
        result.read += len(batch)
        fresh, prepared = self._fresh(batch, result)
        texts = {a.id: a.text for a in fresh}
        stories_of: dict[str, str] = {}
        originals: dict[str, str] = {}
        for article in fresh:  # in arrival order: an original always precedes its copies
            signature = prepared[article.id].signature
            original = self.copies.find_original(
                article.text,
                signature,
                text_of=lambda i: texts.get(i) or self.store.text_of(i),
                own=prepared[article.id].shingles,
            )
            self.copies.add(article.id, signature)
            if original:  # the match may itself be a copy: link to the first witness
                originals[article.id] = originals.get(original) or self.store.copy_of(original) or original
        witnesses = [a for a in fresh if a.id not in originals]
        features = {f.article_id: f for f in story_features(witnesses, embedder=self.embedder)}
        changed: set[str] = set()
        before = len(self.stories)
        for article in fresh:
            if article.id in originals:
                original = originals[article.id]
                story = stories_of.get(original) or self.store.story_of(original)
                if story is None:  # cannot happen while the store is consistent; be loud if it does
                    raise StoreError(f"{self.store.path}: {original!r} has no story; the store is damaged")
                self.stories.join(article.id, story)
            else:
                story = self.stories.assign(features[article.id])
            stories_of[article.id] = story
            changed.add(story)
        rows = [
            NewArticle(
                article=replace(a, copy_of=originals.get(a.id)),
                content_hash=prepared[a.id].content_hash,
                story_id=stories_of[a.id],
                signature=prepared[a.id].signature.tobytes(),
                embedding=None
                if a.id in originals
                else features[a.id].embedding.astype(np.float32).tobytes(),
            )
            for a in fresh
        ]
        self.store.add(rows, self.stories.rows(changed))
        result.added += len(fresh)
        result.copies += len(originals)
        result.new_stories += len(self.stories) - before

    def _fresh(
        self, batch: Sequence[Prepared], result: IngestResult
    ) -> tuple[list[Article], dict[str, Prepared]]:
        """The batch less what is stored already (same URL, or same text without one), ids unique;
        and what `prepare` made of each fresh article, by its (new) id."""
        known_hashes, known_urls = self.store.known(
            (p.content_hash for p in batch), (p.article.url for p in batch)
        )
        fresh: list[Article] = []
        prepared: dict[str, Prepared] = {}
        for item in batch:
            article, digest = item.article, item.content_hash
            url = normalise_url(article.url)
            if not article.text.strip():
                result.warnings.append(f"{article.source}: nothing left after cleaning; skipped")
                continue
            # An article is its URL; without one, its content (a text file ingested twice).
            # The same text at another URL is a new record: a syndicated copy, linked below.
            if (url in known_urls) if url else (digest in known_hashes):
                result.already_stored += 1
                continue
            known_hashes.add(digest)
            known_urls.add(url)
            fresh.append(replace(article, id=self._unique_id(article.id)))
            prepared[fresh[-1].id] = item
        return fresh, prepared

    def _unique_id(self, wanted: str) -> str:
        new_id, suffix = wanted or "article", 2
        while new_id in self.taken_ids:
            new_id = f"{wanted}-{suffix}"
            suffix += 1
        self.taken_ids.add(new_id)
        return new_id

    @property
    def embedder(self):  # noqa: ANN201 - whatever load_multilingual_embedder returns
        if self._embedder is None:
            self._embedder = load_multilingual_embedder(
                self.settings.story_embedding_model, threads=self.settings.threads
            )
        return self._embedder


def ingest(
    paths: Sequence[str | Path],
    *,
    db: str | Path,
    settings: Settings | None = None,
    progress: Callable[[int], None] | None = None,
) -> IngestResult:
    """Read `paths` and add every new article to the store at `db` (created if missing)."""
    settings = settings or Settings.load()
    warnings: list[str] = []
    with Store(db) as store, _ingest_lock(Path(db)):
        ingestor = Ingestor(store, settings=settings)
        result = ingestor.ingest(_articles(paths, settings, warnings), progress=progress)
    result.warnings = warnings + result.warnings
    log.info("ingested %d of %d articles in %.1fs", result.added, result.read, result.seconds)
    return result


def _articles(paths: Sequence[str | Path], settings: Settings, warnings: list[str]) -> Iterator[Article]:
    for articles, problems in iter_paths(paths, settings=settings, languages=False):  # see `prepare`
        warnings.extend(problems)
        yield from articles


class _ingest_lock:  # noqa: N801 - used like a function in `with`
    """One ingest per store at a time: the indexes in memory must match the file."""

    def __init__(self, db: Path) -> None:
        self.path = db.with_name(db.name + ".lock")

    def __enter__(self) -> None:
        self.handle = self.path.open("a")
        try:
            fcntl.flock(self.handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            self.handle.close()
            raise StoreError(
                f"{self.path.parent / self.path.stem}: another ingest is running; wait for it"
            ) from exc

    def __exit__(self, *exc: object) -> None:
        fcntl.flock(self.handle, fcntl.LOCK_UN)
        self.handle.close()


def _prepared(batches: Iterator[list[Article]], settings: Settings) -> Iterator[list[Prepared]]:
    """`prepare` of each batch, in order. The first batch is prepared here; from the second on,
    a worker process prepares the next batch while this one is ingested (a one-batch ingest
    never starts a process)."""
    first = next(batches, None)
    if first is None:
        return
    yield prepare(first, threshold=settings.copy_threshold)
    if settings.ingest_workers < 1:
        yield from (prepare(b, threshold=settings.copy_threshold) for b in batches)
        return
    # spawn, not fork: a forked child would share the parent's SQLite handle and model threads
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(
        settings.ingest_workers, mp_context=context, initializer=_exit_with_parent, initargs=(os.getpid(),)
    ) as pool:
        pending: deque[Future[list[Prepared]]] = deque()
        for batch in batches:
            pending.append(pool.submit(prepare, batch, threshold=settings.copy_threshold))
            if len(pending) > settings.ingest_workers:  # a batch ahead per worker, no more in memory
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


def _exit_with_parent(parent: int) -> None:
    """In a worker: exit when the ingest that started it is gone (killed, it cannot say so)."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def _batched(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    batch: list[Article] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch
