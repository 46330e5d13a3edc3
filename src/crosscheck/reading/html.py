"""Web pages: the article's main text, title, date and outlet, extracted with trafilatura.

A saved page is mostly navigation, teasers and footers; trafilatura keeps the
article body. Its paragraphs become blank-line separated blocks, because
cleaning finds repeated and boilerplate text block by block. A page with no
article in it (broken, empty, an index page) becomes a warning, never a
traceback: trafilatura answers `None`, and we say so.

>>> parse_html(PAGE, source="page.html", id="page")  # doctest: +SKIP
([Article(id='page', title='Ferry strikes harbour bridge', outlet='Harbour Times', ...)], [])
"""

from __future__ import annotations

import html as html_entities
import logging
import re
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from crosscheck.model import Article
from crosscheck.reading._records import is_iso_date

if TYPE_CHECKING:
    from trafilatura.settings import Document

logger = logging.getLogger(__name__)

NO_TEXT = "no main text found (an empty, broken or index page?); skipped"
_BLOCK_TAGS = frozenset(
    "p div li dt dd h1 h2 h3 h4 h5 h6 blockquote pre tr table ul ol dl section article header footer "
    "figure figcaption hr br".split()
)
_BLANK_LINES = re.compile(r"\n\s*\n")
_NOT_SLUG = re.compile(r"[^\w]+")


def parse_html(
    page: bytes | str,
    *,
    source: str,
    id: str,
    url: str | None = None,
    fallback_date: str | None = None,
) -> tuple[list[Article], list[str]]:
    """The article in one HTML page, or a warning saying there is none.

    `url` is where the page came from (a fetch or a WARC record); without it the
    page's canonical link is used. `fallback_date` (e.g. the crawl date) fills
    `published` when the page shows no date.
    """
    document = _extract(page, url=url, source=source)
    text = lines_to_blocks(document.text or "") if document is not None else ""
    if document is None or not text:
        return [], [f"{source}: {NO_TEXT}"]
    page_url = url or document.url or None
    published = document.date if document.date and is_iso_date(document.date) else fallback_date
    article = Article(
        id=id,
        text=text,
        raw=text,
        source=source,
        title=" ".join((document.title or "").split()),
        outlet=document.sitename or hostname(page_url),
        published=published,
        url=page_url,
    )
    return [article], []


def _extract(page: bytes | str, *, url: str | None, source: str) -> Document | None:
    """trafilatura's Document for `page`, or None when it finds no article."""
    import trafilatura  # lazy: importing crosscheck stays light
    from trafilatura.settings import Document, set_date_params

    try:
        document = trafilatura.bare_extraction(
            page,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            output_format="python",
            # Dates from the page's markup and URL only. htmldate's extensive search
            # guesses from the text too, and turns "© 2024" into 2024-01-01: a wrong
            # date is worse than none when dates are what gets compared.
            # Its output is YYYY-MM-DD: no made-up time of day.
            date_extraction_params=set_date_params(extensive=False),
        )
    except (ValueError, TypeError, AttributeError) as exc:
        # trafilatura mostly returns None for a page it cannot read, but a few
        # malformed inputs escape its own handlers; they mean the same thing.
        logger.debug("%s: trafilatura failed: %r", source, exc)
        return None
    return document if isinstance(document, Document) else None


def lines_to_blocks(text: str) -> str:
    """One block per non-empty line, blocks separated by a blank line, spaces collapsed."""
    return "\n\n".join(" ".join(line.split()) for line in text.splitlines() if line.strip())


def html_to_text(fragment: str) -> str:
    """The text of an HTML fragment (a feed entry's content), one block per paragraph.

    Too short for trafilatura's article detection, so lxml reads it whole;
    text without any tag is taken as it is (entities decoded).
    """
    if "<" not in fragment:
        return _paragraphs(html_entities.unescape(fragment))
    import lxml.html
    from lxml.etree import ParserError

    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (ParserError, ValueError):
        return ""
    for element in root.xpath(".//script | .//style"):
        element.drop_tree()
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.lower() in _BLOCK_TAGS:
            element.text = "\n\n" + (element.text or "")
            element.tail = "\n\n" + (element.tail or "")
    return _paragraphs(root.text_content())


def _paragraphs(text: str) -> str:
    blocks = (" ".join(block.split()) for block in _BLANK_LINES.split(text))
    return "\n\n".join(block for block in blocks if block)


def hostname(url: str | None) -> str | None:
    """`www.dw.com` -> `dw.com`: the outlet when a page names no site."""
    if not url:
        return None
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.") or None


def id_from_url(url: str | None, *, default: str) -> str:
    """A readable id that stays the same each time the page is read: the URL's last path part.

    `https://dw.com/en/ferry-strikes-bridge/a-123?x=1` -> `a-123-x-1`.
    """
    if not url:
        return default
    parts = urlsplit(url)
    last = next((part for part in reversed(parts.path.split("/")) if part), "")
    last = re.sub(r"\.(s?html?|php|aspx?)$", "", last, flags=re.IGNORECASE)
    slug = _NOT_SLUG.sub("-", f"{last} {parts.query}").strip("-_")[:80]
    return slug or hostname(url) or default
