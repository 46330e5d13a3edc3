"""Near-verbatim and syndicated copies: a copy is never a second witness.

Two articles are copies when most of the shorter one's word 5-grams appear in
the longer (a wire story re-headlined, trimmed, with boilerplate added or
paragraphs moved): `containment` against `Settings.copy_threshold`. Check mode
(`copy_links`, over the few articles of one story) and corpus mode
(`corpus.copies.CopyIndex`, over a whole store) both decide with it.
In check mode the original is the earlier one, else the longer one, else the
one given first.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Mapping, Sequence

import numpy as np

from crosscheck.model import Article

SHINGLE_WORDS = 5  # long enough that independent reports rarely share one, short enough to survive edits
MIN_SHINGLES = 5  # a text of fewer than nine words is nobody's copy or original
_WORD = re.compile(r"\w+")
_PRIME = np.uint64(0x100000001B3)  # FNV-1a's 64-bit prime: mixes word hashes into a shingle hash


def words(text: str) -> list[str]:
    """Lowercased words, punctuation dropped: line breaks, quotes and case don't hide a copy."""
    return _WORD.findall(text.lower())


def word_hashes(text: str) -> np.ndarray:
    """A stable 32-bit hash (CRC-32) per word, the same in every process, so stored signatures stay valid."""
    tokens = words(text)
    return np.fromiter(map(zlib.crc32, map(str.encode, tokens)), dtype=np.uint64, count=len(tokens))


def shingles(text: str | np.ndarray, n: int = SHINGLE_WORDS) -> np.ndarray:
    """Sorted distinct 64-bit hashes of the text's word n-grams (of `word_hashes(text)` when given those).

    Word shingles, not sentences: a copy re-segmented by different line breaks
    or quotes still shares nearly all of its 5-grams. A text shorter than n
    words is one shingle.
    """
    hashes = word_hashes(text) if isinstance(text, str) else text
    n = min(n, len(hashes))
    if not n:
        return np.zeros(0, dtype=np.uint64)
    grams = np.zeros(len(hashes) - n + 1, dtype=np.uint64)
    for k in range(n):
        grams = (grams ^ hashes[k : len(hashes) - n + 1 + k]) * _PRIME
    return np.unique(grams)


def containment(a: np.ndarray, b: np.ndarray) -> float:
    """Share of the smaller shingle set found in the other: 1.0 for a trimmed cut of a text.

    A text of fewer than `MIN_SHINGLES` is too short to tell (0.0): a few words
    left by a failed extraction ("Listen to article") are in many texts, and
    linking them would chain unrelated articles into one copy group.
    """
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    if short.size < MIN_SHINGLES:
        return 0.0
    return np.intersect1d(short, long, assume_unique=True).size / short.size


def copy_links(
    articles: Sequence[Article],
    sentences: Sequence[Sequence[str]],
    *,
    threshold: float,
    known: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """`{copy id: original id}`: every copy among `articles` linked to the original of its group.

    `known` links (corpus mode found them across the whole corpus) stand; a pair
    found here joins two groups under one original, so every article ends in
    exactly one group whichever way a pair points.
    """
    ids = [a.id for a in articles]
    present = set(ids)
    parent = {c: o for c, o in (known or {}).items() if c in present and o in present}

    def root(article_id: str) -> str:
        seen = set()
        while article_id in parent and article_id not in seen:
            seen.add(article_id)
            article_id = parent[article_id]
        return article_id

    sets = [shingles(" ".join(sents)) for sents in sentences]
    for i in range(len(articles)):
        for j in range(i + 1, len(articles)):
            if containment(sets[i], sets[j]) >= threshold:
                copy, original = _direction(articles, sentences, i, j)
                copy_root, original_root = root(ids[copy]), root(ids[original])
                if copy_root != original_root:
                    parent[copy_root] = original_root
    roots = {a: root(a) for a in ids}
    return {a: r for a, r in roots.items() if r != a}


def _direction(
    articles: Sequence[Article], sentences: Sequence[Sequence[str]], i: int, j: int
) -> tuple[int, int]:
    """(copy, original) for a pair of copies."""
    pi, pj = articles[i].published, articles[j].published
    if pi and pj and pi != pj:
        return (j, i) if pi < pj else (i, j)
    if len(sentences[i]) != len(sentences[j]):
        return (j, i) if len(sentences[i]) > len(sentences[j]) else (i, j)
    return j, i
