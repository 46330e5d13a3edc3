"""Plain-text and markdown reports: the first non-empty line is the title.

The body is kept exactly as read (`raw`), blank lines and odd spaces included,
because cleaning records what it removes as offsets into that string.
"""

from __future__ import annotations

import re

from crosscheck.model import Article

_SETEXT_UNDERLINE = re.compile(r"[ \t]*(=+|-+)[ \t]*")


def parse_text(text: str, *, id: str, source: str, markdown: bool = False) -> Article:
    """An Article whose title is the first non-empty line of `text` and whose body is the rest.

    A file that is one line only has no title: that line is the body, so a
    one-paragraph report without a headline is still checked.

    >>> parse_text("Title\\n\\nBody.", id="a", source="a.txt").title
    'Title'
    """
    lines = text.splitlines(keepends=True)
    first = next((i for i, line in enumerate(lines) if line.strip()), len(lines))
    rest = first + 1
    if markdown and rest < len(lines) and _SETEXT_UNDERLINE.fullmatch(lines[rest].rstrip("\r\n")):
        rest += 1  # "Title\n=====": the underline belongs to the heading
    body = "".join(lines[rest:])
    if first == len(lines) or not body.strip():
        return Article(id=id, text=text, raw=text, source=source)
    title = _title(lines[first], markdown=markdown)
    return Article(id=id, text=body, raw=body, source=source, title=title)


def _title(line: str, *, markdown: bool) -> str:
    if markdown:
        line = line.strip().lstrip("#").rstrip("#")
    return " ".join(line.split())
