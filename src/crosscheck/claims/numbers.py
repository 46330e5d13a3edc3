"""Quantities as intervals: "about 50" agrees with "50", "50" does not with "30".

A number mention becomes `[low, high]` with its unit (the noun it counts, or
%, or a currency). Hedges widen the interval ("about", "nearly": ±10 %),
comparatives open it ("more than 50": [50, ∞)); two mentions conflict when
their units agree and their intervals do not overlap. Words and scales are
read with text2num and a small scale table ("two dozen", "4.5 million").
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

_SCALES = {
    "hundred": 1e2,
    "thousand": 1e3,
    "million": 1e6,
    "mn": 1e6,
    "m": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "trillion": 1e12,
    "dozen": 12,
    "k": 1e3,
}
_APPROX = re.compile(
    r"\b(about|around|approximately|roughly|nearly|almost|some|an estimated|estimated|close to|"
    r"just under|just over|up to|more than|over|at least|less than|fewer than|under|below|above|"
    r"upwards of|as many as|as much as|dozens|hundreds|thousands)\b",
    re.I,
)
_LOWER_BOUND = {"more than", "over", "at least", "above", "upwards of", "just over"}
_UPPER_BOUND = {
    "less than",
    "fewer than",
    "under",
    "below",
    "up to",
    "as many as",
    "as much as",
    "just under",
}
_CURRENCY = {"$": "usd", "€": "eur", "£": "gbp", "dollar": "usd", "euro": "eur", "pound": "gbp", "yen": "jpy"}
_NUMBER = re.compile(r"(\d+(?:[.,]\d+)*)")
EXACT_TOLERANCE = 0.01
HEDGE_TOLERANCE = 0.1


@dataclass(frozen=True, slots=True)
class Quantity:
    low: float
    high: float
    unit: str = ""

    def agrees(self, other: Quantity) -> bool:
        return self.low <= other.high and other.low <= self.high

    def conflicts(self, other: Quantity) -> bool:
        return _units_match(self.unit, other.unit) and not self.agrees(other)


def _units_match(a: str, b: str) -> bool:
    return not a or not b or a == b or a.rstrip("s") == b.rstrip("s")


def parse_quantity(text: str, *, context: str = "", unit: str = "") -> Quantity | None:
    """Read one number mention; `context` is the few words before it (for hedges)."""
    value = _value(text)
    if value is None:
        return None
    hedge = _APPROX.search(f"{context} {text}")
    currency = next((code for sign, code in _CURRENCY.items() if sign in text.lower()), "")
    unit = "%" if ("%" in text or "percent" in text.lower()) else currency or unit
    tolerance = HEDGE_TOLERANCE if hedge else EXACT_TOLERANCE
    low, high = value * (1 - tolerance), value * (1 + tolerance)
    if hedge and hedge.group(1).lower() in _LOWER_BOUND:
        low, high = value, math.inf
    elif hedge and hedge.group(1).lower() in _UPPER_BOUND:
        low, high = -math.inf, value
    return Quantity(min(low, high), max(low, high), unit.lower())


def _value(text: str) -> float | None:
    words = _APPROX.sub(" ", re.sub(r"[$€£%]", " ", text.lower().replace("-", " "))).split()
    if m := _NUMBER.search(" ".join(words)):
        value = _digits(m.group(1))
    else:
        value = _words(words)
    if value is None:
        return None
    for word in words:
        value *= _SCALES.get(word.strip(".,"), 1)
    return value


def _digits(token: str) -> float | None:
    token = token.replace(",", "") if re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?", token) else token
    try:
        return float(token.replace(",", "."))
    except ValueError:
        return None


def _words(words: list[str]) -> float | None:
    from text_to_num import text2num

    numeric = [w for w in words if w not in _SCALES and w not in ("a", "an", "and")]
    if not numeric:
        return 1.0 if any(w in _SCALES for w in words) else None
    try:
        return float(text2num(" ".join(numeric), "en"))
    except ValueError:
        return None
