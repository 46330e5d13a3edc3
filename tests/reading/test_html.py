"""HTML pages: main text without the page furniture, title, date, outlet and url."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crosscheck.reading import read_paths
from crosscheck.reading.html import html_to_text, id_from_url, parse_html
from crosscheck.settings import Settings

PARAGRAPHS = (
    "A passenger ferry struck the harbour bridge on Saturday morning, officials said, "
    "forcing the closure of the main road into the city for several hours.",
    "The port authority said 212 passengers were on board and that nobody was seriously hurt. "
    "Three people were treated for minor injuries at St. Olave's Hospital.",
    "Engineers inspected the bridge's piers during the afternoon and found no structural damage, "
    "according to a statement released by the city council.",
)


def news_page(*, head: str = "", paragraphs: tuple[str, ...] = PARAGRAPHS) -> str:
    """A page as newsrooms publish it: navigation, teasers and a footer around the article."""
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Ferry strikes harbour bridge | Harbour Times</title>
{head}</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/sport">Sport</a></li></ul></nav>
<header><div class="logo">Harbour Times</div><form><input name="q"><button>Search</button></form></header>
<main><article><h1>Ferry strikes harbour bridge</h1>
<p class="byline">By Jane Doe</p>
{body}
</article>
<aside class="related"><h3>Most read</h3><ul><li><a href="/a">Council approves budget</a></li>
<li><a href="/b">Storm warning for the weekend</a></li></ul></aside></main>
<div class="newsletter">Subscribe to our newsletter for daily updates!</div>
<footer><p>© 2024 Harbour Times. All rights reserved.</p><a href="/privacy">Privacy policy</a></footer>
</body></html>"""


FULL_HEAD = """<meta property="og:site_name" content="Harbour Times">
<meta property="og:title" content="Ferry strikes harbour bridge">
<meta property="article:published_time" content="2024-06-15T08:30:00Z">
<link rel="canonical" href="https://www.harbourtimes.example/news/ferry-strikes-bridge.html">"""


def read(*paths: Path | str) -> tuple[list, list[str]]:
    return read_paths(list(paths), settings=Settings())


def test_html_page_gives_main_text_title_date_outlet_and_url(tmp_path: Path) -> None:
    path = tmp_path / "ferry.html"
    path.write_text(news_page(head=FULL_HEAD), encoding="utf-8")
    [article], warnings = read(path)
    assert warnings == []
    assert (article.id, article.source) == ("ferry", str(path))
    assert article.title == "Ferry strikes harbour bridge"
    assert article.published == "2024-06-15"
    assert article.outlet == "Harbour Times"
    assert article.url == "https://www.harbourtimes.example/news/ferry-strikes-bridge.html"
    assert article.language == "en"
    assert article.raw == article.text


def test_html_paragraphs_are_blank_line_separated_blocks_without_page_furniture(tmp_path: Path) -> None:
    path = tmp_path / "ferry.htm"
    path.write_text(news_page(head=FULL_HEAD), encoding="utf-8")
    [article], _ = read(path)
    blocks = article.text.split("\n\n")
    assert all(p in blocks for p in PARAGRAPHS)
    assert blocks.index(PARAGRAPHS[0]) < blocks.index(PARAGRAPHS[1]) < blocks.index(PARAGRAPHS[2])
    for junk in ("Home", "Sport", "Subscribe", "All rights reserved", "Privacy policy", "Most read"):
        assert junk not in article.text


def test_html_outlet_falls_back_to_the_canonical_host(tmp_path: Path) -> None:
    head = '<link rel="canonical" href="https://www.dw.com/en/ferry/a-123">'
    path = tmp_path / "dw.html"
    path.write_text(news_page(head=head), encoding="utf-8")
    [article], _ = read(path)
    assert (article.outlet, article.url) == ("dw.com", "https://www.dw.com/en/ferry/a-123")


def test_html_page_in_a_declared_legacy_charset_is_decoded(tmp_path: Path) -> None:
    russian = (
        "Пассажирский паром врезался в мост в субботу утром, сообщили представители властей города.",
        "По данным портовых властей, на борту находились 212 пассажиров, никто серьёзно не пострадал.",
    )
    page = news_page(paragraphs=russian).replace('<meta charset="utf-8">', '<meta charset="windows-1251">')
    path = tmp_path / "ru.html"
    path.write_bytes(page.replace('lang="en"', 'lang="ru"').encode("cp1251"))
    [article], warnings = read(path)
    assert warnings == []
    assert russian[1] in article.text
    assert article.language == "ru"


@pytest.mark.parametrize(
    "content",
    [
        b"<html></html>",
        b"<html><head><title>Index</title></head><body></body></html>",
        b"<div><p>unclosed <b>bold",
        b"\x00\x01\x02\x03 binary noise",
        b"<<<<>>>>&&&&",
    ],
)
def test_html_without_main_text_warns_and_gives_no_article(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "broken.html"
    path.write_bytes(content)
    articles, [warning] = read(path)
    assert articles == []
    assert warning == f"{path}: no main text found (an empty, broken or index page?); skipped"


def test_html_broken_page_does_not_stop_the_good_one(tmp_path: Path) -> None:
    (tmp_path / "a-broken.html").write_text("<html><body></body></html>")
    (tmp_path / "b-good.html").write_text(news_page(head=FULL_HEAD))
    (tmp_path / "c-notes.txt").write_text("Notes\n\nThe bridge reopened on Sunday evening.\n")
    articles, warnings = read(tmp_path)
    assert [a.id for a in articles] == ["b-good", "c-notes"]
    assert [w.split(": ")[0] for w in warnings] == [str(tmp_path / "a-broken.html")]


def test_html_saved_without_extension_is_sniffed(tmp_path: Path) -> None:
    path = tmp_path / "saved-page"
    path.write_text(news_page(head=FULL_HEAD))
    [article], _ = read(path)
    assert article.title == "Ferry strikes harbour bridge"
    assert "<p>" not in article.text


def test_parse_html_uses_given_url_and_fallback_date() -> None:
    [article], _ = parse_html(
        news_page().encode(),
        source="crawl.warc#2",
        id="x",
        url="https://news.example.org/2024/ferry",
        fallback_date="2024-06-16",
    )
    assert (article.url, article.outlet, article.published) == (
        "https://news.example.org/2024/ferry",
        "news.example.org",
        "2024-06-16",
    )


def test_html_to_text_keeps_paragraphs_and_drops_markup() -> None:
    fragment = (
        "Intro<p>First &amp; <b>bold</b> para.</p><ul><li>one</li><li>two</li></ul><script>x()</script>"
    )
    assert html_to_text(fragment) == "Intro\n\nFirst & bold para.\n\none\n\ntwo"
    assert html_to_text("Plain text &lt;escaped&gt;") == "Plain text <escaped>"
    assert html_to_text("") == ""


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.dw.com/en/ferry-strikes-bridge/a-123", "a-123"),
        ("https://example.com/news/ferry.html", "ferry"),
        ("https://example.com/story?id=42", "story-id-42"),
        ("https://example.com/", "example.com"),
        (None, "fallback"),
    ],
)
def test_id_from_url_is_readable_and_stable(url: str | None, expected: str) -> None:
    assert id_from_url(url, default="fallback") == expected


_MARKUP = st.lists(
    st.sampled_from(["<p>", "</p>", "<div>", "<html>", "<body>", "<!--", "-->", "<title>", "&amp;", "<"])
    | st.text(max_size=30),
    max_size=40,
).map("".join)


@settings(max_examples=100, deadline=None)
@given(page=st.binary(max_size=2000) | _MARKUP.map(str.encode))
def test_parse_html_survives_arbitrary_input(page: bytes) -> None:
    articles, warnings = parse_html(page, source="any.html", id="any")
    assert len(articles) + len(warnings) == 1
    assert all(a.text.strip() and a.raw == a.text for a in articles)
    assert all(w.startswith("any.html: ") for w in warnings)
