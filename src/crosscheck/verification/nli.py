"""The NLI cross-encoder: P(entailment / neutral / contradiction) for (premise, hypothesis) pairs.

A folder with `model.onnx`, `tokenizer.json` and a `config.json` whose
`id2label` names the labels (what `python -m crosscheck.training` writes) runs
on onnxruntime with the tokenizers library, so a check needs no torch; a
Hugging Face model name or a folder without ONNX runs through transformers (an
optional install). No model ships yet: the one trained on 2 CPU cores was at
chance (docs/model.md), so the verifier runs without one unless given one. Label order is always read from the
model's config, never assumed.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from crosscheck.errors import ModelNotFound

DISABLED = frozenset({"", "none", "off"})
COLUMNS = ("entailment", "neutral", "contradiction")  # the column order of every `predict` result
_ALIASES = {"entail": "entailment", "contradict": "contradiction", "not_entailment": "neutral"}


class NLIScorer(Protocol):
    def predict(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray: ...


class NLIModel:
    """An ONNX sequence-classification model: batched, length-sorted, on a fixed number of threads."""

    def __init__(self, folder: Path, *, threads: int = 2, batch_size: int = 32):
        import onnxruntime as ort
        from tokenizers import Tokenizer

        config = json.loads((folder / "config.json").read_text())
        self.columns = column_order(config.get("id2label", {}), str(folder))
        self.thresholds: dict[str, float] = config.get("thresholds", {})
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        self.session = ort.InferenceSession(
            str(folder / "model.onnx"), options, providers=["CPUExecutionProvider"]
        )
        self.inputs = {i.name for i in self.session.get_inputs()}
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.enable_truncation(int(config.get("max_length", 128)))
        self.tokenizer.enable_padding()
        self.batch_size = batch_size

    def predict(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        """Probabilities, one row per (premise, hypothesis) pair, columns in `COLUMNS` order."""
        out = np.zeros((len(pairs), len(COLUMNS)), dtype=np.float32)
        order = sorted(range(len(pairs)), key=lambda i: len(pairs[i][0]) + len(pairs[i][1]))
        for start in range(0, len(order), self.batch_size):
            idx = order[start : start + self.batch_size]
            out[idx] = self._batch([pairs[i] for i in idx])
        return out

    def _batch(self, pairs: list[tuple[str, str]]) -> np.ndarray:
        enc = self.tokenizer.encode_batch(pairs)
        feeds = {
            "input_ids": np.array([e.ids for e in enc], dtype=np.int64),
            "attention_mask": np.array([e.attention_mask for e in enc], dtype=np.int64),
            "token_type_ids": np.array([e.type_ids for e in enc], dtype=np.int64),
        }
        logits = self.session.run(None, {k: v for k, v in feeds.items() if k in self.inputs})[0]
        return _to_columns(_softmax(logits), self.columns)


class TransformersNLI:
    """A Hugging Face sequence-classification NLI model (needs torch and transformers)."""

    def __init__(self, name_or_path: str, *, threads: int = 2, offline: bool = True, batch_size: int = 32):
        try:
            import torch
            from transformers import AutoModelForSequenceClassification, AutoTokenizer
        except ImportError as exc:
            raise ModelNotFound(
                name_or_path,
                "transformers backend (no model.onnx in a folder, or a hub name)",
                "pip install transformers, or give a folder with model.onnx, tokenizer.json and config.json.",
            ) from exc
        if offline:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
        try:
            self.tokenizer = AutoTokenizer.from_pretrained(name_or_path, local_files_only=offline)
            self.model = AutoModelForSequenceClassification.from_pretrained(
                name_or_path, local_files_only=offline
            )
        except OSError as exc:
            raise ModelNotFound(
                name_or_path,
                f"transformers (offline={offline})",
                "Pass a local folder, or set CROSSCHECK_OFFLINE=0 to download from the hub.",
            ) from exc
        torch.set_num_threads(threads)
        self.model.eval()
        self.columns = column_order(self.model.config.id2label, name_or_path)
        self.thresholds: dict[str, float] = {}
        self.batch_size = batch_size

    def predict(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        import torch

        rows = []
        for start in range(0, len(pairs), self.batch_size):
            chunk = pairs[start : start + self.batch_size]
            enc = self.tokenizer(
                [p for p, _ in chunk],
                [h for _, h in chunk],
                truncation=True,
                padding=True,
                return_tensors="pt",
            )
            with torch.no_grad():
                logits = self.model(**enc).logits.numpy()
            rows.append(_to_columns(_softmax(logits), self.columns))
        return np.concatenate(rows) if rows else np.zeros((0, len(COLUMNS)), dtype=np.float32)


def column_order(id2label: dict[Any, str], name: str) -> list[int]:
    """For each of the model's outputs, its column in `COLUMNS` (-1 for a label crosscheck does not use)."""
    labels = {int(k): str(v).lower() for k, v in id2label.items()}
    named = [_ALIASES.get(v, v) for _, v in sorted(labels.items())]
    if "entailment" not in named or "contradiction" not in named:
        raise ModelNotFound(
            name,
            f"an NLI model whose config names entailment and contradiction (id2label: {labels})",
            "Use a 3-way NLI model (entailment / neutral / contradiction) with labelled outputs.",
        )
    return [COLUMNS.index(n) if n in COLUMNS else -1 for n in named]


def _softmax(logits: np.ndarray) -> np.ndarray:
    z = np.exp(logits - logits.max(axis=1, keepdims=True))
    return z / z.sum(axis=1, keepdims=True)


def _to_columns(probs: np.ndarray, columns: list[int]) -> np.ndarray:
    out = np.zeros((len(probs), len(COLUMNS)), dtype=np.float32)
    for i, col in enumerate(columns):
        if col >= 0:
            out[:, col] += probs[:, i]
    return out


@lru_cache(maxsize=4)
def load_nli(
    name_or_path: str, *, threads: int = 2, offline: bool = True
) -> NLIModel | TransformersNLI | None:
    """An ONNX folder, a transformers folder or hub name; None when "" / "none"."""
    if name_or_path.strip().lower() in DISABLED:
        return None
    path = Path(name_or_path)
    if path.is_dir() and (path / "model.onnx").exists():
        if not (path / "tokenizer.json").exists() or not (path / "config.json").exists():
            raise ModelNotFound(
                name_or_path,
                f"tokenizer.json and config.json beside model.onnx in {path}",
                "Export with both.",
            )
        return NLIModel(path, threads=threads)
    return TransformersNLI(name_or_path, threads=threads, offline=offline)
