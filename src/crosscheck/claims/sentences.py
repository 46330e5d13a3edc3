"""Split a cleaned article into claims: one sentence each, as offsets into its text.

spaCy's parser-based sentence boundaries handle quotes, "U.S.", "Mr." and
datelines well; we run it per paragraph (a sentence never crosses a paragraph
break) and only repair what news text still breaks: a closing quote or
bracket left at the start of the next sentence, fragments too short to be a
claim (bylines, "AP -", lone numbers), which join their neighbour, and a
break inside a line where no sentence ends ("… Organisation (ISRO) | Chairman
K. Sivan told reporters").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from crosscheck.model import Span

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc
    from spacy.tokens import Span as SpacySpan

_PARAGRAPH = re.compile(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*")
_MIN_WORDS = 3
_DATELINE = re.compile(
    r"(?:[A-Z][\w.'’]*(?:[ ,]+[A-Z][\w.'’]*){0,3}(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s*(?:\([^)]{2,40}\))?"
    r"(?:\s+[-–—]+\s*|[-–—]+\s+)"
    r"|[A-Z]{2,}(?:[ ,]+[A-Z]{2,}){0,3}:\s+)"  # "AGRA: A 37-year-old trader …"
    r"(?=[A-Z\"“‘'])"
)
MAX_PARAGRAPH_CHARS = 20_000  # spaCy's cost grows with length; longer paragraphs are split on lines


def paragraphs(text: str) -> Iterator[tuple[int, str]]:
    """(offset, paragraph) for each block of text between blank lines."""
    for match in _PARAGRAPH.finditer(text):
        start, block = match.start(), match.group()
        for offset in range(0, len(block), MAX_PARAGRAPH_CHARS):
            yield start + offset, block[offset : offset + MAX_PARAGRAPH_CHARS]


def parse_sentences(
    text: str, nlp: Language, docs: dict[str, Doc] | None = None
) -> list[tuple[Span, SpacySpan, int]]:
    """Each sentence of `text`: its span, its parse, and its paragraph's offset in `text`.

    `docs` keeps each paragraph's parse by its text, for the next article: copies of
    a story repeat most of their original's paragraphs.
    """
    blocks = list(paragraphs(text))
    docs = {} if docs is None else docs
    missing = list(dict.fromkeys(block for _, block in blocks if block not in docs))
    docs.update(zip(missing, nlp.pipe(missing), strict=True))
    parsed: list[tuple[Span, SpacySpan, int]] = []
    for offset, block in blocks:
        doc = docs[block]
        spans = _repair(text, [Span(offset + s.start_char, offset + s.end_char) for s in doc.sents])
        for span in spans:
            sent = doc.char_span(span.start - offset, span.end - offset, alignment_mode="expand")
            if sent is not None:
                parsed.append((span, sent, offset))
    return parsed


def _repair(text: str, spans: list[Span]) -> list[Span]:
    """Move stray closing quotes back and merge fragments into their neighbour."""
    fixed: list[Span] = []
    for span in spans:
        start = span.start
        while fixed and start < span.end and _closes(text, fixed[-1], start):
            start += 1
        if fixed and start != span.start:
            fixed[-1] = Span(fixed[-1].start, start)
        if start >= span.end:
            continue
        span = _strip(text, Span(start, span.end))
        if fixed and (_is_fragment(fixed[-1].text(text)) or _runs_on(text, fixed[-1], span)):
            fixed[-1] = _strip(text, Span(fixed[-1].start, span.end))  # "AGRA:" parsed apart
        elif fixed and _is_fragment(span.text(text)):
            fixed[-1] = Span(fixed[-1].start, span.end)
        else:
            fixed.append(span)
    return fixed


def _runs_on(text: str, previous: Span, span: Span) -> bool:
    """`previous` stops without a full stop, in the same line as `span`, after a bracketed
    aside ("… Organisation (ISRO)") or before a lower-case word: one sentence. (A headline
    run into the first sentence, "Rioters attack police station Rioting youths …", stays apart.)"""
    last = text[previous.start : previous.end].rstrip()
    if "\n" in text[previous.end : span.start] or not last or last.rstrip(_CLOSERS)[-1:] in _TERMINAL:
        return False
    return last.endswith(")") or text[span.start].islower()


_CLOSERS = "\"'”’)]»"
_TERMINAL = ".!?…:;"


def _closes(text: str, previous: Span, at: int) -> bool:
    """A quote or bracket at `at` that closes the previous sentence rather than opening this one."""
    char = text[at]
    if char in "”’)]»":
        return True
    return char == '"' and text[previous.start : previous.end].count('"') % 2 == 1


def _strip(text: str, span: Span) -> Span:
    """Trim whitespace, and a dateline ("PORT ELLIS, March 3 (Metro Wire) -") off the front."""
    start, end = span.start, span.end
    if dateline := _DATELINE.match(text, start, end):
        start = dateline.end()
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end)


def _is_fragment(sentence: str) -> bool:
    return len(re.findall(r"\w+", sentence)) < _MIN_WORDS
