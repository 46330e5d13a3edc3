"""Antonym lookup for the contradiction detectors, from a compact WordNet 3.0 table.

The table ``data/antonyms.tsv`` ships with the package. It is derived from the
Princeton WordNet 3.0 database (licence in ``data/WORDNET_LICENSE``) by
``scripts/build_lexicon.py``, with a short hand-kept supplement of news
oppositions WordNet lacks (``data/antonyms_news.tsv``: support/oppose,
confirm/deny, ...), so that crosscheck needs neither nltk nor the 36 MB
WordNet database at run time. Each line is ``word<TAB>antonym antonym ...``; the
relation is symmetric and lower case. Entries are dictionary forms (lemmas) plus
the inflected forms that WordNet lists as words of their own (``increased``), so
callers should look up lemmas: ``approve``/``reject`` are antonyms, but
``approved``/``rejected`` are not in the table as a pair.

The relation is a wide closure (oppositions inherited from hypernyms and head
adjectives), so it also pairs words no reader would oppose (``stay`` with every
kind of "change"); it is what ``antonyms`` lists. Two smaller tables grade it:
``data/antonyms_direct.tsv`` holds the pairs WordNet opposes between the words' own
main senses, plus prefix negations (``joint``/``disjoint``), the news supplement
counting as direct too (``are_direct_antonyms``); ``data/antonyms_inherited.tsv``
adds those opposed through a word's first noun sense's hypernym (``expansion`` is
a kind of ``increase``; ``are_close_antonyms``).
"""

from __future__ import annotations

import functools
from importlib import resources

__all__ = [
    "antonyms",
    "are_antonyms",
    "are_close_antonyms",
    "are_direct_antonyms",
    "forms",
    "opposites",
    "same_act",
]

_EMPTY: frozenset[str] = frozenset()


@functools.lru_cache(maxsize=4)
def _lines(name: str) -> dict[str, str]:
    """A packaged table read once: word -> its related words, still one unsplit string.

    Splitting each line into a set at load time costs a quarter second per
    start; most words are never looked up, so `_related` splits on demand.
    """
    text = resources.files("crosscheck.verification").joinpath(f"data/{name}").read_text(encoding="ascii")
    return dict(line.split("\t", 1) for line in text.splitlines() if line and not line.startswith("#"))


@functools.lru_cache(maxsize=65536)
def _related(name: str, word: str) -> frozenset[str]:
    others = _lines(name).get(word)
    return frozenset(others.split()) if others else _EMPTY


@functools.lru_cache(maxsize=1)
def _news_pairs() -> dict[str, frozenset[str]]:
    """The hand-kept supplement (data/antonyms_news.tsv), made symmetric."""
    text = (
        resources.files("crosscheck.verification")
        .joinpath("data/antonyms_news.tsv")
        .read_text(encoding="ascii")
    )
    pairs: dict[str, set[str]] = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            a, b = line.split("\t")
            pairs.setdefault(a, set()).add(b)
            pairs.setdefault(b, set()).add(a)
    return {word: frozenset(others) for word, others in pairs.items()}


def antonyms(word: str) -> frozenset[str]:
    """The antonyms of ``word`` (case-insensitive): WordNet's plus the news supplement."""
    word = word.strip().lower()
    return _related("antonyms.tsv", word) | _news_pairs().get(word, _EMPTY)


@functools.lru_cache(maxsize=65536)
def forms(word: str) -> frozenset[str]:
    """The word and its WordNet derivations ("reduction" -> "reduce", "reductive", ...)."""
    word = word.strip().lower()
    return _related("derivations.tsv", word) | {word}


def are_antonyms(a: str, b: str) -> bool:
    """Whether ``a`` and ``b``, or words derived from them, are antonyms (symmetric).

    Derivation lets "reduction of ties" oppose "expand ties" although WordNet
    opposes only "expansion" to "reduction".
    """
    return bool(opposites(a) & forms(b))


def are_direct_antonyms(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` are directly opposed: WordNet opposes their own main senses
    (``increase``/``decrease``, ``approve``/``reject``), they differ by a negating prefix,
    or the news supplement pairs them. One side may be a derived form (``growth`` for
    ``grow``), not both (``attractive``/``driver`` only through ``attract``/``drive``)."""
    return _opposed_in(a, b, ("antonyms_direct.tsv",))


def are_close_antonyms(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` are directly opposed or opposed through the dominant sense
    of one of them: ``expansion`` is first of all a kind of ``increase``, so "reduction"
    opposes "expand". Not through the wider closure's rarer senses and verb hypernyms
    (``decide`` is a kind of ``end``, yet ``decision`` does not oppose ``begin``)."""
    return _opposed_in(a, b, ("antonyms_direct.tsv", "antonyms_inherited.tsv"))


def _opposed_in(a: str, b: str, tables: tuple[str, ...]) -> bool:
    """Whether ``tables`` oppose one word to the other or to a form derived from it."""
    return bool(_opposed(a, tables) & forms(b) or _opposed(b, tables) & forms(a))


@functools.lru_cache(maxsize=65536)
def _opposed(word: str, tables: tuple[str, ...]) -> frozenset[str]:
    """The opposites of ``word`` itself in ``tables`` and in the news supplement."""
    return frozenset().union(_news_pairs().get(word, _EMPTY), *(_related(t, word) for t in tables))


@functools.lru_cache(maxsize=65536)  # asked for the same words across a story's aligned sentences
def opposites(word: str) -> frozenset[str]:
    """The antonyms of ``word`` and of the words derived from it: ``b`` opposes ``word``
    when one of ``forms(b)`` is among them. Empty for most words, which then need no pairing."""
    return frozenset().union(*(antonyms(x) for x in forms(word)))


# Verbs so general that sharing them as a sense says nothing ("change", "make").
_GENERIC_VERBS = frozenset("be have do make get go come take give put set move act cause change use".split())


def same_act(a: str, b: str) -> bool:
    """Whether two verbs can report one act: one lists the other among its senses or
    hypernyms, or they share a specific one ("sever" and "break" both "separate")."""
    a, b = a.strip().lower(), b.strip().lower()
    if a == b:
        return True
    senses_a, senses_b = _related("verbs.tsv", a), _related("verbs.tsv", b)
    return b in senses_a or a in senses_b or bool((senses_a & senses_b) - _GENERIC_VERBS)
