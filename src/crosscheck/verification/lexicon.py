"""Antonym lookup for the contradiction detectors, from a compact WordNet 3.0 table.

The table ``data/antonyms.tsv`` ships with the package. It is derived from the
Princeton WordNet 3.0 database (licence in ``data/WORDNET_LICENSE``) by
``scripts/build_lexicon.py``, so that crosscheck needs neither nltk nor the 36 MB
WordNet database at run time. Each line is ``word<TAB>antonym antonym ...``; the
relation is symmetric and lower case. Entries are dictionary forms (lemmas) plus
the inflected forms that WordNet lists as words of their own (``increased``), so
callers should look up lemmas: ``approve``/``reject`` are antonyms, but
``approved``/``rejected`` are not in the table as a pair.
"""

from __future__ import annotations

import functools
from importlib import resources

__all__ = ["antonyms", "are_antonyms"]

_EMPTY: frozenset[str] = frozenset()


@functools.lru_cache(maxsize=1)
def _table() -> dict[str, frozenset[str]]:
    """Read the packaged table once: word -> its antonyms."""
    text = (
        resources.files("crosscheck.verification").joinpath("data/antonyms.tsv").read_text(encoding="ascii")
    )
    table: dict[str, frozenset[str]] = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        word, _, others = line.partition("\t")
        table[word] = frozenset(others.split())
    return table


def antonyms(word: str) -> frozenset[str]:
    """The antonyms of ``word`` (case-insensitive), or an empty set."""
    return _table().get(word.strip().lower(), _EMPTY)


def are_antonyms(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` are antonyms (case-insensitive, symmetric)."""
    return b.strip().lower() in antonyms(a)
