"""Seeded syndicated copies of a news record, one kind of change at a time.

What a wire story goes through on its way to other sites: reprinted as is,
cut to fit (`trimmed`), given a new headline and dateline (`reheadlined`),
wrapped in site furniture and credits (`boilerplate`), its paragraphs moved
(`reordered`), or lightly reworded by a copy desk (`rewritten`: synonyms,
numbers spelled out or back, contractions, a dropped adverb or sentence).
`mixed` applies two or three of these at once. Every random choice goes
through the caller's `random.Random`, so a seed fixes the planted corpus.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from typing import Any

Record = dict[str, Any]

KINDS = ("verbatim", "trimmed", "reheadlined", "boilerplate", "reordered", "rewritten", "mixed")

DATELINES = ("WASHINGTON (AP) —", "NEW YORK (Reuters) -", "LONDON —", "(CNN) —", "By Staff Writer |")
HEADLINE_FORMS = ("{title} | {outlet}", "UPDATED: {title}", "WATCH: {title}", "{title} (report)", "{outlet}")
OUTLETS = ("Yahoo News", "MSN", "NewsBreak", "Daily Herald", "The Courier", "Metro Times")
BOILERPLATE = (
    "Advertisement",
    "Subscribe to our newsletter for daily updates",
    "Share this article on Facebook Twitter",
    "Copyright 2021 The Associated Press. All rights reserved.",
    "This story originally appeared on {outlet}.",
    "The Associated Press contributed to this report.",
    "Reporting by staff; editing by the {outlet} news desk.",
    "Get the latest headlines delivered to your inbox every morning.",
)
# A copy desk's substitutions: each word or phrase (lowercase) and what it may become.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "said": ("stated", "noted", "told reporters"),
    "says": ("states", "notes"),
    "announced": ("unveiled", "revealed"),
    "people": ("individuals", "residents"),
    "officials": ("authorities",),
    "government": ("administration",),
    "more than": ("over",),
    "about": ("around", "roughly"),
    "after": ("following",),
    "because": ("since",),
    "also": ("additionally",),
    "however": ("but",),
    "help": ("assist",),
    "big": ("large",),
    "major": ("significant",),
    "show": ("reveal",),
    "shows": ("reveals",),
    "showed": ("revealed",),
    "began": ("started",),
    "begin": ("start",),
    "expected": ("anticipated",),
    "against": ("versus",),
    "during": ("amid",),
    "before": ("prior to",),
    "killed": ("slain",),
    "buy": ("purchase",),
    "bought": ("purchased",),
    "try": ("attempt",),
    "tried": ("attempted",),
    "need": ("require",),
    "needs": ("requires",),
    "asked": ("requested",),
    "told": ("informed",),
    "called": ("described",),
    "plan": ("proposal",),
    "week": ("seven days",),
    "percent": ("%",),
    "u.s.": ("United States", "US"),
    "did not": ("didn't",),
    "does not": ("doesn't",),
    "is not": ("isn't",),
    "will not": ("won't",),
    "can not": ("cannot",),
    "many": ("numerous",),
    "several": ("a number of",),
    "largest": ("biggest",),
    "quickly": ("rapidly",),
    "now": ("currently",),
    "including": ("among them",),
    "increase": ("rise",),
    "important": ("key",),
    "first": ("initial",),
    "last": ("previous",),
    "other": ("additional",),
    "according to": ("per", "as reported by"),
    "while": ("whereas",),
    "despite": ("in spite of",),
    "get": ("obtain",),
    "got": ("received",),
    "make": ("create",),
    "made": ("created",),
    "want": ("wish",),
    "wants": ("seeks",),
    "think": ("believe",),
    "give": ("provide",),
    "gave": ("provided",),
    "use": ("employ",),
    "used": ("employed",),
    "leader": ("head",),
    "leaders": ("heads",),
    "country": ("nation",),
    "police": ("law enforcement",),
    "law": ("legislation",),
    "bill": ("measure",),
    "attack": ("assault",),
    "found": ("discovered",),
    "which": ("that",),
    "early": ("earlier",),
    "on monday": ("Monday",),
    "on tuesday": ("Tuesday",),
    "on wednesday": ("Wednesday",),
    "on thursday": ("Thursday",),
    "on friday": ("Friday",),
    "said that": ("said",),
    "the first": ("the initial",),
    "in order to": ("to",),
    "a lot of": ("plenty of",),
    "very": ("highly",),
    "around": ("about",),
    "would be": ("will be",),
    "could": ("might",),
    "has been": ("was",),
    "have been": ("were",),
    "is": ("remains",),
    "are": ("remain",),
    "was": ("had been",),
    "with": ("alongside",),
    "and": ("as well as",),
    "but": ("yet",),
    "so": ("thus",),
    "if": ("should",),
    "new": ("fresh",),
}
DROPPABLE = ("also", "still", "just", "very", "really", "already", "reportedly", "currently")
NUMBER_WORDS = "zero one two three four five six seven eight nine".split()  # AP style spells out 0-9
_SENTENCE_END = re.compile(r"(?<=[a-z0-9)”\"]{2}[.!?])\s+(?=[\"“‘]?[A-Z])")
_WORD_SUB = re.compile(
    r"\b(" + "|".join(re.escape(w) for w in sorted(SYNONYMS, key=len, reverse=True)) + r")(?=\W|$)",
    re.IGNORECASE,
)


def paragraphs(text: str) -> list[str]:
    parts = re.split(r"\n\s*\n", text) if re.search(r"\n\s*\n", text) else text.split("\n")
    return [p.strip() for p in parts if p.strip()]


def sentences(paragraph: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(paragraph) if s.strip()]


def trimmed(paras: list[str], rng: random.Random) -> list[str]:
    """The first 40-80 % of the words (25 at least), cut at a sentence end (a wire story cut to fit)."""
    units = [(i, s) for i, p in enumerate(paras) for s in sentences(p)]
    total = sum(len(s.split()) for _, s in units)
    budget, kept, words = rng.uniform(0.4, 0.8) * total, [], 0
    for i, sentence in units:
        if words >= 25 and words + len(sentence.split()) > budget:
            break
        kept.append((i, sentence))
        words += len(sentence.split())
    return [" ".join(s for j, s in kept if j == i) for i in dict.fromkeys(i for i, _ in kept)]


def reheadlined(record: Record, paras: list[str], rng: random.Random) -> tuple[str, list[str]]:
    outlet = rng.choice(OUTLETS)
    title = rng.choice(HEADLINE_FORMS).format(title=record.get("title") or "Wire report", outlet=outlet)
    return title, [f"{rng.choice(DATELINES)} {paras[0]}", *paras[1:]]


def with_boilerplate(paras: list[str], rng: random.Random) -> list[str]:
    outlet = rng.choice(OUTLETS)
    out = list(paras)
    for line in rng.sample(BOILERPLATE, rng.randint(2, 4)):
        out.insert(rng.randint(1, len(out)), line.format(outlet=outlet))
    return out


def reordered(paras: list[str], rng: random.Random) -> list[str]:
    """Paragraphs shuffled (sentences, for a one-paragraph text), never left in order."""
    if len(paras) < 2:
        units, joined = sentences(paras[0]) if paras else [], True
    else:
        units, joined = list(paras), False
    if len(units) < 2:
        return paras
    order = list(range(len(units)))
    while order == sorted(order):
        rng.shuffle(order)
    moved = [units[i] for i in order]
    return [" ".join(moved)] if joined else moved


def rewritten(paras: list[str], rng: random.Random, rate: float = 0.75) -> list[str]:
    """Light rewording: synonyms, small numbers spelled out or back, dropped adverbs, maybe a sentence."""

    def swap(match: re.Match[str]) -> str:
        word = match.group(0)
        choices = SYNONYMS.get(word.lower())  # None for a look-alike ("ıs" in Turkish matches "is")
        if not choices or rng.random() > rate:
            return word
        new = rng.choice(choices)
        return new[0].upper() + new[1:] if word[0].isupper() else new

    def number(match: re.Match[str]) -> str:
        word = match.group(0)
        if rng.random() > rate:
            return word
        if word.isdigit():
            return NUMBER_WORDS[int(word)]
        return str(NUMBER_WORDS.index(word.lower()))

    out = []
    for paragraph in paras:
        text = _WORD_SUB.sub(swap, paragraph)
        text = re.sub(r"(?<![\w.,:$])[0-9](?![\w.,:%])|\b(?:" + "|".join(NUMBER_WORDS) + r")\b", number, text)
        text = re.sub(
            r"\s\b(" + "|".join(DROPPABLE) + r")\b", lambda m: "" if rng.random() < rate else m.group(0), text
        )
        out.append(text)
    units = [(i, s) for i, p in enumerate(out) for s in sentences(p)]
    if len(units) > 3 and rng.random() < 0.5:
        drop = rng.randrange(1, len(units))
        out = [" ".join(s for k, (j, s) in enumerate(units) if j == i and k != drop) for i in range(len(out))]
    return [p for p in out if p.strip()]


def plant(record: Record, kind: str, rng: random.Random, copy_id: str) -> Record:
    """A copy of `record` changed in the way `kind` names, under `copy_id`."""
    paras = paragraphs(record["text"])
    title = record.get("title") or ""
    steps: dict[str, Callable[[list[str]], list[str]]] = {
        "trimmed": lambda p: trimmed(p, rng),
        "boilerplate": lambda p: with_boilerplate(p, rng),
        "reordered": lambda p: reordered(p, rng),
        "rewritten": lambda p: rewritten(p, rng),
    }
    if kind == "reheadlined":
        title, paras = reheadlined(record, paras, rng)
    elif kind in steps:
        paras = steps[kind](paras)
    elif kind == "mixed":
        chosen = rng.sample(
            ["trimmed", "boilerplate", "reordered", "rewritten", "reheadlined"], rng.randint(2, 3)
        )
        for step in chosen:
            if step == "reheadlined":
                title, paras = reheadlined(record, paras, rng)
            else:
                paras = steps[step](paras)
    elif kind != "verbatim":
        raise ValueError(f"unknown copy kind {kind!r}; expected one of {KINDS}")
    return {
        **record,
        "id": copy_id,
        "title": title,
        "text": "\n\n".join(paras),
        "outlet": rng.choice(OUTLETS),
        "url": None,
        "kind": kind,
        "original": record["id"],
    }
