"""WARC archives: each archived HTML page is an article; damage costs only what follows it."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from warcio.archiveiterator import ArchiveIterator
from warcio.recordloader import ArcWarcRecord
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from crosscheck.model import Article
from crosscheck.reading import read_paths
from crosscheck.settings import Settings


def page(title: str, *sentences: str, date: str = "") -> bytes:
    meta = f'<meta property="article:published_time" content="{date}">' if date else ""
    body = "".join(f"<p>{s}</p>" for s in sentences)
    return (
        f"<html><head><title>{title}</title>{meta}</head><body>"
        "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>{title}</h1>{body}</article><footer>All rights reserved.</footer></body></html>"
    ).encode()


FERRY = page(
    "Ferry strikes harbour bridge",
    "A passenger ferry struck the harbour bridge on Saturday morning, officials said.",
    "The port authority said 212 passengers were on board and nobody was seriously hurt.",
    date="2024-06-15T08:30:00Z",
)
REOPENS = page(
    "Bridge reopens",
    "Engineers found no structural damage and the harbour bridge reopened to traffic on Sunday.",
    "The city council said ferry services would resume on Monday under a new speed limit.",
)
ROUTES = page(
    "Council reviews routes",
    "The city council will review all ferry routes under the harbour bridge next month.",
    "A report is expected before the end of the summer, a spokesperson said.",
)

# (type, uri, status, content type, body); the page records are numbers 2, 6, 7 and 8.
RECORDS = [
    ("response", "https://harbourtimes.example/news/ferry-strikes-bridge", "200 OK", "text/html", FERRY),
    ("request", "https://harbourtimes.example/logo.png", "", "", b""),
    ("response", "https://harbourtimes.example/logo.png", "200 OK", "image/png", b"\x89PNG\r\n" + bytes(300)),
    ("response", "https://harbourtimes.example/old", "301 Moved Permanently", "text/html", b"<p>Moved</p>"),
    ("response", "https://metrowire.example/2024/06/16/bridge-reopens", "200 OK", "text/html", REOPENS),
    ("response", "https://metrowire.example/index", "200 OK", "text/html; charset=utf-8", b"<html></html>"),
    ("resource", "https://dw.example/en/council-routes/a-987", "", "text/html", ROUTES),
]


def write_warc(path: Path, *, gzip: bool) -> Path:
    with path.open("wb") as output:
        writer = WARCWriter(output, gzip=gzip)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "crosscheck tests"}))
        for kind, uri, status, content_type, body in RECORDS:
            writer.write_record(_record(writer, kind, uri, status, content_type, body))
    return path


def _record(
    writer: WARCWriter, kind: str, uri: str, status: str, content_type: str, body: bytes
) -> ArcWarcRecord:
    date = {"WARC-Date": "2024-06-16T21:00:00Z"}
    if kind == "request":
        headers = StatusAndHeaders(
            "GET /logo.png HTTP/1.1", [("Host", "harbourtimes.example")], is_http_request=True
        )
        return writer.create_warc_record(uri, "request", http_headers=headers, warc_headers_dict=date)
    if kind == "resource":  # a page saved without HTTP headers: its type is the record's
        return writer.create_warc_record(
            uri, "resource", payload=io.BytesIO(body), length=len(body), warc_content_type=content_type,
            warc_headers_dict=date,
        )  # fmt: skip
    headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    return writer.create_warc_record(
        uri, "response", payload=io.BytesIO(body), length=len(body), http_headers=headers,
        warc_headers_dict=date,
    )  # fmt: skip


def read(path: Path, **overrides: int) -> tuple[list[Article], list[str]]:
    return read_paths([path], settings=Settings(**overrides))


@pytest.mark.parametrize("gzip", [True, False], ids=["warc.gz", "warc"])
def test_warc_html_responses_become_articles(tmp_path: Path, gzip: bool) -> None:
    path = write_warc(tmp_path / ("crawl.warc.gz" if gzip else "crawl.warc"), gzip=gzip)
    articles, warnings = read(path)
    assert [(a.id, a.source) for a in articles] == [
        ("ferry-strikes-bridge", f"{path}#2"),
        ("bridge-reopens", f"{path}#6"),
        ("a-987", f"{path}#8"),
    ]
    assert warnings == [f"{path}#7: no main text found (an empty, broken or index page?); skipped"]
    ferry, reopens, routes = articles
    assert ferry.url == "https://harbourtimes.example/news/ferry-strikes-bridge"
    assert (ferry.title, ferry.outlet, ferry.published) == (
        "Ferry strikes harbour bridge",
        "harbourtimes.example",
        "2024-06-15",
    )
    assert "212 passengers" in ferry.text and "Home" not in ferry.text
    assert reopens.published == "2024-06-16"  # no date on the page: the crawl date
    assert (routes.outlet, routes.language) == ("dw.example", "en")


@pytest.mark.parametrize("gzip", [True, False], ids=["warc.gz", "warc"])
def test_truncated_warc_keeps_pages_before_the_damage_and_names_the_record(
    tmp_path: Path, gzip: bool
) -> None:
    whole = write_warc(tmp_path / "whole.warc", gzip=gzip)
    start, length = record_spans(whole)[6 - 1]
    path = tmp_path / ("cut.warc.gz" if gzip else "cut.warc")
    path.write_bytes(whole.read_bytes()[: start + length // 2])
    articles, [warning] = read(path)
    assert [a.id for a in articles] == ["ferry-strikes-bridge"]
    assert warning.startswith(f"{path}: archive damaged at record 6 (")
    assert "kept the 1 page(s) read before it" in warning


def record_spans(path: Path) -> list[tuple[int, int]]:
    """(offset, length) of each record in the file, as warcio reports them."""
    spans = []
    with path.open("rb") as handle:
        records = ArchiveIterator(handle)
        for _ in records:
            records.read_to_end()
            spans.append((records.get_record_offset(), records.get_record_length()))
    return spans


def test_warc_cut_inside_a_skipped_record_still_warns(tmp_path: Path) -> None:
    whole = write_warc(tmp_path / "whole.warc", gzip=False).read_bytes()
    path = tmp_path / "cut.warc"
    path.write_bytes(whole[: whole.index(b"\x89PNG") + 100])  # inside the image, record 4
    articles, [warning] = read(path)
    assert [a.id for a in articles] == ["ferry-strikes-bridge"]
    assert "archive damaged at record 4" in warning


def test_file_that_is_not_a_warc_warns(tmp_path: Path) -> None:
    path = tmp_path / "notes.warc"
    path.write_text("These are my notes, not a web archive.\n" * 20)
    articles, [warning] = read(path)
    assert articles == []
    assert warning == f"{path}: not a WARC archive (it does not start with a `WARC/1.x` record); skipped"


def test_warc_with_junk_after_good_records_keeps_them(tmp_path: Path) -> None:
    path = write_warc(tmp_path / "crawl.warc", gzip=False)
    with path.open("ab") as archive:
        archive.write(b"garbage appended by a broken download\n" * 5)
    articles, warnings = read(path)
    assert len(articles) == 3
    assert warnings[-1].startswith(f"{path}: archive damaged at record 9 (Invalid WARC record")


def test_warc_page_over_the_size_limit_is_skipped_alone(tmp_path: Path) -> None:
    path = write_warc(tmp_path / "crawl.warc.gz", gzip=True)
    articles, warnings = read(path, max_input_bytes=len(ROUTES) - 1)
    assert "a-987" not in [a.id for a in articles]
    assert f"{path}#8: page is over the limit of {len(ROUTES) - 1:,} bytes; skipped" in warnings


def test_warc_without_extension_is_sniffed(tmp_path: Path) -> None:
    path = write_warc(tmp_path / "crawl.warc", gzip=False)
    renamed = path.rename(tmp_path / "crawl-download")
    articles, _ = read(renamed)
    assert len(articles) == 3


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(gzip=st.booleans(), share=st.floats(min_value=0, max_value=1), noise=st.binary(max_size=64))
def test_warc_cut_anywhere_keeps_a_prefix_and_never_raises(
    tmp_path: Path, gzip: bool, share: float, noise: bytes
) -> None:
    whole = write_warc(tmp_path / "whole.warc", gzip=gzip)
    everything, _ = read(whole)
    data = whole.read_bytes()
    path = tmp_path / "cut.warc"
    path.write_bytes(data[: int(len(data) * share)] + noise)
    articles, warnings = read(path)
    assert [a.id for a in articles] == [a.id for a in everything][: len(articles)]
    assert all(w.startswith(str(path)) for w in warnings)
    assert articles or warnings
