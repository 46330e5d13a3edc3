"""RSS and Atom feeds: one Article per entry, read with feedparser.

A feed is how a newsroom hands over many reports at once, so a bad entry
costs that entry only: it becomes a warning naming the file and the entry
number (`feed.xml#3`), and the others are still read. A file that is not a feed
at all gets one warning. feedparser copes with the loose XML real feeds are
written in; it flags that with `bozo`, which matters only when no entry came out.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from time import struct_time
from typing import Any

from crosscheck.model import Article
from crosscheck.reading.html import hostname, html_to_text, id_from_url

_FEED_ROOT = re.compile(rb"<(?:[\w-]+:)?(?:rss|feed|RDF)[\s>]")
_SNIFF_BYTES = 4096  # the root element follows at most an XML declaration, comments and a stylesheet


def looks_like_feed(head: bytes) -> bool:
    """Whether the first bytes of a file open an RSS, Atom or RSS 1.0 (RDF) document."""
    return _FEED_ROOT.search(head[:_SNIFF_BYTES]) is not None


def parse_feed(data: bytes, *, source: str, stem: str) -> tuple[list[Article], list[str]]:
    """The entries of a feed as Articles; entry N (1-based) has source `SOURCE#N`.

    Ids come from the entry's link or id, so they stay the same as the feed grows;
    `STEM-N` only for an entry with neither.

    Bytes, never a str: feedparser would take a str for a URL or file name to open.
    """
    import feedparser  # lazy: importing crosscheck stays light

    parsed = feedparser.parse(data)
    if not parsed.entries:
        return [], [f"{source}: {_why_empty(parsed)}"]
    outlet = _clean(parsed.feed.get("title")) or hostname(parsed.feed.get("link"))
    articles: list[Article] = []
    warnings: list[str] = []
    for number, entry in enumerate(parsed.entries, start=1):
        article = entry_article(
            entry, source=f"{source}#{number}", outlet=outlet, default_id=f"{stem}-{number}"
        )
        if article is None:
            warnings.append(f"{source}#{number}: feed entry has no text (no content or summary); skipped")
        else:
            articles.append(article)
    return articles, warnings


def _why_empty(parsed: Any) -> str:
    reason = parsed.get("bozo_exception")
    if parsed.get("bozo") and reason is not None:
        return f"not an RSS or Atom feed, or a damaged one ({_first_line(reason)}); skipped"
    if not parsed.get("version"):
        return "not an RSS or Atom feed (no <rss>, <feed> or <rdf:RDF> root element); skipped"
    return "the feed has no entries; nothing to check"


def _first_line(error: object) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0]


def entry_article(entry: Any, *, source: str, outlet: str | None, default_id: str) -> Article | None:
    """One feed entry as an Article, or None when it carries no text."""
    text = _entry_text(entry)
    if not text:
        return None
    link = _web_link(entry.get("link"))
    return Article(
        id=id_from_url(link, default="") or _slug(entry.get("id")) or default_id,
        text=text,
        raw=text,
        source=source,
        title=_clean(entry.get("title")),
        outlet=outlet,
        published=_iso(entry.get("published_parsed") or entry.get("updated_parsed")),
        url=link,
    )


def _web_link(link: str | None) -> str | None:
    """The entry's link if it is a web address; feedparser copies an Atom `tag:` id into `link`."""
    return link if link and link.lower().startswith(("http://", "https://")) else None


def _entry_text(entry: Any) -> str:
    """The fullest body the entry gives: its longest `content`, else its `summary`."""
    bodies = [c for c in entry.get("content") or () if (c.get("value") or "").strip()]
    if bodies:
        best = max(bodies, key=lambda c: len(c["value"]))
        value, kind = best["value"], best.get("type", "")
    else:
        value = entry.get("summary") or ""
        kind = (entry.get("summary_detail") or {}).get("type", "")
    if kind == "text/plain":
        return "\n\n".join(" ".join(p.split()) for p in re.split(r"\n\s*\n", value) if p.strip())
    return html_to_text(value)


def _clean(value: str | None) -> str:
    """A title as one line of text: feeds may put HTML and entities in it."""
    return " ".join(html_to_text(value or "").split())


def _iso(parsed: struct_time | None) -> str | None:
    """feedparser's UTC time tuple as ISO 8601 (`2024-06-15T08:30:00+00:00`)."""
    if parsed is None:
        return None
    try:
        return datetime(*parsed[:6], tzinfo=UTC).isoformat()
    except (TypeError, ValueError):
        return None


def _slug(entry_id: str | None) -> str:
    """`tag:example.com,2024:ferry-1` -> `ferry-1`: the stable tail of a non-URL entry id."""
    if not entry_id:
        return ""
    if "://" in entry_id:
        return id_from_url(entry_id, default="")
    tail = re.split(r"[:/,]", entry_id.strip())[-1]
    return re.sub(r"[^\w]+", "-", tail).strip("-_")[:80]
