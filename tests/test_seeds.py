"""The defining example (DEVELOPERS.md): 000 is a degraded rewrite of what 003 reports."""

from __future__ import annotations

import pytest

import crosscheck
from crosscheck.model import ClaimResult, Report


@pytest.fixture(scope="module")
def report(seed_paths, settings) -> Report:
    return crosscheck.check([str(p) for p in seed_paths], settings=settings)


def claim(report: Report, article_prefix: str, contains: str) -> ClaimResult:
    found = [c for c in report.claims if c.article.startswith(article_prefix) and contains in c.text]
    assert len(found) == 1, f"{contains!r}: {[c.text for c in found]}"
    return found[0]


@pytest.mark.parametrize(
    ("contains", "kinds", "evidence_contains"),
    [
        ("June 15", {"date"}, "August 15"),
        ("reduction of bilateral ties", {"antonym"}, "expand"),
        ("In February, North Korea recognized", {"date"}, "The same month"),
        ("Moscow has broken with Pyongyang", {"attribution"}, "severed relations with Pyongyang"),
        ("Near East Asia", {"entity"}, "Northeastern Asian"),
    ],
)
def test_seed_rewrite_conflicts_are_found_with_evidence(report, contains, kinds, evidence_contains) -> None:
    result = claim(report, "000", contains)
    assert result.verdict == "contradicted"
    matching = [c for c in result.conflicts if c.kind in kinds and evidence_contains in c.text]
    assert matching, [(c.kind, c.detail, c.text[:60]) for c in result.conflicts]
    assert all(c.article.startswith("003") for c in matching)


def test_seed_date_detail_reads_at_a_glance(report) -> None:
    result = claim(report, "000", "June 15")
    assert any(c.detail.startswith("June 15 ≠") and "August 15" in c.detail for c in result.conflicts)


@pytest.mark.parametrize(
    "contains",
    [
        "strategic and tactical cooperation, support and solidarity",
        "KCNA did not specify",
        'would use "joint efforts" to expand "all-round and constructive"',
    ],
)
def test_seed_shared_facts_are_corroborated_without_conflict(report, contains) -> None:
    result = claim(report, "000", contains)
    assert result.verdict == "corroborated", [(c.kind, c.detail) for c in result.conflicts]
    assert result.independent_sources == 1
    assert result.support[0].article.startswith("003")


def test_seed_cleaning_removes_repeats_and_boilerplate(report) -> None:
    rewrite, independent = sorted(report.articles, key=lambda a: a.id)
    kinds = {r.kind for r in rewrite.removed}
    assert {"repeated_title", "duplicate_block"} <= kinds
    assert rewrite.text.count("Near East Asia") == 1
    assert rewrite.text.count("Punggye-ri underground test site") == 1
    assert any(r.kind == "boilerplate" and "Read Full Article" in r.text for r in independent.removed)
    assert "Read Full Article" not in independent.text


def test_seed_report_offsets_slice_the_cleaned_text(report) -> None:
    texts = {a.id: a.text for a in report.articles}
    for result in report.claims:
        assert texts[result.article][result.start : result.end] == result.text
        for evidence in (*result.support, *result.conflicts):
            assert texts[evidence.article][evidence.start : evidence.end] == evidence.text


def test_seed_articles_are_not_copies_of_each_other(report) -> None:
    assert all(a.copy_of is None for a in report.articles)
