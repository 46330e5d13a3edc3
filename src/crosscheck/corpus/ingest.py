"""Ingest: articles in, stored with their copy links and stories, batch by batch.

Per article: clean → skip what is stored (the same URL; without a URL, the same
text) → MinHash → copy of an earlier article? A copy joins its original's story,
takes its language and is never embedded (a copy is not a second witness, and
embedding is the slow step); everything else gets its language detected, is
embedded (title + lead, multilingual) and assigned to a story or starts one.

Each batch is written in one transaction with the stories it changed, and the
in-memory indexes are rebuilt from the store when an ingest starts (unless the same
`Corpus` ran the last ingest and nobody wrote since: `Ingestor.resume`), so a
killed ingest resumed later ends with exactly the store one clean run would have made.
One ingest at a time per store (a lock file beside it); readers never wait.

The per-article work that needs no index (cleaning, content hash, MinHash
signature, 5-gram shingles: `prepare`) runs ahead in worker processes from the
second batch on (`Settings.ingest_workers`), at the lowest CPU priority: the
embedder's threads wait on each other, so a worker that preempts one of them
stalls them all, while a niced worker fills only the CPU time the embedder and
the single-threaded linking leave (first 20k of the scale benchmark's stream:
260–320 articles/s with two niced workers, 241–250 at normal priority). On a
machine kept busy by other jobs, niced workers get little CPU and ingest waits
on them: `ingest_workers = 0` prepares in the main process. `prepare` is a pure
function: the store is the same with or without workers.
"""

from __future__ import annotations

import fcntl
import logging
import multiprocessing
import os
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

import numpy as np

from crosscheck.cleaning import clean
from crosscheck.corpus.copies import CopyIndex
from crosscheck.corpus.dedup import shingles, word_hashes
from crosscheck.corpus.store import Lineage, NewArticle, Store, content_hash, normalise_url
from crosscheck.corpus.stories import StoryFeatures, StoryIndex, story_features
from crosscheck.errors import StoreError
from crosscheck.model import Article
from crosscheck.models.loading import load_multilingual_embedder
from crosscheck.reading import iter_paths
from crosscheck.reading.language import with_languages
from crosscheck.settings import Settings

log = logging.getLogger(__name__)
WORKER_NICENESS = 19  # the lowest priority: workers run on what the main process leaves

SHINGLES_KEPT = 16_384  # articles whose 5-gram shingles stay in memory (~5 KB each) to verify copies


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
    stage_seconds: dict[str, float] = field(default_factory=dict)  # waiting for prepare, link, embed, store

    @property
    def per_second(self) -> float:
        return self.read / self.seconds if self.seconds else 0.0

    @contextmanager
    def timing(self, stage: str) -> Iterator[None]:
        """Add the time spent in the `with` block to `stage_seconds[stage]`."""
        started = time.perf_counter()
        try:
            yield
        finally:
            self.stage_seconds[stage] = self.stage_seconds.get(stage, 0.0) + time.perf_counter() - started


@dataclass(frozen=True, slots=True)
class Prepared:
    """An article as cleaning left it, with what copy detection needs of it."""

    article: Article
    content_hash: str
    signature: np.ndarray  # MinHash, to find candidates (CopyIndex.signature)
    shingles: np.ndarray  # word 5-grams, to verify them (dedup.shingles)


def prepare(batch: Sequence[Article], *, threshold: float) -> list[Prepared]:
    """Clean, hash and sign a batch: the per-article stages that need no index."""
    signer = _signer(threshold)
    out = []
    for article in batch:
        cleaned = clean(article)
        hashes = word_hashes(cleaned.text)
        out.append(Prepared(cleaned, content_hash(cleaned.text), signer.signature(hashes), shingles(hashes)))
    return out


@dataclass(slots=True)
class _Linked:
    """A batch's new articles with their copies linked, ready to be embedded and stored."""

    articles: dict[str, Article] = field(default_factory=dict)  # by (unique) id, in arrival order
    prepared: dict[str, Prepared] = field(default_factory=dict)  # what `prepare` made of each, by id
    originals: dict[str, str] = field(default_factory=dict)  # copy id -> its first witness
    stored: dict[str, Lineage] = field(default_factory=dict)  # stored originals looked up while linking
    witnesses: list[Article] = field(default_factory=list)  # the articles that are no copy, with languages


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
        self._shingles: OrderedDict[str, np.ndarray] = OrderedDict()  # see _remember
        self._embedder = None
        self._mark: tuple[int, ...] | None = store.mark()  # the store as the indexes know it

    def resume(self, store: Store) -> bool:
        """Go on with `store` (the same file, opened again) if nobody wrote to it since this
        ingestor's last ingest; False when the indexes must be rebuilt."""
        if store.path.resolve() != self.store.path.resolve() or store.mark() != self._mark:
            return False
        self.store = store
        return True

    def ingest(
        self, articles: Iterable[Article], *, progress: Callable[[int], None] | None = None
    ) -> IngestResult:
        result = IngestResult()
        started = time.perf_counter()
        batches = _batched(articles, self.settings.ingest_batch_size)
        self._mark = None  # until this ingest ends well: a failed batch may be in the indexes, not stored
        prepared = _prepared(batches, self.settings)
        while True:
            with result.timing("prepare"):  # the first batch here, then waiting for the workers
                batch = next(prepared, None)
            if batch is None:
                break
            with result.timing("link"):
                linked = self._link(batch, result)
            with result.timing("embed"):
                features = self._embed(linked)
            with result.timing("store"):
                self._store(linked, features, result)
            if progress:
                progress(len(batch))
        self._mark = self.store.mark()
        result.seconds = time.perf_counter() - started
        return result

    def _link(self, batch: Sequence[Prepared], result: IngestResult) -> _Linked:
        """The batch's new articles, each copy linked to its first witness, witnesses' languages detected."""
        result.read += len(batch)
        linked = self._fresh(batch, result)

        def text_of(article_id: str) -> str | None:
            if article_id in linked.articles:
                return linked.articles[article_id].text
            return self.store.text_of(article_id)

        def shingles_of(article_id: str) -> np.ndarray | None:
            if article_id in linked.prepared:
                return linked.prepared[article_id].shingles
            return self._stored_shingles(article_id)

        def at_hand(article_id: str) -> bool:
            return article_id in linked.prepared or article_id in self._shingles

        def root(article_id: str) -> str:  # the match may itself be a copy: link to the first witness
            if article_id in linked.articles:
                return linked.originals.get(article_id, article_id)
            stored = linked.stored[article_id] = self.store.lineage(article_id) or Lineage(None, None, None)
            return stored.copy_of or article_id

        for article in linked.articles.values():  # in arrival order: an original always precedes its copies
            item = linked.prepared[article.id]
            original = self.copies.find_original(
                article.text,
                item.signature,
                text_of=text_of,
                shingles_of=shingles_of,
                own=item.shingles,
                at_hand=at_hand,
            )
            self.copies.add(article.id, item.signature)
            if original:
                linked.originals[article.id] = root(original)
        # Languages are detected once per witness; a copy is in its original's language.
        linked.witnesses = with_languages(a for a in linked.articles.values() if a.id not in linked.originals)
        return linked

    def _embed(self, linked: _Linked) -> dict[str, StoryFeatures]:
        """What story clustering needs of each witness (the slow step: one embedding each)."""
        lead = self.settings.story_lead_words
        found = story_features(linked.witnesses, embedder=self.embedder, lead_words=lead)
        return {f.article_id: f for f in found}

    def _store(self, linked: _Linked, features: dict[str, StoryFeatures], result: IngestResult) -> None:
        """Assign the witnesses stories, join each copy to its original's; write the batch."""
        witnesses = {a.id: a for a in linked.witnesses}
        stories_of: dict[str, str] = {}
        rows: list[NewArticle] = []
        before = len(self.stories)
        for article in linked.articles.values():
            embedding = None
            if article.id in witnesses:
                article = replace(witnesses[article.id], copy_of=None)
                stories_of[article.id] = self.stories.assign(features[article.id])
                embedding = features[article.id].embedding.astype(np.float32).tobytes()
                self._remember(article.id, linked.prepared[article.id].shingles)
            else:
                original = linked.originals[article.id]  # a witness: of this batch, or stored
                if original in witnesses:
                    story, language = stories_of[original], witnesses[original].language
                else:
                    origin = linked.stored.get(original) or self.store.lineage(original)
                    story, language = (origin.story_id, origin.language) if origin else (None, None)
                if story is None:  # cannot happen while the store is consistent; be loud if it does
                    raise StoreError(f"{self.store.path}: {original!r} has no story; the store is damaged")
                self.stories.join(article.id, story)
                stories_of[article.id] = story
                article = replace(article, copy_of=original, language=article.language or language)
            item = linked.prepared[article.id]
            rows.append(
                NewArticle(
                    article, item.content_hash, stories_of[article.id], item.signature.tobytes(), embedding
                )
            )
        self.store.add(rows, self.stories.rows(set(stories_of.values())))
        result.added += len(rows)
        result.copies += len(linked.originals)
        result.new_stories += len(self.stories) - before

    def _remember(self, article_id: str, shingles: np.ndarray) -> None:
        """Keep an article's shingles, so its copies are verified without reading its text again."""
        self._shingles[article_id] = shingles
        self._shingles.move_to_end(article_id)
        if len(self._shingles) > SHINGLES_KEPT:
            self._shingles.popitem(last=False)  # the one whose copies came longest ago

    def _stored_shingles(self, article_id: str) -> np.ndarray | None:
        """A stored article's shingles: kept in memory, else from its stored text (then kept)."""
        found = self._shingles.get(article_id)
        if found is None:
            text = self.store.text_of(article_id)
            if text is None:
                return None
            found = shingles(text)
        self._remember(article_id, found)
        return found

    def _fresh(self, batch: Sequence[Prepared], result: IngestResult) -> _Linked:
        """The batch less what is stored already (same URL, or same text without one), ids made unique."""
        known_hashes, known_urls = self.store.known(
            (p.content_hash for p in batch), (p.article.url for p in batch)
        )
        fresh = _Linked()
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
            article = replace(article, id=self._unique_id(article.id))
            fresh.articles[article.id] = article
            fresh.prepared[article.id] = item
        return fresh

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


def read_articles(paths: Sequence[str | Path], settings: Settings, warnings: list[str]) -> Iterator[Article]:
    """The articles in `paths`, without languages (see `Ingestor._link`); problems go to `warnings`."""
    for articles, problems in iter_paths(paths, settings=settings, languages=False):
        warnings.extend(problems)
        yield from articles


class ingest_lock:  # noqa: N801 - used like a function in `with`
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
    worker processes prepare the next batches while this one is ingested (a one-batch ingest
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
        settings.ingest_workers, mp_context=context, initializer=_start_worker, initargs=(os.getpid(),)
    ) as pool:
        pending: deque[Future[list[Prepared]]] = deque()
        for batch in batches:
            pending.append(pool.submit(prepare, batch, threshold=settings.copy_threshold))
            if len(pending) > settings.ingest_workers:  # a batch ahead per worker, no more in memory
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


def _start_worker(parent: int) -> None:
    """In a worker: yield the CPU to the ingest (see the module docstring), and exit when the
    ingest that started it is gone (killed, it cannot say so)."""
    os.nice(WORKER_NICENESS)

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
