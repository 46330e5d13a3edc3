"""The language of an article, as an ISO 639-1 code, guessed from its text with py3langid.

py3langid ships its model inside the package (no download) and classifies a
thousand characters in well under a millisecond, so every article read gets a
language unless its record already named one. The start of a text is enough
to tell its language, so only the first `SAMPLE_CHARS` are classified; a text
with fewer than `MIN_LETTERS` letters gets None: a few words are too easily
taken for another language.

>>> detect_language("Der Bundestag hat am Donnerstag ein neues Gesetz beschlossen.")
'de'
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from crosscheck.model import Article

SAMPLE_CHARS = 1000
MIN_LETTERS = 30  # about five words; below that py3langid's guesses go wrong often


def detect_language(text: str) -> str | None:
    """The ISO 639-1 code of `text`'s language, or None when it is too short to tell."""
    sample = text[:SAMPLE_CHARS]
    if sum(char.isalpha() for char in sample) < MIN_LETTERS:
        return None
    import py3langid  # lazy: its model loads on first use (about half a second)

    code, _score = py3langid.classify(sample)
    return str(code)


def with_languages(articles: Iterable[Article]) -> list[Article]:
    """The articles, each without a `language` given one detected from its text."""
    return [
        article if article.language else replace(article, language=detect_language(article.text))
        for article in articles
    ]
