"""`python -m crosscheck.training`: the one command that reproduces the shipped NLI model."""

from __future__ import annotations

import argparse
import logging
from dataclasses import fields
from pathlib import Path

from crosscheck.training.train import TrainConfig, train


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m crosscheck.training", description=__doc__)
    defaults = TrainConfig()
    for f in fields(TrainConfig):
        value = getattr(defaults, f.name)
        flag = "--" + f.name.replace("_", "-")
        if isinstance(value, bool):
            parser.add_argument(flag, action=argparse.BooleanOptionalAction, default=value)
        else:
            kind = float if isinstance(value, float) else int if isinstance(value, int) else str
            parser.add_argument(flag, type=kind, default=value)
    args = vars(parser.parse_args(argv))
    for name in ("data", "output", "cache"):
        if args[name] is not None and args[name] != "":
            args[name] = Path(args[name])
        elif name == "cache":
            args[name] = None
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    print(train(TrainConfig(**args)))


if __name__ == "__main__":
    main()
