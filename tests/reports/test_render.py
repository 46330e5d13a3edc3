from __future__ import annotations

import json

import pytest

from crosscheck.errors import UsageError
from crosscheck.model import Article, ClaimResult, Conflict, Evidence, Removal, Report
from crosscheck.reports import FORMATS, render
from crosscheck.reports._highlight import highlight_pair, parse_detail

CLAIM = "The summit opens on June 15 in Geneva."
EVIDENCE = "Leaders meet on august 15 in Geneva."
CORROBORATED = "Forty delegations will attend."
UNVERIFIED = "Security will be tight."


def make_report(*, contradicted_text: str = CLAIM) -> Report:
    a1_text = f"{contradicted_text} {CORROBORATED} {UNVERIFIED}"
    a2_text = f"{EVIDENCE} {CORROBORATED}"
    articles = (
        Article(
            id="a1",
            text=a1_text,
            title="Summit in June",
            outlet="Daily",
            removed=(Removal("boilerplate", 0, 24, "Subscribe to our newsletter"),),
        ),
        Article(id="a2", text=a2_text, title="Summit in August", outlet="Weekly"),
    )
    conflict = Conflict("a2", 0, len(EVIDENCE), EVIDENCE, "date", "June 15 ≠ August 15", 0.88)
    start = len(contradicted_text) + 1
    claims = (
        ClaimResult("a1:0", "a1", 0, len(contradicted_text), contradicted_text, conflicts=(conflict,)),
        ClaimResult(
            "a1:1",
            "a1",
            start,
            start + len(CORROBORATED),
            CORROBORATED,
            support=(Evidence("a2", len(EVIDENCE) + 1, len(a2_text), CORROBORATED, 0.95),),
            independent_sources=1,
        ),
        ClaimResult("a1:2", "a1", len(a1_text) - len(UNVERIFIED), len(a1_text), UNVERIFIED),
    )
    return Report(articles=articles, claims=claims, warnings=("bad.html: could not be read",))


def test_render_json_has_contract_keys_and_counts() -> None:
    data = json.loads(render(make_report(), "json"))
    assert set(data) >= {"schema", "tool", "articles", "claims", "summary", "warnings"}
    assert data["schema"] == "crosscheck.report/1"
    assert data["summary"] == {
        "articles": 2,
        "claims": 3,
        "corroborated": 1,
        "contradicted": 1,
        "unverified": 1,
    }
    assert data["claims"][0]["conflicts"][0]["detail"] == "June 15 ≠ August 15"


def test_render_json_keeps_non_ascii() -> None:
    assert "≠" in render(make_report(), "json")


def test_render_markdown_puts_contradictions_first_and_bolds_difference() -> None:
    out = render(make_report(), "markdown")
    assert out.index("## Contradictions") < out.index("## Corroborated")
    assert "**June 15**" in out
    assert "**august 15**" in out  # matched case-insensitively, original case kept
    assert "**June 15 ≠ August 15**" in out
    assert "| Claim (article a1) | Evidence (article a2) |" in out
    assert "Subscribe to our newsletter" in out
    assert "bad.html" in out


def test_render_markdown_escapes_pipes_in_table_cells() -> None:
    out = render(make_report(contradicted_text="Votes | on June 15 | were *counted*."), "markdown")
    row = next(line for line in out.splitlines() if line.startswith("| Votes"))
    assert row.count("|") - row.count("\\|") == 3  # two cells: three unescaped pipes
    assert "\\*counted\\*" in row


def test_render_text_shows_conflicts_before_corroborated() -> None:
    out = render(make_report(), "text")
    assert "June 15 ≠ August 15" in out
    assert CLAIM in out
    assert EVIDENCE in out
    assert out.index("June 15 ≠ August 15") < out.index("Corroborated claims")
    assert "\x1b[" not in out


def test_render_text_keeps_brackets_literal() -> None:
    out = render(make_report(contradicted_text="[bold]June 15[/bold] it is."), "text")
    assert "[bold]June 15[/bold]" in out


def test_render_unknown_format_raises_usage_error() -> None:
    with pytest.raises(UsageError, match="json, html, markdown, text"):
        render(make_report(), "pdf")
    assert FORMATS == ("json", "html", "markdown", "text")


def test_highlight_parse_detail() -> None:
    assert parse_detail("June 15 ≠ August 15") == ("June 15", "August 15")
    assert parse_detail("the minister denied it") is None


def test_highlight_pair_swaps_reversed_detail() -> None:
    left, right = highlight_pair(CLAIM, EVIDENCE, "August 15 ≠ June 15")
    assert ("June 15", True) in left
    assert ("august 15", True) in right


def test_render_html_shows_the_clash_side_by_side_marked_and_escaped() -> None:
    page = render(
        make_report(contradicted_text="The <script>alert(1)</script> summit opens on June 15."), "html"
    )
    assert page.startswith("<!doctype html>")
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "<mark>June 15</mark>" in page and "<mark>august 15</mark>" in page
    assert page.index("Contradictions") < page.index("Corroborated") < page.index("Single-source")
    assert "bad.html: could not be read" in page


def test_render_html_lists_a_clash_once_whichever_side_reports_it() -> None:
    report = make_report()
    claim, conflict = report.claims[0], report.claims[0].conflicts[0]
    mirror = ClaimResult(
        "a2:0",
        "a2",
        conflict.start,
        conflict.end,
        conflict.text,
        conflicts=(Conflict("a1", claim.start, claim.end, claim.text, "date", "August 15 ≠ June 15", 0.88),),
    )
    page = render(Report(report.articles, (*report.claims, mirror)), "html")
    assert page.count('class="conflict"') == 1
