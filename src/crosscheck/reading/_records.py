"""Records (dicts from JSON, JSONL or callers) to Articles, and unique article ids.

A record problem is reported as a warning naming its source, never raised: one
bad record in a feed of thousands should cost that record only.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime
from typing import Any

from crosscheck.errors import InputError
from crosscheck.model import Article

logger = logging.getLogger(__name__)

OPTIONAL_FIELDS = ("title", "url", "outlet", "published", "language")


def record_article(record: Any, *, source: str, default_id: str) -> tuple[Article, list[str]]:
    """The Article a record describes, and warnings about the fields that were dropped.

    Raises `InputError` when the record is not an object or has no `text`.
    """
    if not isinstance(record, dict):
        raise InputError(source, f"expected a JSON object, got {type(record).__name__}; skipped")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(source, "record has no `text` (a non-empty string is required); skipped")
    warnings: list[str] = []
    fields = {name: _optional_str(record, name, source, warnings) for name in OPTIONAL_FIELDS}
    if fields["published"] is not None and not is_iso_date(fields["published"]):
        warnings.append(f"{source}: published {fields['published']!r} is not an ISO 8601 date; ignored")
        fields["published"] = None
    fields["title"] = fields["title"] or ""
    article = Article(id=_record_id(record, default_id), text=text, raw=text, source=source, **fields)
    return article, warnings


def _optional_str(record: dict[str, Any], name: str, source: str, warnings: list[str]) -> str | None:
    value = record.get(name)
    if value is None:
        return None
    if isinstance(value, str):
        return value.strip() or None
    warnings.append(f"{source}: `{name}` should be a string, got {type(value).__name__}; ignored")
    return None


def _record_id(record: dict[str, Any], default_id: str) -> str:
    value = record.get("id")
    if isinstance(value, bool) or not isinstance(value, str | int):
        return default_id
    return str(value).strip() or default_id


def is_iso_date(value: str) -> bool:
    """Whether `value` parses as ISO 8601 (a trailing `Z` meaning UTC is accepted)."""
    text = value.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    try:
        datetime.fromisoformat(text)
    except ValueError:
        return False
    return True


def unique_ids(articles: Iterable[Article]) -> list[Article]:
    """The articles with colliding ids suffixed `-2`, `-3`, … in input order.

    Claims and evidence refer to articles by id, so two articles may never share one.
    """
    seen: set[str] = set()
    result: list[Article] = []
    for article in articles:
        new_id = article.id or "article"
        suffix = 2
        while new_id in seen:
            new_id = f"{article.id or 'article'}-{suffix}"
            suffix += 1
        if new_id != article.id:
            logger.info("%s: id %r already used; renamed to %r", article.source, article.id, new_id)
        seen.add(new_id)
        result.append(article if new_id == article.id else replace(article, id=new_id))
    return result
