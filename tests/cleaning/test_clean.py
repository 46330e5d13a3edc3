from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crosscheck.cleaning import clean
from crosscheck.cleaning.boilerplate import is_boilerplate
from crosscheck.cleaning.normalize import normalize_line
from crosscheck.model import Article
from crosscheck.reading import read_paths
from crosscheck.settings import Settings

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"  # beside the repo, as in conftest.py
NBSP = "\u00a0"
BODY = [
    "Putin wrote to Kim that the two countries would expand their relations with joint efforts.",
    "According to Putin, closer ties meet the interests of both countries and the Near East Asia region.",
    "Kim replied that strategic and tactical cooperation had reached a new level, KCNA said.",
    "Background",
    "In February, North Korea recognised the two breakaway republics in eastern Ukraine.",
]


def seed(prefix: str) -> Article:
    assert SEEDS.is_dir(), f"the seed reports belong in {SEEDS} (../shared beside the checkout)"
    [path] = SEEDS.glob(f"{prefix}_*.txt")
    [article], _ = read_paths([path], settings=Settings())
    return clean(article)


def sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", text) if s.strip()]


def assert_removals_index_raw(article: Article) -> None:
    previous_end = 0
    for removal in article.removed:
        assert previous_end <= removal.start < removal.end <= len(article.raw)
        assert article.raw[removal.start : removal.end] == removal.text
        previous_end = removal.end


# --- seeds ----------------------------------------------------------------------------


def test_seed_000_title_repeat_and_second_copy_removed() -> None:
    article = seed("000")
    kinds = [r.kind for r in article.removed]
    assert kinds == ["repeated_title", "duplicate_block"]
    assert article.text.count("Near East Asia") == 1
    assert article.title not in article.text
    assert NBSP not in article.text
    assert "\n\n\n" not in article.text
    assert_removals_index_raw(article)


def test_seed_000_keeps_every_sentence_of_the_first_copy() -> None:
    article = seed("000")
    first_copy = article.raw[article.removed[0].end : article.removed[1].start]
    paragraphs = [normalize_line(line) for line in first_copy.splitlines() if normalize_line(line)]
    assert len(paragraphs) == 7
    assert article.text == "\n\n".join(paragraphs)
    for sentence in sentences(" ".join(paragraphs)):
        assert sentence in article.text
    assert article.text.startswith("Putin in his letter promises Kim Jong-un")


def test_seed_003_read_full_article_is_boilerplate() -> None:
    article = seed("003")
    assert [(r.kind, r.text) for r in article.removed] == [("boilerplate", "Source: Read Full Article")]
    assert "Read Full Article" not in article.text
    assert article.text.endswith("nationalist groups.”")


# --- the same mess, without the seed files ------------------------------------------


def pasted_twice() -> Article:
    title = "Putin promised Kim to expand relations"
    copy = f"\n\n{NBSP}\n\n".join(BODY)
    raw = f"\n{title}\n\n{copy}\n\n\n\n\n{copy}\n\nSource: Read Full Article"
    return Article(id="a", text=raw, raw=raw, title=title)


def test_clean_pasted_body_keeps_first_copy_once() -> None:
    article = clean(pasted_twice())
    assert article.text == "\n\n".join(BODY)
    assert [r.kind for r in article.removed] == ["repeated_title", "duplicate_block", "boilerplate"]
    assert article.removed[1].text.startswith(BODY[0]) and article.removed[1].text.endswith(BODY[-1])
    assert_removals_index_raw(article)


def test_clean_is_idempotent_and_keeps_input() -> None:
    original = pasted_twice()
    once = clean(original)
    assert clean(once) == once
    assert original.text == original.raw  # the input is not changed


def test_clean_without_raw_cleans_text() -> None:
    article = clean(Article(id="a", text="One line.\n\n\n\nTwo  lines.  "))
    assert (article.raw, article.text) == ("One line.\n\n\n\nTwo  lines.  ", "One line.\n\nTwo lines.")


# --- normalisation --------------------------------------------------------------------


def test_normalize_spaces_nfc_and_blank_lines() -> None:
    raw = f"Cafe\u0301{NBSP}and\u2009tea\u200b \t\n \u3000 \n\n\nNext\u00a0para.\r\nSame para."
    article = clean(Article(id="a", text=raw))
    assert article.text == "Café and tea\n\nNext para.\nSame para."
    assert article.removed == ()


# --- repeated title ---------------------------------------------------------------------


def test_title_repeat_ignores_case_space_and_punctuation() -> None:
    raw = "PUTIN  promised Kim: to expand relations!\nBody sentence here.\n\nMore body."
    article = clean(Article(id="a", text=raw, title="Putin promised Kim to expand relations"))
    assert article.text == "Body sentence here.\n\nMore body."
    assert [r.kind for r in article.removed] == ["repeated_title"]


def test_title_repeated_later_as_standalone_line() -> None:
    raw = "First paragraph.\n\nPutin Promised Kim\n\nLast paragraph mentions putin promised kim too."
    article = clean(Article(id="a", text=raw, title="Putin promised Kim"))
    assert article.text == "First paragraph.\n\nLast paragraph mentions putin promised kim too."


# --- duplicates ----------------------------------------------------------------------------


def test_duplicate_paragraph_with_other_quotes_and_case_removed() -> None:
    first = "He said the “joint efforts” would continue, officials added on Monday."
    again = 'HE SAID THE "joint efforts" would continue,  officials added on Monday.'
    article = clean(Article(id="a", text=f"{first}\n\nMiddle part.\n\n{again}"))
    assert article.text == f"{first}\n\nMiddle part."
    assert [r.kind for r in article.removed] == ["duplicate_block"]


def test_near_duplicate_long_paragraph_removed() -> None:
    first = "The ministry said the evacuation of the coastal villages would be finished by Friday evening."
    near = "The ministry said the evacuation of the coastal villages will be finished by Friday evening."
    article = clean(Article(id="a", text=f"{first}\n\n{near}"))
    assert article.text == first


def test_near_duplicate_with_other_numbers_is_kept() -> None:
    first = "The ministry said 12 people were evacuated from the coastal villages by Friday evening."
    other = "The ministry said 15 people were evacuated from the coastal villages by Friday evening."
    article = clean(Article(id="a", text=f"{first}\n\n{other}"))
    assert article.text == f"{first}\n\n{other}"


def test_long_paragraph_contained_in_earlier_text_removed() -> None:
    lede = (
        "Officials confirmed the talks. The two leaders will meet in Vladivostok next month to sign the deal."
    )
    pull_quote = "The two leaders will meet in Vladivostok next month to sign the deal."
    article = clean(Article(id="a", text=f"{lede}\n\n{pull_quote}\n\nEnd."))
    assert article.text == f"{lede}\n\nEnd."


def test_short_repeat_kept_alone_removed_inside_a_repeated_block() -> None:
    body = "\n\n".join(BODY)
    fresh = "A closing paragraph with words not used before."
    article = clean(Article(id="a", text=f"Yes.\n\n{body}\n\nYes.\n\n{fresh}\n\n{body}"))
    assert article.text == f"Yes.\n\n{body}\n\nYes.\n\n{fresh}"
    assert article.text.count("Background") == 1


def test_longer_later_paragraph_is_kept() -> None:
    short = "The two leaders will meet in Vladivostok next month to sign the long awaited deal."
    longer = f"{short} Both sides said the text was agreed."
    article = clean(Article(id="a", text=f"{short}\n\n{longer}"))
    assert article.text == f"{short}\n\n{longer}"


# --- boilerplate ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Advertisement",
        "ADVERTISEMENT",
        "— Advertisement —",
        "Source: Read Full Article",
        "Read Full Article",
        "Read more: Putin and Kim meet in Vladivostok",
        "Subscribe to our newsletter for daily updates",
        "Sign up for our morning briefing",
        "Share this article",
        "Share on Facebook Twitter WhatsApp",
        "Facebook Twitter LinkedIn Email",
        "Follow us on Twitter @dwnews",
        "Follow DW on Instagram",
        "Click here to read the full interview",
        "All rights reserved.",
        "© 2024 Deutsche Welle",
        "Copyright 2022 Reuters",
        "Related: North Korea tests new missile",
        "Image caption",
        "Image caption, Kim Jong Un at a parade",
        "Photo: Reuters",
        "This article was originally published on The Conversation.",
        "Reporting by Josh Smith; Editing by Michael Perry",
        "(Additional reporting by Jane Doe in Seoul)",
        "Story continues below advertisement",
        "Get the latest headlines delivered to your inbox every morning.",
        "Listen to this article",
        "The Associated Press contributed to this report.",
        "Associated Press writers Zeke Miller and Lisa Mascaro contributed reporting to this story.",
    ],
)
def test_boilerplate_lines_match(line: str) -> None:
    assert is_boilerplate(line)


@pytest.mark.parametrize(
    "line",
    [
        "Follow the money, investigators said.",
        "Sign language interpreters were present at the summit.",
        "Photographs of the meeting were released by KCNA on Tuesday.",
        "Reporting by state media suggested the letter was delivered on Monday.",
        "Subscribers to the service were told of the outage.",
        "Norway contributed to the talks, the ministry said.",
        "Three donors contributed to this fund, which is now closed.",
        "Putin said copyright law would be reviewed.",
        "Advertisement revenue fell by a third in 2022, the company said.",
        "Read more about this topic in our guide, said the minister in his speech to parliament on "
        "Monday, adding that the whole report would follow soon afterwards.",
    ],
)
def test_boilerplate_leaves_real_sentences(line: str) -> None:
    assert not is_boilerplate(line)


def test_boilerplate_removed_inside_text() -> None:
    raw = "First para.\n\nADVERTISEMENT\n\nSecond para.\nShare this article\n\nThird."
    article = clean(Article(id="a", text=raw))
    assert article.text == "First para.\n\nSecond para.\n\nThird."
    assert [r.text for r in article.removed] == ["ADVERTISEMENT", "Share this article"]


# --- properties -----------------------------------------------------------------------------

LINES = st.sampled_from(["Advertisement", "Title here", "Same words again and again here.", BODY[0], BODY[3]])
ANY_LINE = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=60)
RAW = st.lists(st.one_of(LINES, ANY_LINE, st.just(""), st.just(NBSP)), max_size=30).flatmap(
    lambda lines: st.sampled_from(["\n", "\r\n", "\n\n"]).map(lambda sep: sep.join(lines))
)


@settings(max_examples=300, deadline=None)
@given(raw=RAW, title=st.sampled_from(["", "Title here", BODY[0]]))
def test_clean_removals_index_raw_and_words_come_from_raw(raw: str, title: str) -> None:
    article = clean(Article(id="a", text=raw, title=title))
    assert article.raw == raw
    assert_removals_index_raw(article)
    assert set(article.text.split()) <= set(normalize_line(raw).split())
    assert "\n\n\n" not in article.text and article.text == article.text.strip()
    assert clean(article) == article


@settings(max_examples=100, deadline=None)
@given(
    words=st.lists(st.text("abcdefghij", min_size=3, max_size=8), min_size=3, max_size=60, unique=True),
    cuts=st.lists(st.integers(3, 15), min_size=1, max_size=10),
)
def test_clean_body_pasted_twice_equals_body(words: list[str], cuts: list[int]) -> None:
    paragraphs, rest = [], list(words)
    for cut in cuts:
        if len(rest) >= 3:
            paragraphs.append(" ".join(rest[: max(cut, 3)]) + ".")
            rest = rest[max(cut, 3) :]
    body = "\n\n".join(p for p in paragraphs if not is_boilerplate(p))
    article = clean(Article(id="a", text=f"{body}\n\n{body}"))
    assert article.text == body
