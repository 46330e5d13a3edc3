"""Pick the model's decision thresholds on generated dev pairs (stories never trained on).

`contradiction`: the P(contradiction) above which the verifier adds a conflict
no detector found, set so that at most `max_false_alarm` of the consistent and
unrelated news pairs pass it. `veto`: the P(entailment) above which a typed
finding is dropped, set so that at most `max_false_alarm` of the edited
contradictions reach it. Both are written into the model's config.json, where
`verification.nli` reads them; the veto is written only when asked for,
because it is kept only where it measurably lowers false alarms.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from crosscheck.training.pairs import Corpus, Pair, batch_at, load_corpus
from crosscheck.verification.nli import COLUMNS, NLIModel


@dataclass(frozen=True, slots=True)
class Calibration:
    contradiction: float
    contradiction_recall: float  # share of dev contradictions at or above it
    veto: float
    veto_recall: float  # share of dev consistent pairs at or above it
    pairs: int


def dev_pairs(corpus: Corpus, n: int, seed: int = 1) -> list[Pair]:
    """News pairs only: the NLI samples' held-out part is kept for evaluation."""
    out: list[Pair] = []
    step = 0
    while len(out) < n:
        out += [p for p in batch_at(corpus, seed, step, 64) if not p.source.startswith(("mnli", "snli"))]
        step += 1
    return out[:n]


def calibrate(probs: np.ndarray, labels: list[str], max_false_alarm: float = 0.01) -> Calibration:
    contra = probs[:, COLUMNS.index("contradiction")]
    entail = probs[:, COLUMNS.index("entailment")]
    is_contra = np.array([lab == "contradiction" for lab in labels])
    is_consistent = np.array([lab == "entailment" for lab in labels])
    add = float(np.quantile(contra[~is_contra], 1 - max_false_alarm))
    veto = float(np.quantile(entail[is_contra], 1 - max_false_alarm))
    return Calibration(
        contradiction=round(add, 4),
        contradiction_recall=float((contra[is_contra] >= add).mean()),
        veto=round(veto, 4),
        veto_recall=float((entail[is_consistent] >= veto).mean()),
        pairs=len(labels),
    )


def write_thresholds(model: Path, calibration: Calibration, *, veto: bool) -> None:
    config_path = model / "config.json"
    config = json.loads(config_path.read_text())
    config["thresholds"] = {"contradiction": calibration.contradiction}
    if veto:
        config["thresholds"]["veto"] = calibration.veto
    config["calibration"] = {
        "dev_pairs": calibration.pairs,
        "contradiction_recall": round(calibration.contradiction_recall, 3),
        "veto": calibration.veto,
        "veto_recall_of_consistent": round(calibration.veto_recall, 3),
    }
    config_path.write_text(json.dumps(config, indent=2))


def main(
    model: Path, data: Path, *, n: int = 2000, cache: Path | None = None, veto: bool = False
) -> Calibration:
    corpus = load_corpus(data, split="dev", cache=cache)
    pairs = dev_pairs(corpus, n)
    probs = NLIModel(model).predict([(p.premise, p.hypothesis) for p in pairs])
    result = calibrate(probs, [p.label for p in pairs])
    write_thresholds(model, result, veto=veto)
    return result


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(prog="python -m crosscheck.training.calibrate", description=__doc__)
    parser.add_argument("model", type=Path)
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--pairs", type=int, default=2000)
    parser.add_argument("--cache", type=Path, default=None)
    parser.add_argument("--veto", action="store_true")
    args = parser.parse_args()
    print(main(args.model, args.data, n=args.pairs, cache=args.cache, veto=args.veto))
