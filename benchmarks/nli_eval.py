"""Evaluate an NLI model as crosscheck uses it: claim-vs-document consistency, NLI accuracy, speed.

    python benchmarks/nli_eval.py --model runs/nli/model [--frank 400] [--top-k 6] [--out FILE.json]

Prints Markdown tables for docs/model.md and writes every figure to --out.

- SummaC subsets (FactCC, XSumFaith, Polytope, SummEval): SummaC-ZS style. The
  document is split into sentences; for each summary sentence the `top-k`
  document sentences sharing most words are scored as premises; the sentence's
  score is P(entailment) of the best-supporting minus P(contradiction) of the
  most-contradicting one, and the summary's score is the mean over its
  sentences. Balanced accuracy at a fixed threshold of 0 (no tuning on these
  sets), and with the threshold tuned by 2-fold cross-validation inside each set.
- FRANK: the same score; Spearman correlation with the human factuality, and
  per error type the share of summaries with that error scored below 0 beside
  the share of error-free summaries scored below 0 (a random sample of --frank).
- ANLI dev R1–R3 (evaluation only, CC BY-NC): 3-way accuracy, and contradiction
  recall per inference type (dates, numbers, negation, names).
- The held-out part of the MNLI-m/mm and SNLI samples (the rest was training data).
- Speed: pairs per second on --threads threads, model size, load time.
"""

from __future__ import annotations

import argparse
import ast
import json
import random
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
SUMMAC_SETS = ("factcc", "xsumfaith", "polytope", "summeval")
FRANK_ERRORS = ("RelE", "EntE", "CircE", "OutE", "GramE", "CorefE", "LinkE", "Other")
ANLI_TYPES = {"dates": "Dates", "numbers": "Numerical", "negation": "Negation", "names": "Reference-Names"}
_STOP = frozenset(
    "the and for that with was were has have had from this are his her its their they said".split()
)

Scorer = Callable[[list[tuple[str, str]]], np.ndarray]


def sentences(text: str) -> list[str]:
    parts = re.split(r"(?<=[.!?])\s+|\n+", text)
    return [p.strip() for p in parts if len(p.split()) >= 3]


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]{3,}", text.lower()) if w not in _STOP}


def consistency_scores(items: list[tuple[str, str]], predict: Scorer, top_k: int) -> list[float]:
    """SummaC-ZS-style score per (document, summary): mean over summary sentences of best e − worst c."""
    plan: list[tuple[int, int, int]] = []  # (item, summary sentence, pair row)
    pairs: list[tuple[str, str]] = []
    for i, (document, summary) in enumerate(items):
        doc = sentences(document) or [document]
        doc_words = [_words(s) for s in doc]
        for k, claim in enumerate(sentences(summary) or [summary]):
            words = _words(claim)
            ranked = sorted(range(len(doc)), key=lambda j: -len(words & doc_words[j]))[:top_k]
            for j in ranked:
                plan.append((i, k, len(pairs)))
                pairs.append((doc[j], claim))
    probs = predict(pairs)
    best: dict[tuple[int, int], list[float]] = {}
    for i, k, row in plan:
        e, c = best.setdefault((i, k), [0.0, 0.0])
        best[(i, k)] = [max(e, float(probs[row, 0])), max(c, float(probs[row, 2]))]
    per_item: dict[int, list[float]] = {}
    for (i, _), (e, c) in best.items():
        per_item.setdefault(i, []).append(e - c)
    return [statistics.mean(per_item.get(i, [0.0])) for i in range(len(items))]


def balanced_accuracy(scores: list[float], labels: list[int], threshold: float) -> float:
    pred = [int(s >= threshold) for s in scores]
    recalls = []
    for cls in (0, 1):
        idx = [i for i, y in enumerate(labels) if y == cls]
        if idx:
            recalls.append(sum(pred[i] == cls for i in idx) / len(idx))
    return statistics.mean(recalls)


def cross_validated(scores: list[float], labels: list[int], seed: int = 0) -> float:
    """Balanced accuracy with the threshold tuned on one half and applied to the other (both ways)."""
    order = list(range(len(scores)))
    random.Random(seed).shuffle(order)
    halves = [order[::2], order[1::2]]
    results = []
    for tune, test in (halves, halves[::-1]):
        candidates = sorted({scores[i] for i in tune})
        best = max(
            candidates,
            key=lambda t: balanced_accuracy([scores[i] for i in tune], [labels[i] for i in tune], t),
        )
        results.append(balanced_accuracy([scores[i] for i in test], [labels[i] for i in test], best))
    return statistics.mean(results)


def eval_summac(predict: Scorer, data: Path, top_k: int) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in SUMMAC_SETS:
        rows = list(json.loads((data / "summac_benchmark_subsets" / f"{name}.json").read_text()).values())
        labels = [int(r["label"]) for r in rows]
        scores = consistency_scores([(r["document"], r["claim"]) for r in rows], predict, top_k)
        out[name] = {
            "n": len(rows),
            "inconsistent": labels.count(0),
            "bacc_fixed": balanced_accuracy(scores, labels, 0.0),
            "bacc_cv": cross_validated(scores, labels),
        }
    for key in ("bacc_fixed", "bacc_cv"):
        out[f"mean_{key}"] = statistics.mean(out[n][key] for n in SUMMAC_SETS)
    return out


def eval_frank(predict: Scorer, data: Path, top_k: int, sample: int) -> dict[str, Any]:
    from scipy.stats import spearmanr

    rows = [json.loads(line) for line in (data / "frank" / "frank_joined.jsonl").open()]
    rows = random.Random(0).sample(rows, min(sample, len(rows)))
    scores = consistency_scores([(r["article"], r["summary"]) for r in rows], predict, top_k)
    factuality = [float(r["Factuality"]) for r in rows]
    clean = [s for s, r in zip(scores, rows, strict=True) if float(r["Factuality"]) == 1.0]
    out: dict[str, Any] = {
        "n": len(rows),
        "spearman": float(spearmanr(scores, factuality).statistic),
        "clean": {"n": len(clean), "flagged": sum(s < 0 for s in clean) / max(len(clean), 1)},
    }
    for error in FRANK_ERRORS:  # the column is 1.0 when the summary has no such error
        with_error = [s for s, r in zip(scores, rows, strict=True) if float(r[error]) < 1.0]
        out[error] = {
            "n": len(with_error),
            "flagged": sum(s < 0 for s in with_error) / max(len(with_error), 1),
        }
    return out


def eval_anli(predict: Scorer, data: Path) -> dict[str, Any]:
    rows = [
        json.loads(line) for line in (data / "anli_dev_annotated" / "anli_dev_r1-r3_with_types.jsonl").open()
    ]
    probs = predict([(r["premise"], r["hypothesis"]) for r in rows])
    labels = ("entailment", "neutral", "contradiction")
    pred = [labels[i] for i in probs.argmax(axis=1)]
    out: dict[str, Any] = {}
    for rnd in ("R1", "R2", "R3"):
        idx = [i for i, r in enumerate(rows) if r["round"] == rnd]
        out[rnd] = {"n": len(idx), "accuracy": sum(pred[i] == rows[i]["label"] for i in idx) / len(idx)}
    for name, code in ANLI_TYPES.items():
        idx = [
            i
            for i, r in enumerate(rows)
            if r["label"] == "contradiction" and any(code in c for c in _codes(r["inference_type_codes"]))
        ]
        out[f"recall_{name}"] = {
            "n": len(idx),
            "recall": sum(pred[i] == "contradiction" for i in idx) / max(len(idx), 1),
        }
    contra = [i for i, r in enumerate(rows) if r["label"] == "contradiction"]
    out["recall_all"] = {
        "n": len(contra),
        "recall": sum(pred[i] == "contradiction" for i in contra) / len(contra),
    }
    return out


def _codes(value: Any) -> list[str]:
    if isinstance(value, list):
        return [str(v) for v in value]
    try:
        parsed = ast.literal_eval(str(value))
        return [str(v) for v in parsed] if isinstance(parsed, list | tuple) else [str(value)]
    except (ValueError, SyntaxError):
        return str(value).split()


def eval_nli_samples(predict: Scorer, data: Path) -> dict[str, Any]:
    from crosscheck.training.pairs import read_nli

    held_out = read_nli(data, held_out=True)
    probs = predict([(p.premise, p.hypothesis) for p in held_out])
    labels = ("entailment", "neutral", "contradiction")
    out = {}
    for name in ("mnli_matched", "mnli_mismatched", "snli"):
        idx = [i for i, p in enumerate(held_out) if p.source == name]
        out[name] = {
            "n": len(idx),
            "accuracy": sum(labels[probs[i].argmax()] == held_out[i].label for i in idx) / len(idx),
        }
    return out


def eval_speed(model_name: str, threads: int, data: Path) -> dict[str, Any]:
    from crosscheck.training.pairs import read_stories
    from crosscheck.verification import nli

    started = time.perf_counter()
    model = nli.load_nli.__wrapped__(model_name, threads=threads)
    load_s = time.perf_counter() - started
    news = [s for story in read_stories(data)[:200] for doc in story.documents for s in doc]
    pairs = [(news[i], news[i + 1]) for i in range(0, min(len(news) - 1, 2000), 2)]
    model.predict(pairs[:64])
    started = time.perf_counter()
    model.predict(pairs)
    seconds = time.perf_counter() - started
    folder = Path(model_name)
    size = sum(p.stat().st_size for p in folder.glob("*") if p.is_file()) if folder.is_dir() else 0
    return {
        "pairs": len(pairs),
        "pairs_per_s": len(pairs) / seconds,
        "load_s": load_s,
        "size_mb": size / 1e6,
        "threads": threads,
    }


def markdown(results: dict[str, Any]) -> str:
    s, f, a, n, sp = (results[k] for k in ("summac", "frank", "anli", "nli_samples", "speed"))
    lines = [
        "| SummaC subset | n (inconsistent) | balanced acc., threshold 0 | balanced acc., 2-fold tuned |",
        "|---|---|---|---|",
    ]
    for name in SUMMAC_SETS:
        r = s[name]
        lines.append(
            f"| {name} | {r['n']} ({r['inconsistent']}) "
            f"| {100 * r['bacc_fixed']:.1f} | {100 * r['bacc_cv']:.1f} |"
        )
    lines.append(f"| **mean** | | **{100 * s['mean_bacc_fixed']:.1f}** | **{100 * s['mean_bacc_cv']:.1f}** |")
    lines += [
        "",
        f"FRANK ({f['n']} summaries): Spearman ρ with human factuality {f['spearman']:.3f}",
        "",
        "| FRANK error type | summaries | flagged (score < 0) |",
        "|---|---|---|",
        f"| none (factuality 1.0) | {f['clean']['n']} | {100 * f['clean']['flagged']:.1f}% |",
    ]
    lines += [f"| {e} | {f[e]['n']} | {100 * f[e]['flagged']:.1f}% |" for e in FRANK_ERRORS]
    lines += ["", "| ANLI dev | n | accuracy |", "|---|---|---|"]
    lines += [f"| {r} | {a[r]['n']} | {100 * a[r]['accuracy']:.1f} |" for r in ("R1", "R2", "R3")]
    lines += ["", "| ANLI contradictions by inference type | n | recall |", "|---|---|---|"]
    lines += [
        f"| {t} | {a['recall_' + t]['n']} | {100 * a['recall_' + t]['recall']:.1f} |"
        for t in (*ANLI_TYPES, "all")
    ]
    lines += ["", "| held-out NLI sample | n | accuracy |", "|---|---|---|"]
    lines += [f"| {k} | {v['n']} | {100 * v['accuracy']:.1f} |" for k, v in n.items()]
    lines += [
        "",
        f"Speed: {sp['pairs_per_s']:.0f} sentence pairs/s on {sp['threads']} threads "
        f"({sp['pairs']} news pairs); "
        f"load {sp['load_s']:.2f} s; model folder {sp['size_mb']:.1f} MB",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", required=True, help="ONNX folder (crosscheck.training) or HF name")
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--top-k", type=int, default=6, help="document sentences scored per summary sentence")
    parser.add_argument("--frank", type=int, default=400, help="FRANK summaries sampled")
    parser.add_argument("--parts", default="summac,frank,anli,nli,speed")
    parser.add_argument("--out", type=Path, default=Path("benchmarks/results/nli_eval.json"))
    args = parser.parse_args()
    from crosscheck.verification.nli import load_nli

    model = load_nli(args.model, threads=args.threads)
    if model is None:
        sys.exit("no model: --model is disabled")
    predict: Scorer = model.predict
    parts = set(args.parts.split(","))
    results: dict[str, Any] = {"command": " ".join(["python", *sys.argv]), "model": args.model}
    steps: dict[str, Callable[[], Any]] = {
        "summac": lambda: eval_summac(predict, args.data, args.top_k),
        "frank": lambda: eval_frank(predict, args.data, args.top_k, args.frank),
        "anli": lambda: eval_anli(predict, args.data),
        "nli_samples": lambda: eval_nli_samples(predict, args.data),
        "speed": lambda: eval_speed(args.model, args.threads, args.data),
    }
    for key, run in steps.items():
        if key.split("_")[0] in parts:
            started = time.perf_counter()
            results[key] = run()
            print(f"{key}: {time.perf_counter() - started:.0f}s", file=sys.stderr)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2))
    if all(k in results for k in steps):
        print(markdown(results))
    else:
        print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
