"""Stories: incremental clustering of articles into the events they report.

A new article joins the closest open story or starts a new one; nothing is
ever re-clustered, so ingest cost per article stays flat as the corpus grows.

- **What is compared**: a multilingual embedding of the title and the first
  words of the lead (the lead says what happened; later paragraphs drift into
  background), plus cheap language-neutral "entities": capitalised words and
  figures of the whole text (names a lead leaves out still tell two events
  apart, and the regex is cheap). Embeddings put a Russian report beside its
  English rewrite; the entities keep apart two look-alike events (two rehab
  stays, two quakes) whose embeddings are close but whose names and figures
  differ.
- **Without comparing every pair**: each story keeps the sum of its members'
  embeddings in one numpy matrix; `sum @ e / n` is the article's mean cosine
  to the members (average link: a normalised centroid instead lets a loose
  story swallow its neighbours). An article is scored against the stories
  open in its time window only (a story whose
  dates lie more than `window_days` from the article's is closed to it), the
  `top_k` best are re-scored with the entities, and the best of those joins if
  it clears `threshold`.
- **Restartable**: `rows()` is the whole state, as JSON-ready dicts (vectors as
  base64 float32), and `from_rows()` rebuilds an index that assigns the next
  articles exactly as the original would have. Ties go to the older story, so
  a given arrival order always gives the same stories.
- **Copies** are not embedded: `join()` adds them to their original's story.
"""

from __future__ import annotations

import base64
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np

from crosscheck.model import Article

if TYPE_CHECKING:
    from crosscheck.settings import Settings

DIM = 384
LEAD_WORDS = 32  # title + 32 words: ~70 e5 tokens; longer leads cost more than they add (benchmarks)
MAX_STORY_ENTITIES = 64  # a story keeps its commonest names only, so its state stays small


class TextEmbedder(Protocol):
    def encode(self, texts: list[str]) -> np.ndarray: ...


@dataclass(frozen=True, slots=True)
class StoryFeatures:
    """What clustering needs of one article (its text is not kept)."""

    article_id: str
    title: str
    embedding: np.ndarray  # (384,) float32, unit length
    entities: frozenset[str]
    published: datetime | None
    language: str | None


@dataclass(frozen=True, slots=True)
class StoryParams:
    """How close an article must be to join a story (tuned in benchmarks/clustering.py)."""

    threshold: float = 0.86  # combined score (cosine + entity term) needed to join
    window_days: float = 3.0  # a story is closed to articles dated this far outside its dates
    top_k: int = 8  # centroids re-scored with entities
    entity_weight: float = 0.1  # how much the entity overlap moves the score, either way
    entity_pivot: float = 0.4  # overlap at which entities neither help nor hurt

    @classmethod
    def from_settings(cls, settings: Settings | None) -> StoryParams:
        if settings is None:
            return cls()
        return cls(
            threshold=settings.story_threshold,
            window_days=settings.story_window_days,
            entity_weight=settings.story_entity_weight,
        )


# -- features --------------------------------------------------------------------------------------


def story_text(title: str, text: str, *, lead_words: int = LEAD_WORDS) -> str:
    """What gets embedded: the title, then the first `lead_words` words of the text."""
    lead = " ".join(text.split()[:lead_words])
    return f"{title.strip()}\n{lead}".strip()


def story_features(
    articles: Sequence[Article], *, embedder: TextEmbedder, lead_words: int = LEAD_WORDS
) -> list[StoryFeatures]:
    """Features for a batch of articles, embedded in one call (the slow step)."""
    vectors = embedder.encode([story_text(a.title, a.text, lead_words=lead_words) for a in articles])
    return [
        StoryFeatures(
            article_id=a.id,
            title=a.title.strip() or " ".join(a.text.split()[:12]),
            embedding=np.asarray(vec, dtype=np.float32),
            entities=entities_of(a.title, a.text),
            published=parse_date(a.published),
            language=a.language,
        )
        for a, vec in zip(articles, vectors, strict=True)
    ]


_WORD = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+(?:['’-][^\W\d_]+)*")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\"“”«»\n]\s*)$")


def entities_of(title: str, text: str) -> frozenset[str]:
    """Capitalised words and figures of the whole text (the title if there is none), casefolded.

    The whole text, not the lead: names a lead leaves out still tell two events apart (pair
    similarity and undated clustering gain over the first 120 words; docs/benchmarks.md).

    Names without a tagger (spaCy is English-only here and far slower).

    Works for any cased script; a capitalised word is dropped when it also
    appears in lower case (a common word opening a sentence) or where it opens
    a sentence. Figures keep their digits only ("7,000" = "7000"), and 1-digit
    ones are dropped as too common.
    """
    body = " ".join(text.split()) or title  # title case marks every headline word: last resort
    found: set[str] = set()
    lower = {m.group().casefold() for m in _WORD.finditer(body) if not m.group()[0].isupper()}
    for m in _WORD.finditer(body):
        token = m.group()
        if token[0].isdigit():
            digits = re.sub(r"\D", "", token)
            if len(digits) >= 2:
                found.add(digits)
        elif token[0].isupper() and len(token) >= 2 and token.casefold() not in lower:
            if not _SENTENCE_START.search(body[max(0, m.start() - 3) : m.start()]):
                found.add(token.casefold())
    return frozenset(found)


def parse_date(value: str | None) -> datetime | None:
    """An ISO 8601 or RFC 2822 date (what readers and feeds give), as aware UTC; else None."""
    if not value or not value.strip():
        return None
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        try:
            parsed = parsedate_to_datetime(value.strip())
        except (TypeError, ValueError, IndexError):
            return None
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def _day(when: datetime | None) -> float:
    return when.timestamp() / 86400.0 if when else np.nan


def _script(entity: str) -> str:
    """LATIN, CYRILLIC, ... ; figures are comparable across every script."""
    if entity[0].isdigit():
        return "DIGIT"
    return unicodedata.name(entity[0], "OTHER").split()[0]


def entity_score(a: Iterable[str], b: Iterable[str]) -> float | None:
    """Share of the smaller side's entities the other has, over the scripts both use; None if unknown.

    Names in different scripts are not compared (Москва is not Moscow to a regex),
    figures are, next to names.
    """
    a, b = set(a), set(b)
    shared_scripts = {_script(e) for e in a} & {_script(e) for e in b}
    if not shared_scripts - {"DIGIT"}:
        return None  # no names to compare (different scripts, or figures only)
    shared_scripts.add("DIGIT")
    a = {e for e in a if _script(e) in shared_scripts}
    b = {e for e in b if _script(e) in shared_scripts}
    if len(a) < 2 or len(b) < 2:
        return None
    return len(a & b) / min(len(a), len(b))


# -- the index -------------------------------------------------------------------------------------


def _seconds(when: datetime | None) -> float:
    """Whole POSIX seconds (exact in float64, so the state round-trips through rows), NaN if unknown."""
    return float(int(when.timestamp())) if when else np.nan


def _iso(seconds: float) -> str | None:
    return None if np.isnan(seconds) else datetime.fromtimestamp(int(seconds), UTC).isoformat()


class StoryIndex:
    """Story centroids in one matrix; `assign` puts each new article in a story.

    >>> index = StoryIndex()
    >>> story = index.assign(features)          # doctest: +SKIP
    >>> StoryIndex.from_rows(index.rows())      # doctest: +SKIP
    """

    def __init__(self, params: StoryParams | None = None, *, settings: Settings | None = None) -> None:
        self.params = params or StoryParams.from_settings(settings)
        self._ids: list[str] = []
        self._row_of: dict[str, int] = {}
        self._titles: list[str] = []
        self._sizes: list[int] = []
        self._entities: list[Counter[str]] = []
        self._languages: list[set[str]] = []
        self._sums = np.zeros((64, DIM), dtype=np.float32)  # grows by doubling
        self._embedded = np.zeros(64, dtype=np.float32)  # members in the sum (copies are not)
        self._first = np.full(64, np.nan)
        self._last = np.full(64, np.nan)
        self._next = 1

    def __len__(self) -> int:
        return len(self._ids)

    # -- public -----------------------------------------------------------------------------------

    def assign(self, features: StoryFeatures) -> str:
        """The story this article belongs to, new or existing; the story is updated."""
        best = self._best(features)
        row = best if best is not None else self._new_story(features.title)
        self._add(row, features)
        return self._ids[row]

    def join(self, article_id: str, story_id: str) -> None:
        """A copy joins its original's story: it counts as a member, it does not move the centroid."""
        if story_id not in self._row_of:
            raise KeyError(f"cannot add {article_id!r} to unknown story {story_id!r}")
        self._sizes[self._row_of[story_id]] += 1

    def similarity(self, a: StoryFeatures, b: StoryFeatures) -> float:
        """How much two articles look like one story: cosine of their embeddings plus the entity term."""
        return float(a.embedding @ b.embedding) + self._entity_term(a.entities, b.entities)

    def rows(self, ids: Iterable[str] | None = None) -> list[dict[str, Any]]:
        """The state of every story (or of `ids`), JSON-ready, in creation order."""
        wanted = range(len(self._ids)) if ids is None else sorted(self._row_of[i] for i in ids)
        return [self._row(r) for r in wanted]

    @classmethod
    def from_rows(
        cls,
        rows: Iterable[dict[str, Any]],
        *,
        settings: Settings | None = None,
        params: StoryParams | None = None,
    ) -> StoryIndex:
        """The index `rows()` was taken from (rows in creation order), e.g. from the store on open."""
        index = cls(params, settings=settings)
        for row in rows:
            index._load_row(row)
        return index

    # -- scoring ----------------------------------------------------------------------------------

    def _best(self, features: StoryFeatures) -> int | None:
        """The best story above threshold among the top-k centroids open in the time window."""
        candidates = self._open_rows(_seconds(features.published))
        if candidates.size == 0:
            return None
        n = len(self._ids)  # all rows in one product: cheaper than copying out the open ones first
        sums = (self._sums[:n] @ features.embedding)[candidates]
        cosines = sums / np.maximum(self._embedded[candidates], 1)
        k = min(self.params.top_k, candidates.size)
        top = np.argpartition(-cosines, k - 1)[:k]
        scored = [
            (float(cosines[i]) + self._entity_term(features.entities, self._entities[candidates[i]]), -i)
            for i in top
        ]
        score, neg_i = max(scored)  # on a tie the older story (lower row) wins
        return int(candidates[-neg_i]) if score >= self.params.threshold else None

    def _open_rows(self, seconds: float) -> np.ndarray:
        n = len(self._ids)
        if np.isnan(seconds):
            return np.arange(n)
        window = self.params.window_days * 86400.0
        first, last = self._first[:n], self._last[:n]
        with np.errstate(invalid="ignore"):
            inside = (seconds >= first - window) & (seconds <= last + window)
        return np.flatnonzero(inside | np.isnan(first))

    def _entity_term(self, a: Iterable[str], b: Iterable[str]) -> float:
        overlap = entity_score(a, b)
        if overlap is None:
            return 0.0
        return self.params.entity_weight * (overlap - self.params.entity_pivot)

    # -- state ------------------------------------------------------------------------------------

    def _new_story(self, title: str) -> int:
        row = len(self._ids)
        if row == len(self._sums):
            self._grow()
        story_id = f"s{self._next:06d}"
        self._next += 1
        self._ids.append(story_id)
        self._row_of[story_id] = row
        self._titles.append(title)
        self._sizes.append(0)
        self._entities.append(Counter())
        self._languages.append(set())
        return row

    def _add(self, row: int, features: StoryFeatures) -> None:
        self._sums[row] += features.embedding
        self._embedded[row] += 1
        self._sizes[row] += 1
        seconds = _seconds(features.published)
        if not np.isnan(seconds):
            self._first[row] = np.fmin(self._first[row], seconds)
            self._last[row] = np.fmax(self._last[row], seconds)
        self._entities[row] = _capped(self._entities[row] + Counter(features.entities))
        if features.language:
            self._languages[row].add(features.language)

    def _grow(self) -> None:
        more = len(self._sums)
        self._sums = np.concatenate([self._sums, np.zeros((more, DIM), dtype=np.float32)])
        self._embedded = np.concatenate([self._embedded, np.zeros(more, dtype=np.float32)])
        self._first = np.concatenate([self._first, np.full(more, np.nan)])
        self._last = np.concatenate([self._last, np.full(more, np.nan)])

    def _row(self, r: int) -> dict[str, Any]:
        return {
            "id": self._ids[r],
            "title": self._titles[r],
            "size": self._sizes[r],
            "embedded": int(self._embedded[r]),
            "embedding_sum": base64.b64encode(self._sums[r].tobytes()).decode("ascii"),
            "entities": dict(sorted(self._entities[r].items())),  # sorted: set order varies by process
            "first": _iso(self._first[r]),
            "last": _iso(self._last[r]),
            "languages": sorted(self._languages[r]),
        }

    def _load_row(self, row: dict[str, Any]) -> None:
        r = self._new_story(row.get("title") or "")
        if self._ids[r] != row["id"]:  # keep the stored ids; new ones continue after the highest
            del self._row_of[self._ids[r]]
            self._ids[r] = row["id"]
            self._row_of[row["id"]] = r
        digits = re.sub(r"\D", "", row["id"])
        self._next = max(self._next, int(digits) + 1 if digits else 1)
        self._sums[r] = np.frombuffer(base64.b64decode(row["embedding_sum"]), dtype=np.float32)
        self._embedded[r] = int(row.get("embedded", row["size"]))
        self._sizes[r] = int(row["size"])
        self._entities[r] = Counter({k: int(v) for k, v in (row.get("entities") or {}).items()})
        self._languages[r] = set(row.get("languages") or ())
        for column, key in ((self._first, "first"), (self._last, "last")):
            column[r] = _seconds(parse_date(row.get(key)))


def _capped(entities: Counter[str]) -> Counter[str]:
    """The story's commonest entities, ties broken by name so the cut is deterministic."""
    if len(entities) <= MAX_STORY_ENTITIES:
        return entities
    kept = sorted(entities.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_STORY_ENTITIES]
    return Counter(dict(kept))
