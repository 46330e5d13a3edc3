"""Pipeline internals that a report's content does not show: work done once per distinct sentence."""

from __future__ import annotations

import numpy as np
import pytest

import crosscheck.pipeline as pipeline
from conftest import EXAMPLE
from crosscheck.model import Article
from crosscheck.settings import Settings

pytestmark = pytest.mark.model


def test_a_copys_sentences_are_embedded_once_and_get_their_originals_vectors(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    settings = Settings.load()
    title, body = (EXAMPLE / "metro_wire.txt").read_text(encoding="utf-8").split("\n", 1)
    wire = Article(id="wire", title=title, text=body.strip())
    other_title, other_body = (EXAMPLE / "coastal_herald.txt").read_text(encoding="utf-8").split("\n", 1)
    other = Article(id="herald", title=other_title, text=other_body.strip())
    analysed = [pipeline.analyse(a, settings=settings) for a in (wire, other, wire.with_(id="reprint"))]
    embedder = pipeline._embedder(settings)
    encoded: list[str] = []

    class Recording:
        def encode(self, texts: list[str]) -> np.ndarray:
            encoded.extend(texts)
            return embedder.encode(texts)

    monkeypatch.setattr(pipeline, "_embedder", lambda _: Recording())
    vectors = pipeline._embed(analysed, settings)
    assert len(encoded) == len(set(encoded)) == len(analysed[0].features) + len(analysed[1].features)
    assert np.array_equal(vectors[0], vectors[2])
    herald = embedder.encode([f.text for f in analysed[1].features])
    assert np.allclose(vectors[1], herald, atol=1e-5)
