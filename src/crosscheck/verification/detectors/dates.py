"""`date`: the same event dated differently ("June 15" vs "August 15")."""

from __future__ import annotations

import calendar

from crosscheck.claims.dates import format_date
from crosscheck.claims.features import SentenceFeatures, ValueMention
from crosscheck.verification.detectors.base import FUNCTION_WORDS, Finding, actors_differ, same_slot


def detect(claim: SentenceFeatures, evidence: SentenceFeatures) -> list[Finding]:
    """A claim date that no evidence date agrees with, against an evidence date that no
    claim date agrees with. When several could pair up, prefer the one in the same slot, then
    one dating the same event, then the closest ("January 17 riot" / "Jan. 6 attack", not
    "on Wednesday")."""
    lonely_claim = [d for d in claim.dates if not any(d.value.agrees(e.value) for e in evidence.dates)]
    lonely_evidence = [e for e in evidence.dates if not any(e.value.agrees(d.value) for d in claim.dates)]
    pairs = [(d, e) for d in lonely_claim for e in lonely_evidence if d.value.conflicts(e.value)]
    if not pairs:
        return []
    d, e = max(
        pairs,
        key=lambda p: (same_slot(p[0].head, p[1].head), _same_role(*p), p[0].value.closeness(p[1].value)),
    )
    anchored = _same_role(d, e) and not actors_differ(claim, evidence)
    return [Finding("date", f"{_show(d)} ≠ {_show(e)}", 0.9 if anchored else 0.7, anchored)]


def _same_role(d: ValueMention, e: ValueMention) -> bool:
    """Dating the same word, or the same action ("stabbed … on Friday"), told as a verb on one
    side and a noun on the other ("raided … in July 2008" / "an April, 2008 raid"): one event."""
    return same_slot(d.head, e.head) or bool(_events(d) & _events(e)) or len(d.context & e.context) >= 2


def _events(mention: ValueMention) -> set[str]:
    """The verbs a date belongs to and the word it dates ("raid" in "an April raid")."""
    word = mention.head.split()[-1] if mention.head else ""
    return set(mention.verbs) | ({word} if word and word not in FUNCTION_WORDS else set())


def _show(mention: ValueMention) -> str:
    """The date as written, with what an anaphor ("the same month") resolved to."""
    text = format_date(mention.text)
    if any(text.lower().startswith(w) for w in ("the same", "that ", "this same")):
        value = mention.value
        parts = [
            calendar.month_name[value.month] if value.month else "",
            str(value.day or ""),
            str(value.year or ""),
        ]
        resolved = " ".join(p for p in parts if p)
        return f"{text} ({resolved})" if resolved else text
    return text
