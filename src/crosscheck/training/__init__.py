"""Training the NLI cross-encoder crosscheck ships: pairs generated from real news, edits that
contradict them, a resumable CPU training loop, ONNX int8 export and threshold calibration.

Needs the `train` extra (torch, transformers, the all-MiniLM-L6-v2 weights, onnx); importing
this package alone imports none of them.
"""

from __future__ import annotations

from crosscheck.training.train import TrainConfig, train

__all__ = ["TrainConfig", "train"]
