"""Read reports from files, folders or in-memory records into `Article`s.

Reading never raises for a bad input: each file, record or line that cannot be
read becomes a warning `"SOURCE: reason"` and the rest are still read. The
caller decides what that means (`check` exits 1 only when nothing was read).

>>> articles, warnings = read_paths(["reports/"], settings=Settings())  # doctest: +SKIP
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from crosscheck.errors import InputError
from crosscheck.model import Article
from crosscheck.reading._decode import load_text
from crosscheck.reading._files import expand
from crosscheck.reading._records import record_article, unique_ids
from crosscheck.reading.jsonl import parse_json, parse_jsonl
from crosscheck.reading.txt import parse_text
from crosscheck.settings import Settings

__all__ = ["read_paths", "read_records"]

logger = logging.getLogger(__name__)


def read_paths(paths: Sequence[str | Path], *, settings: Settings) -> tuple[list[Article], list[str]]:
    """Every article in `paths` (files, or folders read recursively), and the warnings.

    Articles from files are named after the file (`dw.txt` -> `dw`); ids are
    made unique across all paths with `-2`, `-3` suffixes.
    """
    articles: list[Article] = []
    warnings: list[str] = []
    for given in paths:
        for path, source, fmt in expand(given, warnings):
            found, problems = _read_file(path, source=source, fmt=fmt, settings=settings)
            articles += found
            warnings += problems
    logger.debug("read %d articles from %d paths (%d warnings)", len(articles), len(paths), len(warnings))
    return unique_ids(articles), warnings


def _read_file(path: Path, *, source: str, fmt: str, settings: Settings) -> tuple[list[Article], list[str]]:
    """The articles in one file of format `fmt` ("txt", "md", "json" or "jsonl")."""
    try:
        text, warnings = load_text(path, source, max_bytes=settings.max_input_bytes)
    except InputError as exc:
        return [], [str(exc)]
    if fmt == "json":
        found, problems = parse_json(text, source=source, stem=path.stem)
    elif fmt == "jsonl":
        found, problems = parse_jsonl(text, source=source, stem=path.stem)
    else:
        found, problems = [parse_text(text, id=path.stem, source=source, markdown=fmt == "md")], []
    return found, warnings + problems


def read_records(
    records: Iterable[dict[str, Any] | Article], *, source: str = "<records>"
) -> tuple[list[Article], list[str]]:
    """Articles from in-memory records (the JSON fields) or ready Articles, and the warnings.

    Record N (1-based) gets source `SOURCE:N` and, without its own `id`, the id `records-N`.

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
    return unique_ids(articles), warnings


def _read_record(record: Any, *, source: str, default_id: str) -> tuple[list[Article], list[str]]:
    if isinstance(record, Article):
        return [record if record.raw else replace(record, raw=record.text)], []
    try:
        article, warnings = record_article(record, source=source, default_id=default_id)
    except InputError as exc:
        return [], [str(exc)]
    return [article], warnings
