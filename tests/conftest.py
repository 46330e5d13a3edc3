"""Shared fixtures: paths to ../shared and the bundled example, one Settings for all."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from crosscheck.settings import Settings

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "seeds"
EXAMPLE = REPO / "examples" / "harbour-bridge"


@pytest.fixture(scope="session")
def settings() -> Settings:
    return Settings.load()


@pytest.fixture(scope="session")
def nlp(settings: Settings):
    from crosscheck.models.loading import load_spacy

    return load_spacy(settings.spacy_model)


@pytest.fixture(scope="session")
def seed_paths() -> list[Path]:
    paths = sorted(SEEDS.glob("*.txt"))
    assert len(paths) == 2, f"expected the two seed reports in {SEEDS}"
    return paths


# -- the command line, as a user runs it ---------------------------------------------------------


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "crosscheck.faces.cli", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=300,
    )


def assert_clean_failure(result: subprocess.CompletedProcess[str], code: int, message: str) -> None:
    assert result.returncode == code, result.stderr
    assert "Traceback" not in result.stderr
    assert message in result.stderr
