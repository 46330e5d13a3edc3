"""Seconds to check the seed pair: cold (fresh process, models loaded) and warm.

    python benchmarks/speed.py [--repeat 5]

Cold is measured in a fresh Python process from `import crosscheck` to the
finished report, so it includes loading spaCy, the ONNX embedder and the
lexicons; warm is a second check in the same process (the models cached).
Both print as a Markdown table for docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"

_CHILD = """
import json, sys, time
start = time.perf_counter()
import crosscheck
paths = sys.argv[1:]
crosscheck.check(paths)
cold = time.perf_counter() - start
warm = []
for _ in range(3):
    t = time.perf_counter()
    crosscheck.check(paths)
    warm.append(time.perf_counter() - t)
print(json.dumps({"cold": cold, "warm": min(warm)}))
"""


def measure(paths: list[str]) -> dict[str, float]:
    out = subprocess.run([sys.executable, "-c", _CHILD, *paths], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="fresh processes to time")
    parser.add_argument("--seeds", type=Path, default=SEEDS)
    args = parser.parse_args()
    paths = [str(p) for p in sorted(args.seeds.glob("*.txt"))]
    runs = [measure(paths) for _ in range(args.repeat)]
    cold = [r["cold"] for r in runs]
    warm = [r["warm"] for r in runs]
    print("| measure | median s | max s | target |")
    print("|---|---|---|---|")
    print(f"| cold (fresh process, model load) | {statistics.median(cold):.2f} | {max(cold):.2f} | ≤ 3 |")
    print(f"| warm (models loaded) | {statistics.median(warm):.2f} | {max(warm):.2f} | ≤ 1 |")
    print(f"\n{args.repeat} processes, {time.strftime('%Y-%m-%d')}, {len(paths)} seed reports")


if __name__ == "__main__":
    main()
