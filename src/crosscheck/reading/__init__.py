"""Read reports from files, folders, URLs or in-memory records into `Article`s.

One module per input format: `txt` (text and markdown), `jsonl` (JSON and JSON
Lines records), `html` (web pages, via trafilatura), `feeds` (RSS/Atom, via
feedparser), `warc` (web archives, via warcio) and `urls` (pages fetched by
address). `language` then fills in each article's language where the input did
not give one.

Reading never raises for a bad input: each file, record, entry or line that
cannot be read becomes a warning `"SOURCE: reason"` and the rest are still
read. The caller decides what that means (`check` exits 1 only when nothing
was read).

>>> articles, warnings = read_paths(["reports/"], settings=Settings())  # doctest: +SKIP
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from crosscheck.errors import InputError
from crosscheck.model import Article
from crosscheck.reading._decode import load_bytes, load_text
from crosscheck.reading._files import expand, stem_of
from crosscheck.reading._records import record_article, unique_ids
from crosscheck.reading.feeds import parse_feed
from crosscheck.reading.html import parse_html
from crosscheck.reading.jsonl import iter_jsonl, parse_json, parse_jsonl
from crosscheck.reading.language import with_languages
from crosscheck.reading.txt import parse_text
from crosscheck.reading.urls import as_url, read_url
from crosscheck.reading.warc import read_warc
from crosscheck.settings import Settings

__all__ = ["iter_paths", "read_paths", "read_records"]

logger = logging.getLogger(__name__)


def read_paths(paths: Sequence[str | Path], *, settings: Settings) -> tuple[list[Article], list[str]]:
    """Every article in `paths` (files, folders read recursively, or http(s) URLs), and the warnings.

    Articles from files are named after the file (`dw.txt` -> `dw`), those from
    pages, feeds and archives after their URL; ids are made unique across all
    paths with `-2`, `-3` suffixes. Articles without a language get one detected.
    """
    articles: list[Article] = []
    warnings: list[str] = []
    for found, problems in iter_paths(paths, settings=settings):
        articles += found
        warnings += problems
    logger.debug("read %d articles from %d paths (%d warnings)", len(articles), len(paths), len(warnings))
    return unique_ids(articles), warnings


def iter_paths(
    paths: Iterable[str | Path], *, settings: Settings, languages: bool = True
) -> Iterator[tuple[list[Article], list[str]]]:
    """(articles, warnings) for one file or URL at a time, so a big corpus streams through.

    The same articles and warnings as `read_paths`, in the same order, but ids
    are unique within each batch only: a caller that keeps them makes them unique.
    JSON Lines files are streamed, so the size limit applies to each line, not
    to the whole file (a crawl dump may hold millions of records). With
    `languages=False` the caller detects languages itself (ingest detects them
    once per article that is not a copy).
    """
    detect = with_languages if languages else list
    for given in paths:
        url = as_url(given)
        if url is not None:
            found, problems = read_url(url, max_bytes=settings.max_input_bytes)
            yield detect(found), problems
            continue
        pending: list[str] = []  # expand() reports skipped files as it walks
        for path, source, fmt in expand(given, pending):
            if fmt == "jsonl":
                for found, problems in iter_jsonl(
                    path, source=source, stem=stem_of(path), max_line_bytes=settings.max_input_bytes
                ):
                    yield unique_ids(detect(found)), _take(pending) + problems
                continue
            found, problems = _read_file(path, source=source, fmt=fmt, settings=settings)
            yield unique_ids(detect(found)), _take(pending) + problems
        if pending:
            yield [], pending


def _take(pending: list[str]) -> list[str]:
    taken = pending[:]
    pending.clear()
    return taken


def _read_file(path: Path, *, source: str, fmt: str, settings: Settings) -> tuple[list[Article], list[str]]:
    """The articles in one file of format `fmt` (a value of `_files.FORMATS`)."""
    stem, limit = stem_of(path), settings.max_input_bytes
    if fmt == "warc":
        return read_warc(path, source=source, stem=stem, max_bytes=limit)  # streamed; the limit is per page
    try:
        if fmt in ("html", "feed"):
            data = load_bytes(path, source, max_bytes=limit)  # decoded by the parser: pages declare charsets
            if fmt == "html":
                return parse_html(data, source=source, id=stem)
            return parse_feed(data, source=source, stem=stem)
        text, warnings = load_text(path, source, max_bytes=limit)
    except InputError as exc:
        return [], [str(exc)]
    if fmt == "json":
        found, problems = parse_json(text, source=source, stem=stem)
    elif fmt == "jsonl":
        found, problems = parse_jsonl(text, source=source, stem=stem)
    else:
        found, problems = [parse_text(text, id=stem, source=source, markdown=fmt == "md")], []
    return found, warnings + problems


def read_records(
    records: Iterable[dict[str, Any] | Article], *, source: str = "<records>"
) -> tuple[list[Article], list[str]]:
    """Articles from in-memory records (the JSON fields) or ready Articles, and the warnings.

    Record N (1-based) gets source `SOURCE:N` and, without its own `id`, the id `records-N`.
    A record's own `language` is kept; the others get one detected from the text.

    >>> read_records([{"id": "a1", "text": "Body."}])[0][0].id
    'a1'
    """
    stem = Path(source).stem.strip("<>") or "record"
    articles: list[Article] = []
    warnings: list[str] = []
    for number, record in enumerate(records, start=1):
        found, problems = _read_record(record, source=f"{source}:{number}", default_id=f"{stem}-{number}")
        articles += found
        warnings += problems
    return unique_ids(with_languages(articles)), warnings


def _read_record(record: Any, *, source: str, default_id: str) -> tuple[list[Article], list[str]]:
    if isinstance(record, Article):
        return [record if record.raw else replace(record, raw=record.text)], []
    try:
        article, warnings = record_article(record, source=source, default_id=default_id)
    except InputError as exc:
        return [], [str(exc)]
    return [article], warnings
