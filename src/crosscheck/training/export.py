"""Export a trained cross-encoder to ONNX and quantise it to int8, ready for `verification.nli.NLIModel`.

The folder written holds `model.onnx`, `tokenizer.json` and a `config.json`
whose `id2label` gives the label order, which is all the runtime reads: no
torch, no transformers.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import warnings
from pathlib import Path

OPSET = 17


def export(checkpoint: Path, output: Path, *, max_length: int = 96, quantize: bool = True) -> Path:
    """Write checkpoint (a transformers folder) as an int8 ONNX model folder; returns `output`."""
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    model = AutoModelForSequenceClassification.from_pretrained(str(checkpoint), attn_implementation="eager")
    model.eval()
    tokenizer = AutoTokenizer.from_pretrained(str(checkpoint))
    sample = tokenizer(["A premise."], ["A hypothesis."], return_tensors="pt")
    names = ["input_ids", "attention_mask", "token_type_ids"]
    output.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        fp32 = Path(tmp) / "model.onnx"
        with warnings.catch_warnings():  # tracer warnings about shape checks are expected, not errors
            warnings.simplefilter("ignore")
            _trace(model, tuple(sample[n] for n in names), fp32, names)
        if quantize:
            quantize_dynamic(str(fp32), str(output / "model.onnx"), weight_type=QuantType.QInt8)
        else:
            shutil.copy(fp32, output / "model.onnx")
    tokenizer.backend_tokenizer.save(str(output / "tokenizer.json"))
    config = model.config
    (output / "config.json").write_text(
        json.dumps(
            {
                "model_type": config.model_type,
                "id2label": {str(k): v for k, v in config.id2label.items()},
                "max_length": max_length,
                "int8": quantize,
            },
            indent=2,
        )
    )
    return output


def _trace(model: object, inputs: tuple[object, ...], path: Path, names: list[str]) -> None:
    import torch

    torch.onnx.export(
        _LogitsOnly(model),
        inputs,
        str(path),
        input_names=names,
        output_names=["logits"],
        dynamic_axes={**{n: {0: "batch", 1: "tokens"} for n in names}, "logits": {0: "batch"}},
        opset_version=OPSET,
        dynamo=False,
    )


class _LogitsOnly:
    """Wraps the model so the traced graph takes positional tensors and returns only the logits."""

    def __new__(cls, model: object) -> object:
        import torch

        class Wrapper(torch.nn.Module):
            def __init__(self) -> None:
                super().__init__()
                self.model = model

            def forward(self, input_ids, attention_mask, token_type_ids):  # type: ignore[no-untyped-def]
                return self.model(
                    input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
                ).logits

        return Wrapper()
