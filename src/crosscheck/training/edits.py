"""Edits that make a sentence contradict its original: the negative half of the training pairs.

Each edit changes one fact a reader would check (a date, a figure, a name, a
polarity, an opposite word, who did what, who said it) and returns None when
the sentence has nothing of that kind. They are plain string edits on purpose:
fast enough to run on the fly for every training step, and written apart from
`benchmarks/`, whose corruptions must stay an independent test of the model.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Sequence

Edit = Callable[[str, random.Random, Sequence[str]], str | None]

_WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
_MONTHS = "January February March April May June July August September October November December".split()
_NUMBER_WORDS = (
    "two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty hundred".split()
)

# Inflected opposites, both directions; news verbs and adjectives where one side's truth denies the other's.
_OPPOSITES = dict(
    pair
    for a, b in (
        ("approved", "rejected"),
        ("approve", "reject"),
        ("approves", "rejects"),
        ("accepted", "refused"),
        ("rose", "fell"),
        ("rise", "fall"),
        ("risen", "fallen"),
        ("rising", "falling"),
        ("rises", "falls"),
        ("increased", "decreased"),
        ("increase", "decrease"),
        ("increasing", "decreasing"),
        ("won", "lost"),
        ("win", "lose"),
        ("wins", "loses"),
        ("winning", "losing"),
        ("victory", "defeat"),
        ("guilty", "innocent"),
        ("confirmed", "denied"),
        ("confirm", "deny"),
        ("confirms", "denies"),
        ("supported", "opposed"),
        ("support", "oppose"),
        ("supports", "opposes"),
        ("backed", "opposed"),
        ("allowed", "banned"),
        ("allow", "ban"),
        ("opened", "closed"),
        ("open", "closed"),
        ("higher", "lower"),
        ("more", "fewer"),
        ("larger", "smaller"),
        ("increase", "cut"),
        ("passed", "failed"),
        ("acquitted", "convicted"),
        ("arrested", "released"),
        ("hired", "fired"),
        ("raised", "lowered"),
        ("gained", "lost"),
        ("expanded", "shrank"),
        ("strengthened", "weakened"),
        ("agreed", "refused"),
        ("accepts", "refuses"),
        ("joined", "left"),
        ("entered", "exited"),
        ("began", "ended"),
        ("started", "stopped"),
        ("alive", "dead"),
        ("survived", "died"),
        ("legal", "illegal"),
        ("before", "after"),
        ("first", "last"),
        ("up", "down"),
        ("early", "late"),
        ("praised", "criticized"),
        ("praise", "criticize"),
        ("welcomed", "condemned"),
        ("lifted", "imposed"),
        ("signed", "vetoed"),
        ("ally", "rival"),
        ("peaceful", "violent"),
        ("public", "private"),
        ("majority", "minority"),
        ("success", "failure"),
        ("successful", "unsuccessful"),
        ("true", "false"),
    )
    for pair in ((a, b), (b, a))
)
_AUXILIARIES = re.compile(
    r"\b(is|was|are|were|has|have|had|will|would|can|could|should|did|does|do|must|may|might)\b(?! not\b|n't)"
)
_NEGATED = re.compile(r"\b(is|was|are|were|has|have|had|will|would|can|could|should|did|does|do|must) not\b")
_CONTRACTED = {
    "isn't": "is",
    "wasn't": "was",
    "aren't": "are",
    "weren't": "were",
    "hasn't": "has",
    "haven't": "have",
    "hadn't": "had",
    "won't": "will",
    "wouldn't": "would",
    "can't": "can",
    "couldn't": "could",
    "didn't": "did",
    "doesn't": "does",
    "don't": "do",
    "shouldn't": "should",
}
_NAME = re.compile(r"\b(?:[A-Z][a-zA-Z]*[a-z](?:\s+[A-Z][a-zA-Z]*[a-z])*|[A-Z]{2,})\b")
_SPEECH = r"(?:said|says|told|announced|reported|claimed|according to|stated|added|wrote|tweeted)"
_NUMBER = re.compile(r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?![\w])")
_YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")


def change_date(text: str, rng: random.Random, others: Sequence[str] = ()) -> str | None:
    """Another weekday, month or year in the same place."""
    for names in (_WEEKDAYS, _MONTHS):
        found = [m for m in re.finditer(r"\b(" + "|".join(names) + r")\b", text)]
        if found:
            m = rng.choice(found)
            new = rng.choice([n for n in names if n != m.group(1)])
            return text[: m.start()] + new + text[m.end() :]
    years = list(_YEAR.finditer(text))
    if years:
        m = rng.choice(years)
        new = str(int(m.group(1)) + rng.choice([-3, -2, -1, 1, 2, 3]))
        return text[: m.start()] + new + text[m.end() :]
    return None


def change_number(text: str, rng: random.Random, others: Sequence[str] = ()) -> str | None:
    """A different figure: scaled, shifted or a different number word."""
    found = [m for m in _NUMBER.finditer(text) if not _YEAR.fullmatch(m.group(1))]
    if found:
        m = rng.choice(found)
        value = float(m.group(1).replace(",", ""))
        factor = rng.choice([0.1, 0.5, 2, 3, 10]) if value > 3 else None
        new_value = value * factor if factor else value + rng.choice([1, 2, 5])
        new = f"{new_value:,.0f}" if "," in m.group(1) else _plain(new_value, "." in m.group(1))
        return text[: m.start()] + new + text[m.end() :] if new != m.group(1) else None
    words = [m for m in re.finditer(r"\b(" + "|".join(_NUMBER_WORDS) + r")\b", text)]
    if words:
        m = rng.choice(words)
        new = rng.choice([w for w in _NUMBER_WORDS if w != m.group(1)])
        return text[: m.start()] + new + text[m.end() :]
    return None


def change_entity(text: str, rng: random.Random, others: Sequence[str] = ()) -> str | None:
    """A name replaced by another name from the same story (or the sentence's other names)."""
    names = _names(text)
    pool = sorted({n for o in others for n in _names(o)} - set(names))
    if not names or not pool:
        return None
    old = rng.choice(names)
    return _replace_word(text, old, rng.choice(pool))


def negate(text: str, rng: random.Random, others: Sequence[str] = ()) -> str | None:
    """Flip the polarity: drop an existing negation, or negate the first auxiliary."""
    for short, full in _CONTRACTED.items():
        if re.search(rf"\b{short}\b", text, flags=re.IGNORECASE):
            return re.sub(rf"\b{short}\b", full, text, count=1, flags=re.IGNORECASE)
    if m := _NEGATED.search(text):
        return text[: m.start()] + m.group(1) + text[m.end() :]
    if re.search(r"\bnever\b", text):
        return re.sub(r"\bnever\b", "", text, count=1).replace("  ", " ")
    if m := _AUXILIARIES.search(text):
        return text[: m.end()] + " not" + text[m.end() :]
    if m := re.search(r"\b(said|announced|confirmed|reported)\b", text):
        lemma = {"said": "say", "announced": "announce", "confirmed": "confirm", "reported": "report"}
        return text[: m.start()] + "did not " + lemma[m.group(1)] + text[m.end() :]
    return None


def swap_antonym(text: str, rng: random.Random, others: Sequence[str] = ()) -> str | None:
    """One word replaced by its opposite ('approved' -> 'rejected')."""
    words = [m for m in re.finditer(r"\b[a-z]+\b", text) if m.group(0) in _OPPOSITES]
    if not words:
        return None
    m = rng.choice(words)
    return text[: m.start()] + _OPPOSITES[m.group(0)] + text[m.end() :]


def swap_roles(text: str, rng: random.Random, others: Sequence[str] = ()) -> str | None:
    """Two names of the sentence trade places: who did what to whom is reversed."""
    names = _names(text)
    if len(names) < 2:
        return None
    a, b = rng.sample(names, 2)
    marker = "\x00"
    swapped = _replace_word(_replace_word(text, a, marker) or text, b, a)
    return swapped.replace(marker, b) if swapped and swapped != text else None


def change_attribution(text: str, rng: random.Random, others: Sequence[str] = ()) -> str | None:
    """The speaker of a reported statement becomes someone else from the story."""
    m = re.search(rf"({_NAME.pattern})\s+{_SPEECH}|{_SPEECH}\s+({_NAME.pattern})", text)
    if not m:
        return None
    speaker = m.group(1) or m.group(2)
    pool = sorted({n for o in others for n in _names(o)} - {speaker})
    if not pool:
        return None
    return _replace_word(text, speaker, rng.choice(pool))


EDITS: dict[str, Edit] = {
    "date": change_date,
    "number": change_number,
    "entity": change_entity,
    "negation": negate,
    "antonym": swap_antonym,
    "roles": swap_roles,
    "attribution": change_attribution,
}


def contradict(
    text: str, rng: random.Random, others: Sequence[str] = (), kinds: Sequence[str] | None = None
) -> tuple[str, str] | None:
    """The sentence edited to contradict itself, and the edit's kind; None when no edit applies."""
    order = list(kinds or EDITS)
    rng.shuffle(order)
    for kind in order:
        edited = EDITS[kind](text, rng, others)
        if edited and edited.strip() != text.strip():
            return edited, kind
    return None


def drop_clause(text: str, rng: random.Random) -> str | None:
    """The sentence with a trailing or parenthetical clause removed: still true if the original is."""
    cuts = [
        m.start() for m in re.finditer(r",\s+(?:which|who|where|while|after|as|but|and|according)\b", text)
    ]
    cuts += [m.start() for m in re.finditer(r"\s+(?:on|in|at|after|before|during|because)\s", text)][-2:]
    cuts = [c for c in cuts if len(text[:c].split()) >= 5]
    if not cuts:
        return None
    return text[: rng.choice(cuts)].rstrip(" ,;:") + "."


def _names(text: str) -> list[str]:
    """Capitalised names, skipping a sentence-initial ordinary word."""
    found = [m for m in _NAME.finditer(text)]
    names = [m.group(0) for m in found if not (m.start() == 0 and " " not in m.group(0))]
    skip = (
        set(_WEEKDAYS) | set(_MONTHS) | {"The", "A", "An", "He", "She", "It", "They", "We", "I", "But", "In"}
    )
    return list(dict.fromkeys(n for n in names if n not in skip))


def _replace_word(text: str, old: str, new: str) -> str | None:
    out = re.sub(rf"(?<![\w]){re.escape(old)}(?![\w])", lambda _: new, text)
    return out if out != text else None


def _plain(value: float, decimal: bool) -> str:
    return f"{value:.1f}" if decimal else f"{value:.0f}"
