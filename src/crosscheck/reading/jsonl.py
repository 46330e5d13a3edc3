"""JSON (one object or a list of objects) and JSONL (one object a line) records.

JSONL is how crawlers and exports hand over many articles, so a bad line costs
that line only: it becomes a warning naming the file and line number.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from crosscheck.errors import InputError
from crosscheck.model import Article
from crosscheck.reading._records import record_article

MAX_LINE_WARNINGS = 20  # a file of a million bad lines should not bury every other warning


def parse_json(text: str, *, source: str, stem: str) -> tuple[list[Article], list[str]]:
    """Articles from a JSON document: one record, or a list of records.

    A `.json` file that is really JSON Lines (several objects) is read as JSONL.
    """
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data":
            return parse_jsonl(text, source=source, stem=stem)
        return [], [f"{source}: not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})"]
    if isinstance(document, list):
        return _parse_many(document, source=source, stem=stem)
    return _parse_one(document, source=source, default_id=stem)


def _parse_many(records: list[Any], *, source: str, stem: str) -> tuple[list[Article], list[str]]:
    articles: list[Article] = []
    warnings: list[str] = []
    for number, record in enumerate(records, start=1):
        found, problems = _parse_one(record, source=source, default_id=f"{stem}-{number}")
        articles += found
        warnings += [p.replace(f"{source}: ", f"{source}: item {number}: ", 1) for p in problems]
    if not records:
        warnings.append(f"{source}: the JSON list is empty; no records to check")
    return articles, warnings


def _parse_one(record: Any, *, source: str, default_id: str) -> tuple[list[Article], list[str]]:
    try:
        article, warnings = record_article(record, source=source, default_id=default_id)
    except InputError as exc:
        return [], [str(exc)]
    return [article], warnings


def parse_jsonl(text: str, *, source: str, stem: str) -> tuple[list[Article], list[str]]:
    """Articles from JSON Lines; each record's source is `path:N` (its 1-based line)."""
    articles: list[Article] = []
    warnings: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        found, problems = _parse_line(line, source=f"{source}:{number}", default_id=f"{stem}-{number}")
        articles += found
        warnings += problems
    return articles, _cap(warnings, source)


def iter_jsonl(
    path: Path, *, source: str, stem: str, max_line_bytes: int, chunk: int = 1000
) -> Iterator[tuple[list[Article], list[str]]]:
    """JSON Lines streamed `chunk` lines at a time: a crawl dump of any size, the limit per record.

    Lines that are too long or not UTF-8 are skipped with a warning naming the line.
    """
    articles: list[Article] = []
    warnings: list[str] = []
    filled = False
    try:
        with path.open("rb") as handle:
            for number, raw in enumerate(handle, start=1):
                where = f"{source}:{number}"
                filled = filled or bool(raw.strip())
                if len(raw) > max_line_bytes:
                    warnings.append(f"{where}: record of {len(raw):,} bytes is over the limit; line skipped")
                elif raw.strip():
                    try:
                        line = raw.decode("utf-8-sig")
                    except UnicodeDecodeError:
                        warnings.append(f"{where}: not valid UTF-8; line skipped")
                    else:
                        found, problems = _parse_line(line, source=where, default_id=f"{stem}-{number}")
                        articles += found
                        warnings += problems
                if number % chunk == 0:
                    yield articles, _cap(warnings, source)
                    articles, warnings = [], []
    except OSError as exc:
        warnings.append(f"{source}: cannot read it ({exc.strerror or exc})")
    else:
        if not filled:
            warnings.append(f"{source}: empty file (nothing but whitespace); nothing to check")
    yield articles, _cap(warnings, source)


def _parse_line(line: str, *, source: str, default_id: str) -> tuple[list[Article], list[str]]:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return [], [f"{source}: not valid JSON ({exc.msg}, column {exc.colno}); line skipped"]
    return _parse_one(record, source=source, default_id=default_id)


def _cap(warnings: list[str], source: str) -> list[str]:
    if len(warnings) <= MAX_LINE_WARNINGS:
        return warnings
    hidden = len(warnings) - MAX_LINE_WARNINGS
    return [*warnings[:MAX_LINE_WARNINGS], f"{source}: … and {hidden} more warnings like these"]
