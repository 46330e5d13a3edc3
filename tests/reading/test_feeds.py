"""RSS and Atom feeds: one article per entry; a bad entry or a non-feed costs only itself."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crosscheck.model import Article
from crosscheck.reading import read_paths
from crosscheck.reading.feeds import looks_like_feed, parse_feed
from crosscheck.settings import Settings

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
  <title>Harbour Times - World</title>
  <link>https://www.harbourtimes.example/</link>
  <description>World news</description>
  <item>
    <title>Ferry strikes harbour bridge</title>
    <link>https://www.harbourtimes.example/news/ferry-strikes-bridge.html</link>
    <guid>https://www.harbourtimes.example/news/ferry-strikes-bridge.html</guid>
    <pubDate>Sat, 15 Jun 2024 08:30:00 GMT</pubDate>
    <description>A ferry struck the bridge.</description>
    <content:encoded><![CDATA[<p>A passenger ferry struck the harbour bridge on Saturday morning,
      officials said.</p><p>The port authority said <b>212 passengers</b> were on board &amp; nobody
      was seriously hurt.</p><script>track()</script>]]></content:encoded>
  </item>
  <item>
    <title>Bridge reopens after inspection</title>
    <link>https://www.harbourtimes.example/news/bridge-reopens.html</link>
    <pubDate>Sun, 16 Jun 2024 18:00:00 +0200</pubDate>
    <description>&lt;p&gt;Engineers found no structural damage and the bridge reopened
      on Sunday.&lt;/p&gt;</description>
  </item>
  <item>
    <title>Photo gallery: the bridge</title>
    <link>https://www.harbourtimes.example/galleries/bridge</link>
  </item>
  <item>
    <title>Council to review ferry routes</title>
    <guid isPermaLink="false">hb-2024-0617-ferry-routes</guid>
    <description>The city council will review all ferry routes under the harbour bridge
      next month.</description>
  </item>
</channel>
</rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title type="text">Metro Wire</title>
  <link href="https://metrowire.example/"/>
  <id>tag:metrowire.example,2024:feed</id>
  <updated>2024-06-15T12:00:00Z</updated>
  <entry>
    <title type="html">Ferry hits bridge &lt;em&gt;(update)&lt;/em&gt;</title>
    <link href="https://metrowire.example/2024/06/15/ferry-hits-bridge"/>
    <id>tag:metrowire.example,2024:ferry-hits-bridge</id>
    <published>2024-06-15T10:05:00+02:00</published>
    <updated>2024-06-15T11:00:00Z</updated>
    <summary>Short teaser.</summary>
    <content type="html">&lt;p&gt;A ferry carrying 212 passengers hit the harbour bridge.&lt;/p&gt;
      &lt;p&gt;Three people were treated in hospital.&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>Traffic diverted</title>
    <id>tag:metrowire.example,2024:traffic-diverted</id>
    <updated>2024-06-15T12:00:00Z</updated>
    <content type="text">Traffic was diverted through the tunnel.

Police asked drivers to avoid the area.</content>
  </entry>
</feed>
"""


def read(*paths: Path) -> tuple[list[Article], list[str]]:
    return read_paths(list(paths), settings=Settings())


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_rss_gives_one_article_per_entry_with_its_fields(tmp_path: Path) -> None:
    path = write(tmp_path / "world.rss", RSS)
    articles, _ = read(path)
    first = articles[0]
    assert (first.id, first.source) == ("ferry-strikes-bridge", f"{path}#1")
    assert first.title == "Ferry strikes harbour bridge"
    assert first.url == "https://www.harbourtimes.example/news/ferry-strikes-bridge.html"
    assert first.published == "2024-06-15T08:30:00+00:00"
    assert first.outlet == "Harbour Times - World"
    assert first.text == (
        "A passenger ferry struck the harbour bridge on Saturday morning, officials said.\n\n"
        "The port authority said 212 passengers were on board & nobody was seriously hurt."
    )
    assert first.raw == first.text


def test_rss_summary_is_used_without_content_and_dates_become_utc(tmp_path: Path) -> None:
    articles, _ = read(write(tmp_path / "world.rss", RSS))
    second = articles[1]
    assert second.text == "Engineers found no structural damage and the bridge reopened on Sunday."
    assert second.published == "2024-06-16T16:00:00+00:00"


def test_rss_entry_without_text_warns_and_the_others_are_read(tmp_path: Path) -> None:
    path = write(tmp_path / "world.rss", RSS)
    articles, warnings = read(path)
    assert [a.source for a in articles] == [f"{path}#1", f"{path}#2", f"{path}#4"]
    assert warnings == [f"{path}#3: feed entry has no text (no content or summary); skipped"]


def test_rss_entry_without_link_gets_an_id_from_its_guid(tmp_path: Path) -> None:
    articles, _ = read(write(tmp_path / "world.rss", RSS))
    assert (articles[2].id, articles[2].url) == ("hb-2024-0617-ferry-routes", None)


def test_rss_ids_stay_the_same_when_the_feed_grows(tmp_path: Path) -> None:
    before, _ = read(write(tmp_path / "old.rss", RSS))
    newer = RSS.replace(
        "<item>",
        "<item><title>New</title><link>https://x.example/new-story</link>"
        "<description>A newer story about the bridge and the ferry.</description></item><item>",
        1,
    )
    after, _ = read(write(tmp_path / "new.rss", newer))
    assert [a.id for a in after][1:] == [a.id for a in before]


def test_atom_feed_prefers_full_content_and_published_date(tmp_path: Path) -> None:
    path = write(tmp_path / "metro.atom", ATOM)
    articles, warnings = read(path)
    assert warnings == []
    first, second = articles
    assert (first.id, first.title, first.outlet) == (
        "ferry-hits-bridge",
        "Ferry hits bridge (update)",
        "Metro Wire",
    )
    assert first.text == (
        "A ferry carrying 212 passengers hit the harbour bridge.\n\nThree people were treated in hospital."
    )
    assert first.published == "2024-06-15T08:05:00+00:00"
    assert first.url == "https://metrowire.example/2024/06/15/ferry-hits-bridge"
    assert second.id == "traffic-diverted"
    assert (
        second.text == "Traffic was diverted through the tunnel.\n\nPolice asked drivers to avoid the area."
    )
    assert second.language == "en"


def test_xml_file_is_sniffed_as_a_feed_in_a_folder(tmp_path: Path) -> None:
    write(tmp_path / "feed.xml", ATOM)
    write(tmp_path / "notes.txt", "Notes\n\nThe bridge reopened on Sunday evening.\n")
    articles, warnings = read(tmp_path)
    assert [a.id for a in articles] == ["ferry-hits-bridge", "traffic-diverted", "notes"]
    assert warnings == []


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("plain.rss", "This is not XML at all, just a line of text that someone saved as a feed.\n"),
        ("broken.rss", "<rss><channel><title>Cut off"),
        ("sitemap.xml", '<?xml version="1.0"?><urlset><url><loc>https://x.example/</loc></url></urlset>'),
    ],
)
def test_file_that_is_not_a_feed_gives_one_clear_warning(tmp_path: Path, name: str, content: str) -> None:
    path = write(tmp_path / name, content)
    articles, [warning] = read(path)
    assert articles == []
    assert warning.startswith(f"{path}: not an RSS or Atom feed")


def test_feed_without_entries_says_so(tmp_path: Path) -> None:
    path = write(tmp_path / "empty.rss", '<rss version="2.0"><channel><title>Quiet</title></channel></rss>')
    articles, [warning] = read(path)
    assert articles == []
    assert warning == f"{path}: the feed has no entries; nothing to check"


def test_feed_without_extension_is_sniffed(tmp_path: Path) -> None:
    articles, _ = read(write(tmp_path / "download", ATOM))
    assert [a.id for a in articles] == ["ferry-hits-bridge", "traffic-diverted"]


def test_looks_like_feed_reads_the_root_element() -> None:
    assert looks_like_feed(RSS.encode())
    assert looks_like_feed(ATOM.encode())
    assert looks_like_feed(b'<?xml version="1.0"?><rdf:RDF xmlns:rdf="x"><channel/></rdf:RDF>')
    assert not looks_like_feed(b"<html><body>feed me</body></html>")
    assert not looks_like_feed(b'<?xml version="1.0"?><urlset></urlset>')


@settings(max_examples=100, deadline=None)
@given(cut=st.integers(min_value=0, max_value=len(RSS)), noise=st.binary(max_size=200))
def test_parse_feed_survives_cut_and_noisy_feeds(cut: int, noise: bytes) -> None:
    articles, warnings = parse_feed(RSS.encode()[:cut] + noise, source="f.rss", stem="f")
    assert articles or warnings
    assert all(a.text.strip() and a.source.startswith("f.rss#") for a in articles)
    assert all(w.startswith("f.rss") for w in warnings)
