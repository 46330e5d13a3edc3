"""Cleaning: the one stage that makes a new text, keeping what it took out.

`clean` keeps the input as `raw`, normalises it line by line (NFC, odd spaces,
blank-line runs), and drops whole lines that are a repeated headline, page
furniture or a repeated block. Each drop is a `Removal` whose offsets index
`raw`, so `raw[r.start:r.end] == r.text` always holds, and every later span
points into the cleaned `text`.

>>> clean(Article(id="a", title="Hi there", text="Hi there\\n\\nBody.\\n\\nAdvertisement")).text
'Body.'
"""

from __future__ import annotations

from dataclasses import replace

from crosscheck.cleaning.boilerplate import is_boilerplate
from crosscheck.cleaning.normalize import Line, normalize_line, split_lines
from crosscheck.cleaning.repeats import duplicate_lines, title_lines
from crosscheck.model import Article, Removal, RemovalKind

__all__ = ["clean"]


def clean(article: Article) -> Article:
    """A new Article: `raw` the text as read, `text` cleaned, `removed` what was taken out.

    Cleans from `article.raw` when set, so cleaning twice gives the same result.
    """
    raw = article.raw or article.text
    title = normalize_line(article.title)
    lines = split_lines(raw)
    kinds = _classify(lines, title)
    return replace(
        article,
        raw=raw,
        title=title,
        text=_cleaned_text(lines, kinds),
        removed=_removals(raw, lines, kinds),
    )


def _classify(lines: list[Line], title: str) -> dict[int, RemovalKind]:
    """Which lines (by index) go, and why. Headline and furniture first, then repeats of what is left."""
    filled = [i for i, line in enumerate(lines) if line.text]
    kinds: dict[int, RemovalKind] = {}
    for j in title_lines([lines[i].text for i in filled], title):
        kinds[filled[j]] = "repeated_title"
    for i in filled:
        if i not in kinds and is_boilerplate(lines[i].text):
            kinds[i] = "boilerplate"
    rest = [i for i in filled if i not in kinds]
    for j in duplicate_lines([lines[i].text for i in rest]):
        kinds[rest[j]] = "duplicate_block"
    return kinds


def _cleaned_text(lines: list[Line], kinds: dict[int, RemovalKind]) -> str:
    """Kept lines; a blank line (or a run of them) becomes one paragraph break."""
    paragraphs: list[str] = []
    current: list[str] = []
    for i, line in enumerate(lines):
        if not line.text and current:
            paragraphs.append("\n".join(current))
            current = []
        elif line.text and i not in kinds:
            current.append(line.text)
    if current:
        paragraphs.append("\n".join(current))
    return "\n\n".join(paragraphs)


def _removals(raw: str, lines: list[Line], kinds: dict[int, RemovalKind]) -> tuple[Removal, ...]:
    """One Removal per run of removed lines of one kind (blank lines between do not break a run)."""
    runs: list[tuple[RemovalKind, int, int]] = []
    previous: RemovalKind | None = None
    for i, line in enumerate(lines):
        if not line.text:
            continue
        kind = kinds.get(i)
        if kind is not None and kind == previous:
            runs[-1] = (kind, runs[-1][1], line.end)
        elif kind is not None:
            runs.append((kind, line.start, line.end))
        previous = kind
    return tuple(Removal(kind, start, end, raw[start:end]) for kind, start, end in runs)
