from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crosscheck.model import Article
from crosscheck.reading import read_paths, read_records
from crosscheck.settings import Settings

SETTINGS = Settings()


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def read(*paths: Path | str, **overrides: int) -> tuple[list[Article], list[str]]:
    return read_paths(list(paths), settings=Settings(**overrides))


# --- text and markdown -------------------------------------------------------


def test_txt_first_line_is_title_rest_is_raw_body(tmp_path: Path) -> None:
    path = write(tmp_path / "dw.txt", "\n  Putin writes to Kim  \n\nFirst paragraph.\n\nSecond.\n")
    [article], warnings = read(path)
    assert warnings == []
    assert (article.id, article.source, article.title) == ("dw", str(path), "Putin writes to Kim")
    assert article.raw == article.text == "\nFirst paragraph.\n\nSecond.\n"
    assert article.language is None


def test_md_title_loses_heading_marks(tmp_path: Path) -> None:
    [article], _ = read(write(tmp_path / "a.md", "# The headline #\n\nBody text.\n"))
    assert article.title == "The headline"
    assert article.text == "\nBody text.\n"


def test_md_setext_underline_is_part_of_title(tmp_path: Path) -> None:
    [article], _ = read(write(tmp_path / "a.md", "The headline\n============\n\nBody text.\n"))
    assert article.title == "The headline"
    assert "=" not in article.text


def test_txt_single_line_is_body_not_title(tmp_path: Path) -> None:
    [article], warnings = read(write(tmp_path / "one.txt", "Only one paragraph, no headline.\n"))
    assert (article.title, article.text.strip(), warnings) == ("", "Only one paragraph, no headline.", [])


def test_txt_bom_and_crlf_are_read(tmp_path: Path) -> None:
    [article], _ = read(write(tmp_path / "w.txt", "\ufeffTitle\r\n\r\nBody.\r\n".encode()))
    assert article.title == "Title"
    assert article.text == "\r\nBody.\r\n"


def test_txt_utf16_with_bom_is_read(tmp_path: Path) -> None:
    [article], _ = read(write(tmp_path / "w.txt", "Title\n\nCafé body.\n".encode("utf-16")))
    assert article.title == "Title"
    assert "Café" in article.text


def test_txt_few_bad_bytes_are_replaced_with_warning(tmp_path: Path) -> None:
    data = b"Title\n\n" + b"A long enough body of plain ASCII text. " * 10 + b"\xff end.\n"
    [article], [warning] = read(write(tmp_path / "w.txt", data))
    assert "\ufffd end." in article.text
    assert "replaced" in warning


def test_txt_ten_megabytes_reads_whole_under_a_raised_limit(tmp_path: Path) -> None:
    paragraph = "The ministry said on Monday that 42 people had been evacuated from the area. "
    path = write(tmp_path / "big.txt", "Big\n\n" + (paragraph * 10 + "\n\n") * 13_000)
    assert path.stat().st_size > 10_000_000
    [article], warnings = read(path, max_input_bytes=20_000_000)
    assert warnings == []
    assert len(article.text) > 10_000_000


# --- bad input: a warning naming the file, no article ---------------------------


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b" \n\t\n\xc2\xa0\n", "empty"),
        ("nul.txt", b"Title\n\nBody\x00\x01\x02 text\n", "binary"),
        ("ctrl.txt", bytes(range(1, 9)) * 200, "binary"),
        ("latin1.txt", "Título\n\nÉl está aquí, señor.".encode("cp1252"), "not valid UTF-8"),
        ("random.md", bytes(range(128, 256)) * 40, "not valid UTF-8"),
        ("page.html", b"<html><head><title>T</title></head><body></body></html>", "no main text found"),
        ("page.htm", b"<html></html>", "no main text found"),
        ("paper.pdf", b"%PDF-1.4", "PDF"),
        ("bad.json", b'{"text": "unterminated', "not valid JSON"),
        ("notext.json", b'{"title": "No body"}', "no `text`"),
    ],
)
def test_bad_input_warns_and_gives_no_article(tmp_path: Path, name: str, content: bytes, reason: str) -> None:
    path = write(tmp_path / name, content)
    articles, [warning] = read(path)
    assert articles == []
    assert warning.startswith(f"{path}: ")
    assert reason in warning


def test_missing_path_warns(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    articles, [warning] = read(missing)
    assert articles == []
    assert warning.startswith(f"{missing}: no such file or folder")


def test_file_over_size_limit_warns_with_size_and_limit(tmp_path: Path) -> None:
    path = write(tmp_path / "big.txt", "Title\n\n" + "x" * 1000)
    articles, [warning] = read(path, max_input_bytes=100)
    assert articles == []
    assert "1,007 bytes" in warning
    assert "limit of 100 bytes" in warning


def test_bad_file_does_not_stop_the_others(tmp_path: Path) -> None:
    good = write(tmp_path / "good.txt", "Title\n\nBody.")
    bad = write(tmp_path / "bad.txt", b"\x00\x01")
    articles, warnings = read(bad, good, tmp_path / "missing.txt")
    assert [a.id for a in articles] == ["good"]
    assert len(warnings) == 2


# --- folders ------------------------------------------------------------------


def test_folder_read_recursively_sorted_skipping_hidden(tmp_path: Path) -> None:
    write(tmp_path / "b.txt", "B\n\nbody b")
    write(tmp_path / "a.md", "# A\n\nbody a")
    write(tmp_path / "sub" / "c.txt", "C\n\nbody c")
    write(tmp_path / ".hidden.txt", "H\n\nbody h")
    write(tmp_path / ".git" / "d.txt", "D\n\nbody d")
    write(tmp_path / "photo.jpg", b"\xff\xd8\xff")
    write(tmp_path / "page.html", "<html></html>")
    articles, warnings = read(tmp_path)
    assert [a.id for a in articles] == ["a", "b", "c"]
    assert articles[2].source == str(tmp_path / "sub" / "c.txt")
    assert [w.split(": ")[0] for w in warnings] == [str(tmp_path / "page.html")]


def test_empty_folder_warns(tmp_path: Path) -> None:
    articles, [warning] = read(tmp_path)
    assert articles == []
    assert "no readable files" in warning


def test_id_collisions_get_suffixes(tmp_path: Path) -> None:
    one = write(tmp_path / "x" / "story.txt", "A\n\nbody")
    two = write(tmp_path / "y" / "story.txt", "B\n\nbody")
    three = write(tmp_path / "z" / "story.md", "C\n\nbody")
    articles, _ = read(one, two, three)
    assert [a.id for a in articles] == ["story", "story-2", "story-3"]


# --- JSON and JSONL ---------------------------------------------------------------


def test_json_object_keeps_fields(tmp_path: Path) -> None:
    record = {
        "id": "a1",
        "text": "Body.",
        "title": "T",
        "url": "https://x.example/a",
        "outlet": "DW",
        "published": "2022-08-15T10:00:00Z",
        "language": "en",
    }
    [article], warnings = read(write(tmp_path / "one.json", json.dumps(record)))
    assert warnings == []
    assert (article.id, article.text, article.raw, article.title) == ("a1", "Body.", "Body.", "T")
    assert (article.url, article.outlet, article.language) == (record["url"], "DW", "en")
    assert article.published == "2022-08-15T10:00:00Z"


def test_json_list_ids_default_to_file_and_number(tmp_path: Path) -> None:
    records = [{"text": "one"}, {"id": 7, "text": "two"}, {"text": "three"}]
    articles, _ = read(write(tmp_path / "feed.json", json.dumps(records)))
    assert [a.id for a in articles] == ["feed-1", "7", "feed-3"]
    assert {a.source for a in articles} == {str(tmp_path / "feed.json")}


def test_json_bad_published_is_dropped_with_warning(tmp_path: Path) -> None:
    path = write(tmp_path / "a.json", json.dumps({"text": "Body.", "published": "last Monday"}))
    [article], [warning] = read(path)
    assert article.published is None
    assert "last Monday" in warning and "ISO 8601" in warning


def test_jsonl_bad_line_warns_and_keeps_others(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "a", "text": "First."}),
        "{not json",
        "",
        json.dumps({"title": "no text"}),
        json.dumps({"text": "Fifth."}),
    ]
    path = write(tmp_path / "feed.jsonl", "\n".join(lines))
    articles, warnings = read(path)
    assert [(a.id, a.source) for a in articles] == [("a", f"{path}:1"), ("feed-5", f"{path}:5")]
    assert [w.split(": ")[0] for w in warnings] == [f"{path}:2", f"{path}:4"]


def test_jsonl_many_bad_lines_are_capped(tmp_path: Path) -> None:
    path = write(tmp_path / "junk.jsonl", "nope\n" * 100)
    articles, warnings = read(path)
    assert articles == []
    assert len(warnings) == 21
    assert "80 more" in warnings[-1]


def test_json_holding_several_objects_is_read_as_jsonl(tmp_path: Path) -> None:
    path = write(tmp_path / "feed.json", '{"text": "one"}\n{"text": "two"}\n')
    articles, warnings = read(path)
    assert [a.source for a in articles] == [f"{path}:1", f"{path}:2"]
    assert warnings == []


# --- in-memory records -------------------------------------------------------------


def test_read_records_mixes_dicts_and_articles() -> None:
    ready = Article(id="a1", text="Ready.")
    articles, warnings = read_records([{"id": "a1", "text": "Dict."}, ready, {"text": ""}, "nope"])
    assert [a.id for a in articles] == ["a1", "a1-2"]
    assert articles[1].raw == "Ready."
    assert [w.split(": ")[0] for w in warnings] == ["<records>:3", "<records>:4"]


def test_read_records_field_of_wrong_type_is_dropped() -> None:
    [article], [warning] = read_records([{"text": "Body.", "url": 5}], source="api")
    assert article.url is None
    assert warning.startswith("api:1: `url`")
    assert article.id == "api-1"


# --- anything at all -------------------------------------------------------------------


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=2000), suffix=st.sampled_from([".txt", ".md", ".json", ".jsonl", ".dat", ""]))
def test_readers_survive_arbitrary_bytes(tmp_path: Path, data: bytes, suffix: str) -> None:
    path = write(tmp_path / f"any{suffix}", data)
    articles, warnings = read(path)
    assert all(isinstance(w, str) and w.startswith(str(path)) for w in warnings)
    assert articles or warnings
    assert all(a.text.strip() and a.raw == a.text for a in articles)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    records=st.lists(
        st.dictionaries(
            st.sampled_from(["id", "text", "published", "title"]), st.none() | st.integers() | st.text()
        )
    )
)
def test_read_records_survive_arbitrary_records(records: list[dict[str, object]]) -> None:
    articles, warnings = read_records(records)
    assert len({a.id for a in articles}) == len(articles)
    assert len(articles) + sum(": record has no" in w or "expected" in w for w in warnings) == len(records)
