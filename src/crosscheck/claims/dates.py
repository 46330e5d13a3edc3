"""Dates as comparable parts: "Monday, August 15" and "June 15" differ in month.

A date mention keeps only the parts the text fixes (year, month, day,
weekday), so "June 15" and "in 2022" never clash over a year nobody stated.
Relative expressions ("last week", "yesterday", "on Monday") are resolved by
dateparser against the article's publication date when we know it, and
anaphora ("the same month", "that day") take the parts of the date before.
Durations and ages ("six months", "69-year-old") are not points in time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, datetime

_MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for m in names
}
_WEEKDAYS = {d: i for i, d in enumerate("monday tuesday wednesday thursday friday saturday sunday".split())}
_MONTH_RE = r"\b(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\b\.?"
_DAY_AFTER = re.compile(_MONTH_RE + r"\s+(\d{1,2})(?:st|nd|rd|th)?\b", re.I)
_DAY_BEFORE = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH_RE, re.I)
_MONTH = re.compile(_MONTH_RE, re.I)
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_WEEKDAY = re.compile(r"\b(" + "|".join(_WEEKDAYS) + r")\b", re.I)
_ANAPHOR = re.compile(r"\b(?:the same|that|this same)\s+(day|week|month|year)\b", re.I)
_RELATIVE = re.compile(
    r"\b(yesterday|today|tomorrow|tonight|(?:last|next|this|past)\s+(?:week|month|year))\b", re.I
)
_DURATION = re.compile(
    r"(-year-old|\byears? old\b|\b(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|few|"
    r"many|recent|past|coming|next|last)\s+(?:\w+\s+)?(?:days|weeks|months|years|decades)\b|\bdecades?\b|"
    r"\bbetween\b|\bsince\b|\buntil\b)",
    re.I,
)


@dataclass(frozen=True, slots=True)
class DateValue:
    """The parts of a date the text fixes; None where it says nothing."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None

    def _shared(self, other: DateValue) -> list[tuple[int, int]]:
        pairs = [(self.year, other.year), (self.month, other.month), (self.weekday, other.weekday)]
        if self.month is not None and self.month == other.month:
            pairs.append((self.day, other.day))  # a day number means nothing without its month
        return [(a, b) for a, b in pairs if a is not None and b is not None]

    def conflicts(self, other: DateValue) -> bool:
        return any(a != b for a, b in self._shared(other))

    def agrees(self, other: DateValue) -> bool:
        shared = self._shared(other)
        return bool(shared) and all(a == b for a, b in shared)

    def closeness(self, other: DateValue) -> tuple[int, int]:
        """(parts the two dates agree on, parts both give): "January 17" is closer to "Jan. 6"
        (same month, another day) than to a Wednesday in July."""
        shared = self._shared(other)
        return sum(a == b for a, b in shared), len(shared)

    def is_empty(self) -> bool:
        return self == DateValue()


def parse_date(text: str, *, base: date | None = None, previous: DateValue | None = None) -> DateValue | None:
    """The fixed parts of one date mention, or None if it names no point in time."""
    if (anaphor := _ANAPHOR.search(text)) and previous is not None:
        return _truncate(previous, anaphor.group(1).lower())
    if duration := _DURATION.search(text):
        # "February 6, five days before the loss": a date, then how long before something else.
        lead = re.match(r"(.*\S),\s*$", text[: duration.start()])
        return parse_date(lead.group(1), base=base, previous=previous) if lead else None
    value = _explicit(text)
    if value.month is None and value.year is None and base is not None and _RELATIVE.search(text):
        value = _relative(text, base, value)
    if value.weekday is not None and value.month is None and base is not None:
        value = _relative(text, base, value)
    return None if value.is_empty() else value


def _explicit(text: str) -> DateValue:
    years = set(_YEAR.findall(text))
    year = int(years.pop()) if len(years) == 1 else None
    day = month = None
    if m := _DAY_AFTER.search(text):
        month, day = _MONTHS[m.group(1).lower()], int(m.group(2))
    elif m := _DAY_BEFORE.search(text):
        day, month = int(m.group(1)), _MONTHS[m.group(2).lower()]
    elif m := _MONTH.search(text):
        if m.group(1).lower() != "may" or m.group(0)[0].isupper():  # "may" is mostly a verb
            month = _MONTHS[m.group(1).lower()]
    if day is not None and not 1 <= day <= 31:
        day = None
    weekday = _WEEKDAYS[w.group(1).lower()] if (w := _WEEKDAY.search(text)) else None
    return DateValue(year, month, day, weekday)


def _relative(text: str, base: date, value: DateValue) -> DateValue:
    """Resolve 'yesterday', 'last week', 'on Monday' against the publication date."""
    import dateparser  # imported lazily: only relative dates with a known base need it

    settings = {"RELATIVE_BASE": datetime.combine(base, datetime.min.time()), "PREFER_DATES_FROM": "past"}
    parsed = dateparser.parse(text, languages=["en"], settings=settings)  # type: ignore[arg-type]
    if parsed is None:
        return value
    if re.search(r"\b(week|month|year)\b", text, re.I) and not value.weekday:
        unit = re.search(r"\b(week|month|year)\b", text, re.I).group(1).lower()  # type: ignore[union-attr]
        return _truncate(DateValue(parsed.year, parsed.month, parsed.day), unit)
    return DateValue(parsed.year, parsed.month, parsed.day, parsed.weekday())


def _truncate(value: DateValue, unit: str) -> DateValue:
    if unit == "year":
        return DateValue(year=value.year)
    if unit in ("month", "week"):
        return replace(value, day=None, weekday=None)
    return value


def format_date(text: str) -> str:
    """The mention as a reader would quote it, without leading prepositions."""
    return re.sub(r"^(?:on|in|at|by|of)\s+", "", text.strip(" ,."), flags=re.I)


def parse_iso(published: str | None) -> date | None:
    if not published:
        return None
    try:
        return datetime.fromisoformat(published.replace("Z", "+00:00")).date()
    except ValueError:
        return None
