"""The corpus store: one SQLite file in WAL mode, with a versioned schema.

SQLite because a corpus of a few hundred thousand articles fits one file, needs
no server, and gives transactions: ingest writes each batch of articles, their
copy links and the stories they changed in ONE transaction, so a killed ingest
leaves whole batches or nothing, never half an article. WAL lets `stories` and
`report` read while an ingest writes.

The schema version lives in `PRAGMA user_version`; `MIGRATIONS[n]` takes a
store from version n to n + 1, so an old file is upgraded in place on open and
a file from a newer crosscheck is refused with a clear message.

Articles are stored as their `Article.to_row()` plus the columns that ingest
looks up (content hash, URL, story, copy link) and the two vectors that let a
new process rebuild its in-memory indexes (MinHash signature, embedding).
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from crosscheck.errors import StoreError
from crosscheck.model import Article

DEFAULT_DB = "crosscheck.db"
SCHEMA_VERSION = 1
APPLICATION_ID = 0x43524B31  # "CRK1": marks a file as a crosscheck store

MIGRATIONS: tuple[str, ...] = (
    # 0 -> 1: the first schema.
    """
    CREATE TABLE articles (
        seq          INTEGER PRIMARY KEY,            -- arrival order
        id           TEXT NOT NULL UNIQUE,
        content_hash TEXT NOT NULL,                  -- of the normalised cleaned text
        url          TEXT UNIQUE,                    -- normalised; NULL when unknown
        story_id     TEXT NOT NULL,
        copy_of      TEXT,
        language     TEXT,
        published    TEXT,
        row          TEXT NOT NULL,                  -- Article.to_row() as JSON
        signature    BLOB,                           -- MinHash of the cleaned text
        embedding    BLOB,                           -- float32 title+lead vector (NULL for copies)
        ingested_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
    );
    CREATE INDEX articles_story ON articles(story_id, seq);
    CREATE INDEX articles_hash ON articles(content_hash);
    CREATE TABLE stories (
        id    TEXT PRIMARY KEY,
        seq   INTEGER NOT NULL,                      -- creation order
        title TEXT NOT NULL,
        state TEXT NOT NULL                          -- the clustering state (StoryIndex row) as JSON
    );
    """,
)


@dataclass(frozen=True, slots=True)
class StoredArticle:
    """One article as the store holds it, with its corpus-level links."""

    article: Article
    story_id: str
    content_hash: str

    @property
    def id(self) -> str:
        return self.article.id


@dataclass(frozen=True, slots=True)
class NewArticle:
    """What ingest writes for one article."""

    article: Article  # cleaned, with copy_of set
    content_hash: str
    story_id: str
    signature: bytes | None = None
    embedding: bytes | None = None


class Lineage(NamedTuple):
    """Where a stored article belongs: what a copy of it inherits."""

    copy_of: str | None
    story_id: str | None
    language: str | None


def content_hash(text: str) -> str:
    """The identity of an article's content: case, spacing and punctuation do not count."""
    normal = " ".join(re.sub(r"[^\w]+", " ", text.casefold()).split())
    return hashlib.sha256(normal.encode()).hexdigest()


def normalise_url(url: str | None) -> str | None:
    """A URL without scheme, `www.`, fragment, tracking parameters or trailing slash."""
    if not url or not url.strip():
        return None
    from urllib.parse import parse_qsl, urlencode, urlsplit

    parts = urlsplit(url.strip())
    if not parts.netloc:
        return url.strip()
    host = parts.netloc.lower().removeprefix("www.")
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query) if not k.lower().startswith("utm_")])
    path = parts.path.rstrip("/")
    return f"{host}{path}" + (f"?{query}" if query else "")


class Store:
    """The corpus database. Use as a context manager; every write is one transaction."""

    def __init__(self, path: str | Path = DEFAULT_DB, *, create: bool = True) -> None:
        self.path = Path(path)
        if not create and not self.path.exists():
            raise StoreError(f"{self.path}: no corpus database here; run `crosscheck ingest PATH` first")
        if self.path.is_dir():
            raise StoreError(f"{self.path}: is a folder; give a database file with --db")
        try:
            self.db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            self.db.row_factory = sqlite3.Row
            self._open()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: not a crosscheck database ({exc}); choose another --db") from exc

    def _open(self) -> None:
        app_id = self.db.execute("PRAGMA application_id").fetchone()[0]
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        tables = self.db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if tables and app_id != APPLICATION_ID:
            raise StoreError(
                f"{self.path}: an SQLite file that is not a crosscheck store; choose another --db"
            )
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: written by a newer crosscheck (schema {version}, this one reads up to "
                f"{SCHEMA_VERSION}); upgrade crosscheck"
            )
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL: durable at each checkpoint, fast
        self.db.execute("PRAGMA foreign_keys=ON")
        # Each batch dirties a page of every index per article; checkpointing every 4 MB of WAL
        # (the default) copied them to the file nearly at every commit once the store was large.
        self.db.execute("PRAGMA wal_autocheckpoint=16384")  # pages: up to 64 MB of WAL
        for step in range(version, SCHEMA_VERSION):
            try:
                self.db.executescript(
                    f"BEGIN IMMEDIATE; {MIGRATIONS[step]}; PRAGMA application_id={APPLICATION_ID};"
                    f" PRAGMA user_version={step + 1}; COMMIT;"
                )
            except sqlite3.Error:
                if self.db.in_transaction:
                    self.db.execute("ROLLBACK")
                raise

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    class _Transaction:
        def __init__(self, db: sqlite3.Connection) -> None:
            self.db = db

        def __enter__(self) -> None:
            if not self.db.in_transaction:
                self.db.execute("BEGIN IMMEDIATE")

        def __exit__(self, kind: object, *rest: object) -> None:
            if not self.db.in_transaction:
                return
            self.db.execute("ROLLBACK" if kind else "COMMIT")

    def transaction(self) -> Store._Transaction:
        """All writes inside happen together or not at all."""
        return Store._Transaction(self.db)

    # -- writes ---------------------------------------------------------------------------------

    def add(self, articles: Sequence[NewArticle], stories: Iterable[dict[str, Any]]) -> None:
        """Write a batch of new articles and the stories they created or changed, atomically."""
        with self.transaction():
            self.db.executemany(
                "INSERT INTO articles (id, content_hash, url, story_id, copy_of, language, published, row,"
                " signature, embedding) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        n.article.id,
                        n.content_hash,
                        normalise_url(n.article.url),
                        n.story_id,
                        n.article.copy_of,
                        n.article.language,
                        n.article.published,
                        json.dumps(n.article.to_row(), ensure_ascii=False),
                        n.signature,
                        n.embedding,
                    )
                    for n in articles
                ],
            )
            self.db.executemany(
                "INSERT INTO stories (id, seq, title, state) VALUES (?, ?, ?, ?) ON CONFLICT(id) DO UPDATE"
                " SET title = excluded.title, state = excluded.state",
                [(s["id"], _story_seq(s["id"]), s.get("title") or "", json.dumps(s)) for s in stories],
            )

    # -- reads ----------------------------------------------------------------------------------

    def known(self, hashes: Iterable[str], urls: Iterable[str | None]) -> tuple[set[str], set[str]]:
        """Which of these content hashes and (normalised) URLs are already stored."""
        return (
            self._present("content_hash", list(hashes)),
            self._present("url", [u for u in (normalise_url(u) for u in urls) if u]),
        )

    def _present(self, column: str, values: list[str]) -> set[str]:
        found: set[str] = set()
        for start in range(0, len(values), 500):  # SQLite caps bound parameters per statement
            chunk = values[start : start + 500]
            marks = ",".join("?" * len(chunk))
            sql = f"SELECT {column} FROM articles WHERE {column} IN ({marks})"
            found.update(r[0] for r in self.db.execute(sql, chunk))
        return found

    def ids(self) -> set[str]:
        return {r[0] for r in self.db.execute("SELECT id FROM articles")}

    def count(self) -> int:
        return self.db.execute("SELECT count(*) FROM articles").fetchone()[0]

    def mark(self) -> tuple[int, int, int]:
        """What changes whenever anyone writes to the store (articles are only ever added)."""
        sql = "SELECT coalesce(max(seq), 0), count(*), (SELECT count(*) FROM stories) FROM articles"
        return tuple(self.db.execute(sql).fetchone())

    def text_of(self, article_id: str) -> str | None:
        row = self.db.execute(
            "SELECT json_extract(row, '$.text') FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        return row[0] if row else None

    def lineage(self, article_id: str) -> Lineage | None:
        sql = "SELECT copy_of, story_id, language FROM articles WHERE id = ?"
        row = self.db.execute(sql, (article_id,)).fetchone()
        return Lineage(*row) if row else None

    def signatures(self) -> Iterator[tuple[str, bytes]]:
        """(id, MinHash signature) in arrival order, to rebuild the copy index."""
        sql = "SELECT id, signature FROM articles WHERE signature IS NOT NULL ORDER BY seq"
        yield from ((r[0], r[1]) for r in self.db.execute(sql))

    def story_states(self) -> list[dict[str, Any]]:
        """Every story's clustering state in creation order, to rebuild the story index."""
        return [json.loads(r[0]) for r in self.db.execute("SELECT state FROM stories ORDER BY seq")]

    def stories(self) -> list[dict[str, Any]]:
        """Stories with their articles (id, source, copy_of), biggest first, the contract's shape."""
        members: dict[str, list[dict[str, Any]]] = {}
        sql = (
            "SELECT story_id, id, json_extract(row, '$.source'), copy_of, published, "
            "json_extract(row, '$.outlet'), language FROM articles ORDER BY seq"
        )
        for story, aid, source, copy_of, published, outlet, language in self.db.execute(sql):
            members.setdefault(story, []).append(
                {
                    "id": aid,
                    "source": source,
                    "copy_of": copy_of,
                    "published": published,
                    "outlet": outlet,
                    "language": language,
                }
            )
        rows = self.db.execute("SELECT id, title FROM stories ORDER BY seq").fetchall()
        stories = [{"id": sid, "title": title, "articles": members.get(sid, [])} for sid, title in rows]
        stories = [s for s in stories if s["articles"]]
        return sorted(stories, key=lambda s: -len(s["articles"]))

    def story_articles(self, story_id: str) -> list[StoredArticle]:
        rows = self.db.execute(
            "SELECT row, story_id, content_hash FROM articles WHERE story_id = ? ORDER BY seq", (story_id,)
        ).fetchall()
        if not rows and not self.db.execute("SELECT 1 FROM stories WHERE id = ?", (story_id,)).fetchone():
            raise StoreError(f"no story {story_id!r} in {self.path}; `crosscheck stories` lists them")
        return [StoredArticle(Article.from_row(json.loads(r[0])), r[1], r[2]) for r in rows]

    def fingerprint(self) -> list[tuple[Any, ...]]:
        """Everything a store's content means, in order: for tests that compare two stores."""
        articles = self.db.execute(
            "SELECT id, content_hash, url, story_id, copy_of, row FROM articles ORDER BY seq"
        ).fetchall()
        stories = self.db.execute("SELECT id, title, state FROM stories ORDER BY seq").fetchall()
        return [tuple(r) for r in articles] + [tuple(r) for r in stories]


def _story_seq(story_id: str) -> int:
    digits = re.sub(r"\D", "", story_id)
    return int(digits) if digits else 0
