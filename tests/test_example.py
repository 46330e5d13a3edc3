"""The bundled example story against its gold answers (examples/harbour-bridge.expected.json)."""

from __future__ import annotations

import json

import pytest

import crosscheck
from conftest import EXAMPLE
from crosscheck.model import ClaimResult, Report

EXPECTED = json.loads((EXAMPLE.parent / "harbour-bridge.expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def report(settings) -> Report:
    return crosscheck.check([str(EXAMPLE)], settings=settings)


def claim(report: Report, article: str, contains: str) -> ClaimResult:
    found = [c for c in report.claims if c.article == article and contains in c.text]
    assert len(found) == 1, (article, contains, [c.text for c in found])
    return found[0]


@pytest.mark.parametrize("gold", EXPECTED["conflicts"], ids=lambda g: g["kind"])
def test_example_planted_conflicts_are_found_and_typed(report, gold) -> None:
    result = claim(report, gold["claim_article"], gold["claim_contains"])
    matching = [
        c
        for c in result.conflicts
        if c.article == gold["evidence_article"] and gold["evidence_contains"] in c.text
    ]
    assert matching, [(c.article, c.kind, c.detail) for c in result.conflicts]
    assert gold["kind"] in {c.kind for c in matching}


@pytest.mark.parametrize("gold", EXPECTED["corroborated"], ids=lambda g: g["claim_contains"][:30])
def test_example_shared_facts_are_corroborated_by_independent_outlets(report, gold) -> None:
    result = claim(report, gold["claim_article"], gold["claim_contains"])
    assert result.support, result.verdict
    assert {e.article for e in result.support} & set(gold["by"])
    assert "metro_wire_syndicated" not in {
        e.article for e in result.support if result.article == "metro_wire"
    }


def test_example_copy_is_linked_and_not_a_witness(report) -> None:
    links = {a.id: a.copy_of for a in report.articles}
    for gold in EXPECTED["copies"]:
        assert links[gold["copy"]] == gold["of"]
    for result in report.claims:
        if result.article == "metro_wire":
            assert all(e.article != "metro_wire_syndicated" for e in result.support)


@pytest.mark.parametrize("gold", EXPECTED["removed"], ids=lambda g: g["kind"])
def test_example_cleaning_removes_planted_material(report, gold) -> None:
    article = next(a for a in report.articles if a.id == gold["article"])
    assert any(r.kind == gold["kind"] and gold["contains"] in r.text for r in article.removed)
