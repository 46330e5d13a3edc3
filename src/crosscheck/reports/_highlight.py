"""Find the words a conflict's `detail` names, so every format can highlight them.

Detectors write `detail` as "X ≠ Y": X is quoted from the claim, Y from the
evidence. Parsing lives here once so markdown and text always agree on what
is highlighted.
"""

from __future__ import annotations

import re

Segment = tuple[str, bool]  # (text, highlighted)

_SEPARATORS = ("≠", "!=")


def parse_detail(detail: str) -> tuple[str, str] | None:
    """Split "X ≠ Y" into (X, Y); None when `detail` has another form.

    >>> parse_detail("June 15 ≠ August 15")
    ('June 15', 'August 15')
    """
    for sep in _SEPARATORS:
        left, found, right = detail.partition(sep)
        if found and left.strip() and right.strip():
            return left.strip(), right.strip()
    return None


def segments(text: str, needle: str | None) -> list[Segment]:
    """Cut `text` into pieces, flagging each case-insensitive match of `needle`.

    A regex with IGNORECASE keeps offsets exact (str.casefold can change lengths).
    """
    if not needle:
        return [(text, False)] if text else []
    out: list[Segment] = []
    pos = 0
    for match in re.finditer(re.escape(needle), text, flags=re.IGNORECASE):
        if match.start() > pos:
            out.append((text[pos : match.start()], False))
        out.append((match.group(), True))
        pos = match.end()
    if pos < len(text):
        out.append((text[pos:], False))
    return out


def contains(text: str, needle: str) -> bool:
    return re.search(re.escape(needle), text, flags=re.IGNORECASE) is not None


def highlight_pair(claim: str, evidence: str, detail: str) -> tuple[list[Segment], list[Segment]]:
    """Segments for the claim and the evidence of one conflict.

    X is looked for in the claim and Y in the evidence; when a detector wrote
    them the other way round (Y in the claim, X only in the evidence) they are
    swapped, so the reader still sees the differing words.
    """
    pair = parse_detail(detail)
    if pair is None:
        return segments(claim, None), segments(evidence, None)
    left, right = pair
    if not contains(claim, left) and contains(claim, right) and contains(evidence, left):
        left, right = right, left
    return segments(claim, left), segments(evidence, right)


def excerpt(text: str, limit: int) -> str:
    """One line of at most `limit` characters, ending in "…" when cut."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    return flat[: limit - 1].rstrip() + "…"
