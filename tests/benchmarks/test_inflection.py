"""The small inflection helper behind the antonym corruption."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.inflection import inflect, match_case  # noqa: E402


@pytest.mark.parametrize(
    ("lemma", "tag", "form"),
    [
        ("decrease", "VBD", "decreased"),
        ("fall", "VBZ", "falls"),
        ("fall", "VBD", "fell"),
        ("fall", "VBN", "fallen"),
        ("reject", "VBN", "rejected"),
        ("lose", "VBG", "losing"),
        ("stop", "VBD", "stopped"),
        ("open", "VBD", "opened"),
        ("prefer", "VBD", "preferred"),
        ("deny", "VBZ", "denies"),
        ("deny", "VBD", "denied"),
        ("loss", "NNS", "losses"),
        ("minority", "NNS", "minorities"),
        ("illegal", "JJ", "illegal"),
        ("lie", "VBG", "lying"),
    ],
)
def test_inflect_regular_and_irregular(lemma: str, tag: str, form: str) -> None:
    assert inflect(lemma, tag) == form


@pytest.mark.parametrize(("lemma", "tag"), [("small", "JJR"), ("be", "VBD"), ("two words", "VB")])
def test_inflect_refuses_what_it_cannot_do(lemma: str, tag: str) -> None:
    assert inflect(lemma, tag) is None


def test_match_case() -> None:
    assert match_case("fell", "Rose") == "Fell"
    assert match_case("fell", "ROSE") == "FELL"
    assert match_case("fell", "rose") == "fell"
