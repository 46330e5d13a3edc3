"""Line-level Unicode normalisation and the keys texts are compared by.

Cleaning works line by line on `raw`: each `Line` keeps its offsets into raw
(so a removal can always be sliced back out of it) next to its normalised text
(so comparisons and the cleaned `text` ignore invisible differences).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_SPACES = re.compile(r"\s+")  # inside one line every \s is a space: NBSP, thin, ideographic, tab…
_WORD = re.compile(r"\w+")
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u2060\ufeff"))  # invisible, and they split no words
_FOLD = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "`": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
    }
)


@dataclass(frozen=True, slots=True)
class Line:
    """One line of raw: `[start, end)` its visible part in raw, `text` normalised ("" if blank)."""

    start: int
    end: int
    text: str


def normalize_line(line: str) -> str:
    """NFC, every kind of space as one ' ', zero-width characters dropped, ends stripped.

    >>> normalize_line("a\\u00a0\\u00a0 b\\u200b ")
    'a b'
    """
    text = unicodedata.normalize("NFC", line.translate(_ZERO_WIDTH))
    return _SPACES.sub(" ", text).strip()


def split_lines(raw: str) -> list[Line]:
    """Every line of `raw` (any line break Python knows), with offsets into `raw`."""
    lines: list[Line] = []
    pos = 0
    for chunk in raw.splitlines(keepends=True):
        content = chunk.splitlines()[0]
        lead = len(content) - len(content.lstrip())
        lines.append(Line(pos + lead, pos + len(content.rstrip()), normalize_line(content)))
        pos += len(chunk)
    return lines


def fold(text: str) -> str:
    """Case, quote style, dash style and spacing removed: the key duplicates are compared by."""
    return _SPACES.sub(" ", text.casefold().translate(_FOLD)).strip()


def words(text: str) -> list[str]:
    """The folded words of `text`, punctuation dropped."""
    return folded_words(fold(text))


def folded_words(folded: str) -> list[str]:
    """The words of an already `fold`ed text (saves folding twice in hot loops)."""
    return _WORD.findall(folded)
