"""Pipeline internals: work done once per distinct sentence, and copy groups that hold together."""

from __future__ import annotations

import numpy as np
import pytest

import crosscheck
import crosscheck.pipeline as pipeline
from conftest import EXAMPLE
from crosscheck.model import Article
from crosscheck.settings import Settings

pytestmark = pytest.mark.model


def test_a_copys_sentences_are_one_unit_with_its_originals_and_embedded_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    settings = Settings.load()
    title, body = (EXAMPLE / "metro_wire.txt").read_text(encoding="utf-8").split("\n", 1)
    wire = Article(id="wire", title=title, text=body.strip())
    other_title, other_body = (EXAMPLE / "coastal_herald.txt").read_text(encoding="utf-8").split("\n", 1)
    other = Article(id="herald", title=other_title, text=other_body.strip())
    reprint = wire.with_(id="reprint", text="Advertisement\n\n" + wire.text)  # its sentences start later
    analysed = [pipeline.analyse(a, settings=settings) for a in (wire, other, reprint)]
    units = pipeline._Units.of(analysed, ["wire", "herald", "wire"])
    assert units.of_claim[2] == units.of_claim[0] and units.members == [[0, 2], [1]]
    assert len(units.features) == len(analysed[0].features) + len(analysed[1].features)
    assert units.stated_by[units.of_claim[0][3]] == [(0, 3), (2, 3)]
    embedder = pipeline._embedder(settings)
    encoded: list[str] = []

    class Recording:
        def encode(self, texts: list[str]) -> np.ndarray:
            encoded.extend(texts)
            return embedder.encode(texts)

    monkeypatch.setattr(pipeline, "_embedder", lambda _: Recording())
    features = [f for a in analysed for f in a.features]
    vectors = pipeline._embed(features, settings)
    assert len(encoded) == len(set(encoded)) == len(analysed[0].features) + len(analysed[1].features)
    wire_rows = len(analysed[0].features)
    assert np.array_equal(vectors[:wire_rows], vectors[-wire_rows:])
    herald = embedder.encode([f.text for f in analysed[1].features])
    assert np.allclose(vectors[wire_rows:-wire_rows], herald, atol=1e-5)


def test_a_corpus_copy_link_stands_when_check_mode_would_point_it_the_other_way(settings) -> None:
    """In a corpus the first arrival is the witness, even when it is a trimmed cut and the full
    text came later. Check mode, seeing no dates, takes the longer text as the original; the two
    views must make one group, or the copy corroborates its own source."""
    title, body = (EXAMPLE / "metro_wire.txt").read_text(encoding="utf-8").split("\n", 1)
    paragraphs = [p for p in body.strip().split("\n\n") if p.strip()]
    trimmed = Article(id="trimmed", title=title, text="\n\n".join(paragraphs[: len(paragraphs) // 2]))
    full = Article(id="full", title=title, text=body.strip(), copy_of="trimmed")
    report = crosscheck.check([trimmed, full], settings=settings)
    assert {a.id: a.copy_of for a in report.articles} == {"trimmed": None, "full": "trimmed"}
    assert all(c.verdict == "unverified" and c.independent_sources == 0 for c in report.claims)
    assert any(c.copies for c in report.claims if c.article == "trimmed")


def test_a_report_in_a_language_the_claim_models_do_not_read_is_listed_not_compared(settings) -> None:
    """The English parser reads an Arabic or German sentence as a string of odd names: compared,
    it would contradict everything. Its claims stay unverified, and a warning says why."""
    records = [
        {"id": "de", "text": "Der Bundestag hat am Donnerstag ein neues Gesetz beschlossen. "
         "Die Opposition stimmte dagegen, sagte ein Sprecher der Fraktion in Berlin."},
        {"id": "en1", "text": "The German parliament passed a new law on Thursday. "
         "The opposition voted against it, a spokesman for the group said in Berlin."},
        {"id": "en2", "text": "Germany's parliament approved the new law on Thursday in Berlin. "
         "Opposition lawmakers voted against the bill, according to a party spokesman."},
    ]  # fmt: skip
    report = crosscheck.check(records, settings=settings)
    assert [a.language for a in report.articles] == ["de", "en", "en"]
    assert any("de: written in de" in w for w in report.warnings)
    german = [c for c in report.claims if c.article == "de"]
    assert german and all(c.verdict == "unverified" for c in german)
    assert all(e.article != "de" for c in report.claims for e in (*c.support, *c.conflicts))
    assert any(c.verdict == "corroborated" for c in report.claims if c.article == "en1")


def test_a_lightly_reworded_copy_says_what_its_original_says(settings) -> None:
    """A copy desk's rewording ("brought to" for "taken to", "forty" for "40") restates the
    wire's sentence: it is not aligned with the other outlets again, and the copy's claim gets
    the wire's outcome against them."""
    title, body = (EXAMPLE / "metro_wire.txt").read_text(encoding="utf-8").split("\n", 1)
    wire = Article(id="wire", title=title, text=body.strip())
    reworded = body.replace("There were 40 vehicles", "There were forty vehicles").replace(
        "The bus driver was taken to", "The bus driver was brought to"
    )
    assert reworded != body
    copy = Article(id="copy", title=title, text=reworded.strip())
    herald_title, herald_body = (EXAMPLE / "coastal_herald.txt").read_text(encoding="utf-8").split("\n", 1)
    herald = Article(id="herald", title=herald_title, text=herald_body.strip())
    analysed = [pipeline.analyse(a, settings=settings) for a in (wire, herald, copy)]
    units = pipeline._Units.of(analysed, ["wire", "herald", "wire"])
    vectors = pipeline._embed(units.features, settings)
    _, restating = pipeline._aligned_within(units, vectors, settings)
    assert set(restating) == set(units.of_claim[2]) - set(units.of_claim[0]) != set()
    assert set(restating.values()) <= set(units.of_claim[0])
    between = pipeline._aligned_between(units, vectors, settings, restating)
    assert not any(p.claim_unit in restating or p.evidence_unit in restating for p in between)

    report = crosscheck.check([wire, herald, copy], settings=settings)
    assert {a.id: a.copy_of for a in report.articles}["copy"] == "wire"
    wire_claims = [c for c in report.claims if c.article == "wire"]
    copy_claims = [c for c in report.claims if c.article == "copy"]
    assert len(wire_claims) == len(copy_claims)
    assert any(c.text != w.text for c, w in zip(copy_claims, wire_claims, strict=True))
    for c, w in zip(copy_claims, wire_claims, strict=True):
        assert c.verdict == w.verdict, (c.text, w.text)
        assert {(x.article, x.kind, x.detail) for x in c.conflicts} == {
            (x.article, x.kind, x.detail) for x in w.conflicts
        }
        assert [e.article for e in c.support] == [e.article for e in w.support]
    hospital = next(c for c in copy_claims if "brought to" in c.text)
    assert hospital.verdict == "contradicted" and hospital.conflicts[0].article == "herald"
