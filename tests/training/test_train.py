"""Training end to end on a tiny randomly initialised BERT: the loss falls, resume is exact,
the exported ONNX model agrees with torch, and the verifier can swap it in."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
import torch
from transformers import AutoModelForSequenceClassification, AutoTokenizer, BertConfig, BertModel
from typer.testing import CliRunner

from crosscheck.faces.cli import app
from crosscheck.training.export import export
from crosscheck.training.pairs import LABELS, Corpus, Pair
from crosscheck.training.train import TrainConfig, default_backbone, encode, train
from crosscheck.verification.nli import NLIModel, load_nli

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "harbour-bridge"
SAMPLE = (
    Pair(
        "The council approved the budget on Tuesday.", "The council approved the budget.", "entailment", "t"
    ),
    Pair(
        "The council approved the budget on Tuesday.",
        "The council rejected the budget.",
        "contradiction",
        "t",
    ),
    Pair("The council approved the budget on Tuesday.", "The mayor plans to resign.", "neutral", "t"),
    Pair("Police arrested two men in Leeds.", "Police arrested two men.", "entailment", "t"),
    Pair("Police arrested two men in Leeds.", "Police did not arrest anyone.", "contradiction", "t"),
    Pair("Police arrested two men in Leeds.", "The men were brothers.", "neutral", "t"),
    Pair("Shares rose 5% after the report.", "Shares fell 5% after the report.", "contradiction", "t"),
    Pair("Shares rose 5% after the report.", "Shares rose.", "entailment", "t"),
)


@pytest.fixture(scope="module")
def tiny_backbone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("tiny-bert")
    tokenizer = AutoTokenizer.from_pretrained(default_backbone())
    config = BertConfig(
        vocab_size=tokenizer.vocab_size,
        hidden_size=32,
        num_hidden_layers=2,
        num_attention_heads=2,
        intermediate_size=64,
        max_position_embeddings=128,
    )
    torch.manual_seed(0)
    BertModel(config).save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


def _config(backbone: Path, output: Path, steps: int = 100) -> TrainConfig:
    return TrainConfig(
        output=output,
        backbone=str(backbone),
        steps=steps,
        batch_size=8,
        learning_rate=5e-3,
        warmup=2,
        max_length=48,
        freeze_layers=0,
        freeze_embeddings=False,  # random ones: the tiny model must learn them
        checkpoint_every=50,
        export=False,
    )


def _loss(folder: Path) -> float:
    model = AutoModelForSequenceClassification.from_pretrained(str(folder))
    tokenizer = AutoTokenizer.from_pretrained(str(folder))
    model.eval()
    with torch.no_grad():
        labels = torch.tensor([LABELS.index(p.label) for p in SAMPLE])
        return model(**encode(tokenizer, list(SAMPLE), 48), labels=labels).loss.item()


@pytest.fixture(scope="module")
def trained(tiny_backbone: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    output = tmp_path_factory.mktemp("run")
    return train(_config(tiny_backbone, output), corpus=Corpus((), (), (), SAMPLE))


def test_loss_falls(trained: Path, tiny_backbone: Path, tmp_path: Path) -> None:
    untrained = train(_config(tiny_backbone, tmp_path, steps=0), corpus=Corpus((), (), (), SAMPLE))
    before, after = _loss(untrained), _loss(trained)
    assert after < 0.7 * before, (before, after)
    log = [json.loads(line) for line in (trained.parent / "log.jsonl").read_text().splitlines()]
    assert [r["step"] for r in log] == list(range(1, 101))


def test_resume_continues_where_it_stopped(tiny_backbone: Path, tmp_path: Path) -> None:
    corpus = Corpus((), (), (), SAMPLE)
    unbroken = train(_config(tiny_backbone, tmp_path / "unbroken", steps=10), corpus=corpus)
    config = replace(_config(tiny_backbone, tmp_path / "broken", steps=10), max_minutes=1e-9)
    train(config, corpus=corpus)  # stops after its first step
    state = torch.load(tmp_path / "broken" / "checkpoint" / "state.pt", weights_only=False)
    assert state["step"] == 1
    resumed = train(replace(config, max_minutes=0.0), corpus=corpus)
    a = AutoModelForSequenceClassification.from_pretrained(str(resumed)).state_dict()
    b = AutoModelForSequenceClassification.from_pretrained(str(unbroken)).state_dict()
    assert all(torch.allclose(a[k], b[k], atol=1e-5) for k in a)


def test_onnx_gives_the_labels_torch_gives(trained: Path, tmp_path: Path) -> None:
    folder = export(trained, tmp_path / "fp32", max_length=48, quantize=False)
    pairs = [(p.premise, p.hypothesis) for p in SAMPLE] + [
        ("A short one.", "And a much longer hypothesis here.")
    ]
    onnx_probs = NLIModel(folder).predict(pairs)
    model = AutoModelForSequenceClassification.from_pretrained(str(trained))
    tokenizer = AutoTokenizer.from_pretrained(str(trained))
    model.eval()
    with torch.no_grad():
        logits = model(**encode(tokenizer, [Pair(p, h, "neutral", "") for p, h in pairs], 48)).logits
    torch_probs = torch.softmax(logits, dim=1).numpy()
    assert (onnx_probs.argmax(1) == torch_probs.argmax(1)).all()
    assert np.allclose(onnx_probs, torch_probs, atol=1e-4)
    int8 = export(trained, tmp_path / "int8", max_length=48)
    assert (int8 / "model.onnx").stat().st_size < (folder / "model.onnx").stat().st_size


def test_label_order_comes_from_the_config(trained: Path, tmp_path: Path) -> None:
    folder = export(trained, tmp_path / "a", max_length=48, quantize=False)
    swapped = tmp_path / "b"
    shutil.copytree(folder, swapped)
    config = json.loads((swapped / "config.json").read_text())
    config["id2label"] = {"0": "contradiction", "1": "neutral", "2": "entailment"}
    (swapped / "config.json").write_text(json.dumps(config))
    pairs = [(p.premise, p.hypothesis) for p in SAMPLE]
    assert np.allclose(NLIModel(folder).predict(pairs)[:, ::-1], NLIModel(swapped).predict(pairs))


def test_cli_swaps_in_a_local_model(trained: Path, tmp_path: Path) -> None:
    folder = export(trained, tmp_path / "swap", max_length=48)
    config = json.loads((folder / "config.json").read_text())
    config["thresholds"] = {
        "contradiction": 0.0
    }  # every judged pair the detectors pass over becomes a conflict
    (folder / "config.json").write_text(json.dumps(config))
    load_nli.cache_clear()
    runner = CliRunner()
    kinds = {}
    for name in (str(folder), "none"):
        result = runner.invoke(app, ["check", str(EXAMPLE), "--nli-model", name, "--format", "json"])
        assert result.exit_code == 0, result.output
        report = json.loads(result.stdout)
        kinds[name] = [c["kind"] for claim in report["claims"] for c in claim["conflicts"]]
    assert "other" in kinds[str(folder)] and "other" not in kinds["none"]
    assert len(kinds[str(folder)]) > len(kinds["none"])
