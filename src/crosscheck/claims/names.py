"""When two names are the same entity: aliases, spelling variants, titles, demonyms.

"Kim Jong In" / "Kim Jong Un" / "Kim Jong-un" / "Mr. Kim", "DPRK" / "North Korea",
"United States" / "America" / "U.S." and "Korean" / "Korea" must never be read
as a conflict, while "North Korea" / "South Korea" and "Near East" /
"Northeast" must. Rules handle the open classes (titles, possessives, hyphens,
demonym suffixes, fuzzy spelling, surname-only mentions); `data/aliases.tsv`
lists the closed ones (abbreviations, capitals standing for governments).
"""

from __future__ import annotations

import importlib.resources
import re
import unicodedata
from functools import lru_cache

from rapidfuzz import fuzz

TITLES = frozenset(
    """mr mrs ms miss dr prof sir dame president vice prime minister chancellor premier king queen
    prince princess sen senator rep representative gov governor mayor gen general col lt capt
    secretary minister leader chairman chairwoman chief judge justice pope rev st saint lord lady
    the a an of""".split()
)
# Demonym and adjective endings: Korean/Korea, Northeastern/Northeast, Chinese/China, Ukrainian/Ukraine.
_SUFFIXES = ("ern", "ian", "ean", "ese", "ish", "an", "n", "i", "ic", "s")
FUZZY_SAME = 88


def normalize(name: str) -> str:
    """Lowercase, ASCII, no possessive, punctuation or titles."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    text = re.sub(r"['’]s\b", "", text.lower())
    text = re.sub(r"\b([a-z])[ .]+(?=[a-z]\b)", r"\1", text)  # "U. K." and "U.S." -> "uk", "us"
    words = re.sub(r"[^a-z0-9]+", " ", text).split()
    return " ".join(w for w in words if w not in TITLES) or " ".join(words)


@lru_cache(maxsize=1)
def _alias_table() -> dict[str, str]:
    table: dict[str, str] = {}
    path = importlib.resources.files("crosscheck.claims") / "data" / "aliases.tsv"
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            variants = [_key(v) for v in line.split("\t")]
            for variant in variants:
                table[variant] = variants[0]
    return table


@lru_cache(maxsize=65536)  # called for every pair of aligned sentences' words: a story repeats them
def stemmed(text: str) -> str:
    """Normalised words with demonym endings stemmed: 'North Korean' -> 'north kor'."""
    return " ".join(_stem(w) for w in normalize(text).split())


_key = stemmed


@lru_cache(maxsize=65536)
def canonical(name: str) -> str:
    """The alias-table form of a name (normalised, demonyms stemmed)."""
    key = _key(name)
    return _alias_table().get(key, key)


def _stem(word: str) -> str:
    if word.endswith("ans") and len(word) > 5:  # "Americans" is the plural of "American"
        word = word[:-1]
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    stripped = word.rstrip("aeiouy")
    return stripped if len(stripped) >= 3 else word


@lru_cache(maxsize=65536)
def same_entity(a: str, b: str) -> bool:
    """True when `a` and `b` can name the same person, place or organisation."""
    ca, cb = canonical(a), canonical(b)
    if not ca or not cb:
        return False
    if ca == cb:
        return True
    wa, wb = ca.split(), cb.split()
    if _subsumes(wa, wb) or _subsumes(wb, wa):
        return True
    if _acronym(wa, wb) or _acronym(wb, wa) or _abbreviated(wa, wb) or _abbreviated(wb, wa):
        return True
    differing = set(wa) ^ set(wb)
    return min(len(ca), len(cb)) >= 5 and fuzz.ratio(ca, cb) >= FUZZY_SAME and not differing & _QUALIFIERS


def _subsumes(short: list[str], long: list[str]) -> bool:
    """'Kim' in 'Kim Jong Un', 'Putin' in 'Vladimir Putin': every word of one in the other.

    A qualifier that distinguishes ('North' vs 'South' Korea) makes both lists
    long enough that neither contains the other, so they stay different.
    """
    return len(short) < len(long) and all(w in long for w in short) and not _only_qualifier(short, long)


_QUALIFIERS = frozenset(
    "north south east west northern southern eastern western new upper lower central".split()
)


def _only_qualifier(short: list[str], long: list[str]) -> bool:
    """'Korea' vs 'North Korea' is vague, not the same; we still let it match, except
    when the short form is itself only a qualifier ('North')."""
    return all(w in _QUALIFIERS for w in short)


_MINOR = frozenset("of and for the de del la".split())


def _acronym(short: list[str], long: list[str]) -> bool:
    """'IMF' for 'International Monetary Fund', 'NOAA' for 'National Oceanic and Atmospheric …'."""
    initials = "".join(w[0] for w in long if w not in _MINOR)
    return len(short) == 1 and len(short[0]) >= 2 and len(long) >= 2 and short[0] == initials


def _abbreviated(short: list[str], long: list[str]) -> bool:
    """'UN General Assembly' for 'United Nations General Assembly': the same words, one of
    them the initials of a run of the other's ('us' for 'united states')."""
    i = j = 0
    abbreviated = False
    while i < len(short) and j < len(long):
        word = short[i]
        if word == long[j]:
            j += 1
        elif len(word) >= 2 and "".join(w[0] for w in long[j : j + len(word)]) == word:
            j, abbreviated = j + len(word), True
        else:
            return False
        i += 1
    return abbreviated and i == len(short) and j == len(long)
