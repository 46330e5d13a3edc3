"""Pages given by URL: fetched and read as HTML; a failed fetch is a warning for that URL only.

Every request goes to this machine (a closed port, or a server the test starts), never outside.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from crosscheck.reading import read_paths
from crosscheck.reading.urls import USER_AGENT, as_url, is_url, read_url
from crosscheck.settings import Settings

PAGE = b"""<html><head><title>Ferry strikes harbour bridge</title>
<meta property="og:site_name" content="Harbour Times"></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Ferry strikes harbour bridge</h1>
<p>A passenger ferry struck the harbour bridge on Saturday morning, officials said.</p>
<p>The port authority said 212 passengers were on board and nobody was seriously hurt.</p>
</article><footer>All rights reserved.</footer></body></html>"""

FEED = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Metro Wire</title>
<item><title>Ferry hits bridge</title><link>https://metrowire.example/ferry-hits-bridge</link>
<description>A ferry carrying 212 passengers hit the harbour bridge on Saturday.</description></item>
</channel></rss>"""

ROUTES = {
    "/news/ferry.html": (200, "text/html; charset=utf-8", PAGE),
    "/feed": (200, "application/rss+xml", FEED),
}


class _Handler(BaseHTTPRequestHandler):
    user_agents: list[str] = []

    def do_GET(self) -> None:
        self.user_agents.append(self.headers.get("User-Agent", ""))
        status, content_type, body = ROUTES.get(self.path, (404, "text/html", b"<p>Not found</p>"))
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # keep test output quiet
        pass


@pytest.fixture
def server() -> Iterator[str]:
    """The base URL of a web server on this machine that serves `ROUTES`."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()


@pytest.fixture
def closed_port() -> int:
    """A local port nothing listens on: connecting is refused at once, no network needed."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_url_page_is_fetched_and_read_as_html(server: str) -> None:
    url = f"{server}/news/ferry.html"
    [article], warnings = read_paths([url], settings=Settings())
    assert warnings == []
    assert (article.id, article.source, article.url) == ("ferry", url, url)
    assert (article.title, article.outlet, article.language) == (
        "Ferry strikes harbour bridge",
        "Harbour Times",
        "en",
    )
    assert "212 passengers" in article.text and "Home" not in article.text
    assert _Handler.user_agents[-1] == USER_AGENT


def test_url_serving_a_feed_is_read_as_a_feed(server: str) -> None:
    [article], _ = read_url(f"{server}/feed", max_bytes=100_000)
    assert (article.id, article.outlet, article.source) == (
        "ferry-hits-bridge",
        "Metro Wire",
        f"{server}/feed#1",
    )


def test_url_http_error_is_a_warning(server: str) -> None:
    articles, [warning] = read_url(f"{server}/missing", max_bytes=100_000)
    assert articles == []
    assert warning == f"{server}/missing: could not fetch URL: HTTP 404 Not Found"


def test_unreachable_url_fails_clearly_and_the_other_inputs_are_read(
    closed_port: int, server: str, tmp_path
) -> None:
    dead = f"http://127.0.0.1:{closed_port}/news/story.html"
    notes = tmp_path / "notes.txt"
    notes.write_text("Notes\n\nThe bridge reopened on Sunday evening after an inspection.\n")
    articles, [warning] = read_paths([dead, f"{server}/news/ferry.html", notes], settings=Settings())
    assert [a.id for a in articles] == ["ferry", "notes"]
    assert warning.startswith(f"{dead}: could not fetch URL: ")
    assert "refused" in warning.lower()


def test_url_page_over_the_size_limit_is_refused(server: str) -> None:
    articles, [warning] = read_url(f"{server}/news/ferry.html", max_bytes=100)
    assert articles == []
    assert "over the limit of 100 bytes" in warning


@pytest.mark.parametrize(
    ("given", "expected"),
    [("https://dw.com/a", True), ("HTTP://dw.com", True), ("dw.com/a", False), ("ftp://x/y", False)],
)
def test_is_url_knows_web_addresses_from_paths(given: str, expected: bool) -> None:
    assert is_url(given) is expected


def test_url_that_went_through_pathlib_gets_its_slash_back(server: str, tmp_path: Path) -> None:
    url = f"{server}/news/ferry.html"
    assert as_url(Path(url)) == url
    [article], _ = read_paths([Path(url)], settings=Settings())
    assert article.source == url
    assert as_url(tmp_path / "notes.txt") is None
