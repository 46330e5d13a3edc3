"""Pages given by URL (`http://` or `https://` in place of a path): fetched, then read as HTML.

The standard library is enough for one GET per page, so no HTTP client is a
dependency. A page that cannot be fetched (no network, refused, a 404, a slow
server) costs that URL only: a warning `URL: could not fetch URL: reason`.
"""

from __future__ import annotations

import logging
import re
import urllib.error
import urllib.request
from pathlib import Path

from crosscheck import __version__
from crosscheck.errors import InputError
from crosscheck.model import Article
from crosscheck.reading.feeds import looks_like_feed, parse_feed
from crosscheck.reading.html import id_from_url, parse_html

logger = logging.getLogger(__name__)

TIMEOUT_S = 10.0  # per connect and per read; a news page that needs longer is not coming
USER_AGENT = f"crosscheck/{__version__} (news cross-checking; one request per page given)"
_PATHLIB_URL = re.compile(r"^(https?):/(?!/)", re.IGNORECASE)
_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/xml", "text/xml")


def is_url(given: object) -> bool:
    """Whether a PATH argument is a web address rather than a file."""
    return isinstance(given, str) and given.lower().startswith(("http://", "https://"))


def as_url(given: str | Path) -> str | None:
    """The web address a PATH argument names, or None when it names a file or folder.

    A URL that went through `pathlib` lost a slash (`Path("https://a.org/x")` is
    `https:/a.org/x`); it is put back, unless a file by that name exists.
    """
    text = str(given)
    if is_url(text):
        return text
    if _PATHLIB_URL.match(text) and not Path(text).exists():
        return _PATHLIB_URL.sub(r"\1://", text, count=1)
    return None


def read_url(url: str, *, max_bytes: int, timeout: float = TIMEOUT_S) -> tuple[list[Article], list[str]]:
    """The article at `url` (a feed's entries when it serves a feed), and the warnings."""
    try:
        data, content_type = fetch(url, max_bytes=max_bytes, timeout=timeout)
    except InputError as exc:
        return [], [str(exc)]
    if content_type in _FEED_TYPES and looks_like_feed(data):
        return parse_feed(data, source=url, stem=id_from_url(url, default="feed"))
    return parse_html(data, source=url, id=id_from_url(url, default="page"), url=url)


def fetch(url: str, *, max_bytes: int, timeout: float = TIMEOUT_S) -> tuple[bytes, str]:
    """The body of `url` and its media type; `InputError` ("could not fetch URL: …") when it fails."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "text/html, */*"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            data = response.read(max_bytes + 1)
            content_type = response.headers.get_content_type()
    except urllib.error.HTTPError as exc:
        raise InputError(url, f"could not fetch URL: HTTP {exc.code} {exc.reason}") from exc
    except urllib.error.URLError as exc:
        raise InputError(url, f"could not fetch URL: {exc.reason}") from exc
    except (OSError, ValueError) as exc:  # timeouts, resets, a malformed address
        raise InputError(url, f"could not fetch URL: {exc}") from exc
    if len(data) > max_bytes:
        raise InputError(url, f"page is over the limit of {max_bytes:,} bytes; raise max_input_bytes")
    logger.debug("fetched %s (%d bytes, %s)", url, len(data), content_type)
    return data, content_type
