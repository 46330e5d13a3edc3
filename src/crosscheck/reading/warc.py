"""WARC web archives (.warc, .warc.gz): every archived HTML page, read with warcio.

Crawls are big and often cut short (a crawler killed mid-write, a partial
download), so the archive is streamed record by record and damage costs only
what follows it: the pages read before are kept, and one warning names the
file and the record where reading stopped. warcio does not always notice a cut
itself (a truncated gzip member just ends the iteration), so we also check that
each record and the archive were read to their stated ends.
"""

from __future__ import annotations

import contextlib
import gzip
import io
import logging
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from crosscheck.model import Article
from crosscheck.reading._records import is_iso_date
from crosscheck.reading.html import id_from_url, parse_html

logger = logging.getLogger(__name__)

PAGE_RECORDS = ("response", "resource")  # records that hold a page as it was served
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_TRAILING_SLACK = 8  # blank lines after the last record are not damage
_CHUNK = 1 << 16


class _Damaged(Exception):
    """A record that stops short of its stated length."""


def read_warc(path: Path, *, source: str, stem: str, max_bytes: int) -> tuple[list[Article], list[str]]:
    """The HTML pages archived in `path`; record N (1-based) has source `SOURCE#N`.

    `max_bytes` limits each page, not the archive: crawls run to gigabytes.
    """
    articles: list[Article] = []
    warnings: list[str] = []
    done = 0  # records read whole; damage is in the one after
    try:
        if not _starts_as_warc(path):
            return [], [f"{source}: not a WARC archive (it does not start with a `WARC/1.x` record); skipped"]
        for number, found, problems in _read_records(path, source=source, stem=stem, max_bytes=max_bytes):
            articles += found
            warnings += problems
            done = number
    except OSError as exc:
        warnings.append(f"{source}: cannot read it ({exc.strerror or exc})")
    except Exception as exc:  # warcio raises many kinds (AttributeError, zlib.error, …) on damaged input
        warnings.append(_damage_warning(source, done + 1, exc, kept=len(articles)))
    if not articles and not warnings:
        warnings.append(f"{source}: the archive holds no HTML pages; nothing to check")
    return articles, warnings


def _starts_as_warc(path: Path) -> bool:
    """Whether the (decompressed) file opens with a WARC record: warcio would read any text as ARC."""
    with path.open("rb") as handle:
        compressed = handle.read(2) == b"\x1f\x8b"
    opener = gzip.open if compressed else open
    with opener(path, "rb") as handle:
        return bytes(handle.read(5)) == b"WARC/"


def _read_records(
    path: Path, *, source: str, stem: str, max_bytes: int
) -> Iterator[tuple[int, list[Article], list[str]]]:
    """(record number, articles, warnings) for each whole record; raises where the archive is damaged."""
    from warcio.archiveiterator import ArchiveIterator  # lazy: importing crosscheck stays light

    notes = io.StringIO()  # warcio prints its own notes about bad records to stderr; we warn instead
    with path.open("rb") as handle, contextlib.redirect_stderr(notes):
        records = ArchiveIterator(handle)
        for number, record in enumerate(records, start=1):
            if record.format != "warc":
                raise _Damaged("not a WARC record")
            found, problems = _read_record(
                record, source=f"{source}#{number}", default_id=f"{stem}-{number}", max_bytes=max_bytes
            )
            yield number, found, problems
        unread = os.fstat(handle.fileno()).st_size - records.offset
    if notes.getvalue():
        logger.debug("%s: warcio said: %s", source, notes.getvalue().strip())
    if unread > _TRAILING_SLACK:  # a cut gzip member ends warcio's iteration without an error
        raise _Damaged(f"{unread:,} bytes after the last whole record do not form a record")


def _damage_warning(source: str, number: int, exc: Exception, *, kept: int) -> str:
    reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return (
        f"{source}: archive damaged at record {number} ({reason}); "
        f"kept the {kept} page(s) read before it. Is the file truncated?"
    )


def _read_record(
    record: Any, *, source: str, default_id: str, max_bytes: int
) -> tuple[list[Article], list[str]]:
    """The page in one record; records that hold no HTML page (requests, images, redirects) give none.

    Raises `_Damaged` when the record is cut short, so a half page is never read as a whole one.
    """
    is_page = record.rec_type in PAGE_RECORDS and _is_html_page(record)
    payload = record.content_stream().read(max_bytes + 1) if is_page else b""
    _read_to_end(record)
    if not is_page:
        return [], []
    if len(payload) > max_bytes:
        return [], [f"{source}: page is over the limit of {max_bytes:,} bytes; skipped"]
    url = record.rec_headers.get_header("WARC-Target-URI") or None
    return parse_html(
        payload,
        source=source,
        id=id_from_url(url, default=default_id),
        url=url,
        fallback_date=_warc_date(record),
    )


def _read_to_end(record: Any) -> None:
    """Skip what is left of the record, in chunks (it may be a video), and check none is missing."""
    while record.raw_stream.read(_CHUNK):
        pass
    if record.raw_stream.limit > 0:  # the file ended before the record's Content-Length
        raise _Damaged(f"record ends {record.raw_stream.limit:,} bytes short")


def _is_html_page(record: Any) -> bool:
    if record.http_headers is not None:
        status = record.http_headers.get_statuscode() or ""
        if record.rec_type == "response" and not status.startswith("2"):
            return False  # a redirect or an error page is not an article
        content_type = record.http_headers.get_header("Content-Type") or ""
    else:
        content_type = record.rec_headers.get_header("Content-Type") or ""
    return content_type.split(";")[0].strip().lower() in _HTML_TYPES


def _warc_date(record: Any) -> str | None:
    """The crawl date, day only (`2024-06-15`), like the dates read from pages."""
    day = (record.rec_headers.get_header("WARC-Date") or "")[:10]
    return day if len(day) == 10 and is_iso_date(day) else None
