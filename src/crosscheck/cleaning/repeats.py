"""Text an article says twice: the headline again in the body, pasted blocks, pull quotes.

Lines are judged in order against what the article has already said, so the
first occurrence is always kept and only later copies go. A line is a sure
repeat when it is long enough that a match cannot be chance; a short line
(a subhead, "Yes.") that merely recurs is removed only inside a run of sure
repeats, where it is part of a pasted block rather than of the story.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from enum import Enum

from rapidfuzz import fuzz

from crosscheck.cleaning.normalize import fold, folded_words, words

MIN_WORDS = 3  # an exact repeat this long is a sure repeat
LONG_WORDS = 12  # from this length, near (SIMILARITY) and contained repeats are sure too
SIMILARITY = 90.0  # rapidfuzz ratio, 0-100
MAX_INDEXED_WORDS = 500_000  # bounds memory on huge inputs; news articles are far smaller
_CANDIDATES = 5
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


class Repeat(Enum):
    NO = 0
    MAYBE = 1  # short, or only contained: removed only next to a sure repeat
    SURE = 2


def title_lines(lines: Sequence[str], title: str) -> set[int]:
    """Indexes of the lines that restate `title` (case, spacing and punctuation ignored)."""
    key = words(title)
    if not key:
        return set()
    longest = 2 * len(title) + 20  # punctuation and spacing cannot double a line: skip folding longer ones
    return {i for i, line in enumerate(lines) if len(line) <= longest and words(line) == key}


def duplicate_lines(lines: Sequence[str]) -> set[int]:
    """Indexes of the lines that repeat earlier text of `lines`; a first occurrence never is one."""
    memory = _Memory()
    sure: set[int] = set()
    maybe: set[int] = set()
    for i, line in enumerate(lines):
        key = fold(line)
        tokens = folded_words(key)
        grams = _trigrams(tokens) if len(tokens) >= LONG_WORDS else set()  # once: judged, then added
        verdict = memory.judge(key, tokens, grams)
        if verdict is Repeat.SURE:
            sure.add(i)
            continue
        if verdict is Repeat.MAYBE:
            maybe.add(i)
        memory.add(key, tokens, grams)
    return _spread(sure, maybe, len(lines))


def _spread(sure: set[int], maybe: set[int], count: int) -> set[int]:
    """Sure repeats plus the doubtful lines in a run with one (a sweep each way covers a run)."""
    removed = set(sure)
    for i in range(count):
        if i in maybe and i - 1 in removed:
            removed.add(i)
    for i in reversed(range(count)):
        if i in maybe and i + 1 in removed:
            removed.add(i)
    return removed


class _Memory:
    """What the article has said so far, indexed so each lookup is cheap on long articles."""

    def __init__(self) -> None:
        self.keys: set[str] = set()  # folded lines, for exact repeats
        self.text = " "  # all words so far, across lines, space-separated and space-framed
        self.word_count = 0
        self.long_lines: list[str] = []  # folded long lines, for near repeats
        self.long_index: dict[tuple[str, ...], set[int]] = defaultdict(set)  # trigram -> long lines

    def judge(self, key: str, tokens: list[str], grams: set[tuple[str, ...]]) -> Repeat:
        """How surely the folded line `key` repeats what came before (`grams`: its trigrams if long)."""
        if not tokens:
            return Repeat.NO  # "***", "—": separators are not text
        exact = key in self.keys
        if exact and len(tokens) >= MIN_WORDS:
            return Repeat.SURE
        if len(tokens) >= LONG_WORDS and (self.contains(tokens) or self.resembles(key, grams)):
            return Repeat.SURE
        return Repeat.MAYBE if exact or self.contains(tokens) else Repeat.NO

    def add(self, key: str, tokens: list[str], grams: set[tuple[str, ...]]) -> None:
        self.keys.add(key)
        if not tokens or self.word_count + len(tokens) > MAX_INDEXED_WORDS:
            return
        self.word_count += len(tokens)
        self.text += " ".join(tokens) + " "
        if len(tokens) >= LONG_WORDS:
            self._add_long(key, grams)

    def _add_long(self, key: str, grams: set[tuple[str, ...]]) -> None:
        self.long_lines.append(key)
        for gram in grams:
            self.long_index[gram].add(len(self.long_lines) - 1)

    def contains(self, tokens: list[str]) -> bool:
        """Whether `tokens` occur, in order and adjacent, in the text so far (folded words have no spaces)."""
        return f" {' '.join(tokens)} " in self.text

    def resembles(self, key: str, grams: set[tuple[str, ...]]) -> bool:
        """Whether a long earlier line sharing the trigrams `grams` is nearly the same, same numbers too."""
        votes = Counter(j for gram in grams for j in self.long_index.get(gram, ()))
        if not votes:
            return False
        numbers = _NUMBER.findall(key)
        for j, _ in votes.most_common(_CANDIDATES):
            other = self.long_lines[j]
            if fuzz.ratio(key, other, score_cutoff=SIMILARITY) and _NUMBER.findall(other) == numbers:
                return True
        return False


def _trigrams(tokens: list[str]) -> set[tuple[str, ...]]:
    return {tuple(tokens[i : i + 3]) for i in range(len(tokens) - 2)}
