"""Near-verbatim and syndicated copies: a copy is never a second witness.

Two articles are copies when most of the shorter one's word 5-grams appear in
the longer (a wire story re-headlined, trimmed, with boilerplate
added or paragraphs moved). The original is the earlier one, else the longer
one, else the one given first.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from crosscheck.model import Article


def copy_links(
    articles: Sequence[Article], sentences: Sequence[Sequence[str]], *, threshold: float
) -> dict[str, str]:
    """`{copy id: original id}`, originals resolved to the root of each copy group."""
    normal = [[_normal(s) for s in sents] for sents in sentences]
    parent: dict[int, int] = {}
    for i in range(len(articles)):
        for j in range(i + 1, len(articles)):
            if _shared_share(normal[i], normal[j]) >= threshold:
                copy, original = _direction(articles, normal, i, j)
                parent.setdefault(copy, original)
    return {articles[i].id: articles[_root(i, parent)].id for i in parent if _root(i, parent) != i}


def _root(i: int, parent: dict[int, int]) -> int:
    seen = set()
    while i in parent and i not in seen:
        seen.add(i)
        i = parent[i]
    return i


def _shared_share(a: list[str], b: list[str]) -> float:
    """Share of the shorter article's word 5-grams that the other contains.

    Word shingles, not sentences: a copy re-segmented by different line
    breaks or quotes still shares nearly all of its 5-grams.
    """
    sa, sb = _shingles(a), _shingles(b)
    short, long = (sa, sb) if len(sa) <= len(sb) else (sb, sa)
    return len(short & long) / len(short) if short else 0.0


def _shingles(sentences: list[str], n: int = 5) -> set[tuple[str, ...]]:
    words = " ".join(sentences).split()
    return {tuple(words[i : i + n]) for i in range(max(len(words) - n + 1, 0))}


def _direction(articles: Sequence[Article], normal: list[list[str]], i: int, j: int) -> tuple[int, int]:
    """(copy, original) for a pair of copies."""
    pi, pj = articles[i].published, articles[j].published
    if pi and pj and pi != pj:
        return (j, i) if pi < pj else (i, j)
    if len(normal[i]) != len(normal[j]):
        return (j, i) if len(normal[i]) > len(normal[j]) else (i, j)
    return j, i


def _normal(sentence: str) -> str:
    return re.sub(r"\W+", " ", sentence.lower()).strip()
