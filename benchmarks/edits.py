"""How each kind of corruption rewrites one parsed sentence.

A finder (`SITE_FINDERS[kind]`) lists the places in a corroborated sentence pair
where the kind applies; each `Site` draws its new value from the caller's rng
and returns character edits of the article text, or None where it can't make
a clean, grammatical change (then the next site is tried).
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from benchmarks.inflection import IRREGULAR_THIRD, inflect, match_case, past

Record = dict[str, Any]
Sent = Any  # spacy.tokens.Span; spaCy is imported lazily
NAME_LABELS = ("PERSON", "ORG", "GPE", "LOC")
SUBJECT_DEPS = ("nsubj", "nsubjpass")
MONTHS = "january february march april may june july august september october november december".split()
MONTH_ABBREVIATIONS = {"jan": 0, "feb": 1, "aug": 7, "sep": 8, "sept": 8, "oct": 9, "nov": 10, "dec": 11}
WEEKDAYS = "monday tuesday wednesday thursday friday saturday sunday".split()
NUMBER_WORDS = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
} | {w: 10 * i for i, w in enumerate("thirty forty fifty sixty seventy eighty ninety".split(), 3)}
WORD_FOR = {v: k for k, v in NUMBER_WORDS.items()}
# Lemmas whose WordNet antonyms make nonsense in news prose ("say" -> "unsay").
ANTONYM_STOPLIST = frozenset("be have do say tell get go come make take give see know think want".split())


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace `[start, end)` of the original article text with `text`."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Pair:
    """Sentence `sent` of article `article` corroborated by `evidence` of `evidence_article`."""

    article: int
    sent: Sent
    evidence_article: int
    evidence: Sent
    overlap: float


Change = tuple[list[Edit], str]  # the edits and a detail such as "June -> August"


@dataclass(frozen=True, slots=True)
class Site:
    """One place a corruption could go; `make` draws the new value from the rng."""

    pair: Pair
    preferred: bool
    make: Callable[[random.Random], Change | None]


@dataclass(frozen=True, slots=True)
class Name:
    text: str
    takes_the: bool


@dataclass(frozen=True, slots=True)
class Context:
    """What a site needs beyond its sentence pair."""

    story: Sequence[Record]
    pool: Any  # corruptions.EntityPool: .pick(label, Name, avoid=, rng=)
    antonyms: Callable[[str], Collection[str]]
    story_text: str  # lowercased, to keep swapped-in names out of the story


def is_name(text: str) -> bool:
    """A clean capitalised name ('Joe Biden', 'Bank of England'), no digits or stray tokens."""
    return len(text) >= 3 and bool(
        re.fullmatch(r"[A-Z][A-Za-z.&'-]*(?: (?:[A-Z][A-Za-z.&'-]*|of|and|for|the))*", text)
    )


def strip_the(ent: Sent) -> tuple[Sent, bool]:
    """The entity without a leading 'the', and whether it takes one."""
    if ent[0].lower_ == "the" and len(ent) > 1:
        return ent[1:], True
    return ent, ent.start > 0 and ent.doc[ent.start - 1].lower_ == "the"


def _replace(token: Any, text: str) -> Edit:
    return Edit(token.idx, token.idx + len(token.text), text)


# --- date ------------------------------------------------------------------------------


def _date_part(token: Any) -> tuple[str, int] | None:
    """('month', 0-11), ('weekday', 0-6) or ('year', 1998) for a date word, else None."""
    low = token.lower_.rstrip(".")
    if token.text[:1].isupper() and (low != "may" or token.ent_type_ == "DATE"):
        if low in MONTHS:
            return "month", MONTHS.index(low)
        if low in MONTH_ABBREVIATIONS:
            return "month", MONTH_ABBREVIATIONS[low]
        if low in WEEKDAYS:
            return "weekday", WEEKDAYS.index(low)
    if re.fullmatch(r"(19|20)\d\d", token.text):
        return "year", int(token.text)
    return None


def _day_of(token: Any) -> tuple[str, int] | None:
    """('day', n) for a day number standing next to a month name."""
    m = re.fullmatch(r"([0-9]{1,2})(st|nd|rd|th)?", token.text)
    if not m or not 1 <= int(m.group(1)) <= 31:
        return None
    doc = token.doc
    near = [doc[i] for i in (token.i - 1, token.i + 1) if 0 <= i < len(doc)]
    months = [p for t in near if (p := _date_part(t)) and p[0] == "month"]
    return ("day", months[0][1] * 100 + int(m.group(1))) if months else None


def _date_parts(tokens: Iterable[Any]) -> list[tuple[Any, tuple[str, int]]]:
    return [(t, p) for t in tokens if (p := _date_part(t) or _day_of(t))]


def date_sites(pair: Pair, context: Context) -> list[Site]:
    in_b = {p for _, p in _date_parts(pair.evidence)}
    in_dates = [t for ent in pair.sent.ents if ent.label_ == "DATE" for t in ent]
    return [
        Site(pair, True, lambda rng, t=t, p=p: _new_date(t, p, rng))
        for t, p in _date_parts(in_dates)
        if p in in_b
    ]


def _new_date(token: Any, part: tuple[str, int], rng: random.Random) -> Change:
    kind, value = part
    if kind == "month":
        new = rng.choice([m for i, m in enumerate(MONTHS) if i != value]).capitalize()
    elif kind == "weekday":
        new = rng.choice([d for i, d in enumerate(WEEKDAYS) if i != value]).capitalize()
    elif kind == "year":
        new = str(value + rng.choice([-3, -2, -1, 1, 2, 3]))
    else:
        day = value % 100
        new_day = rng.choice([d for d in range(1, 29) if abs(d - day) >= 3])
        new = str(new_day) + (_ordinal_suffix(new_day) if not token.text.isdigit() else "")
    return [_replace(token, new)], f"{token.text} -> {new}"


def _ordinal_suffix(n: int) -> str:
    return "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


# --- number ----------------------------------------------------------------------------


def number_value(token: Any) -> float | None:
    """The value of a digit string ('1,200', '3.5') or a number word ('nine'); None otherwise."""
    if re.fullmatch(r"\d{1,3}(,\d{3})+|\d+(\.\d+)?", token.text):
        return float(token.text.replace(",", ""))
    value = NUMBER_WORDS.get(token.lower_)
    return float(value) if value and value > 1 else None


LOWER_BOUNDS = ("at least", "more than", "over", "above", "upwards of", "in excess of")
UPPER_BOUNDS = ("up to", "at most", "less than", "fewer than", "under", "below")
ROUGHLY = ("about", "around", "nearly", "almost", "some", "roughly", "approximately", "estimated", "close to")
UP, DOWN = (2.0, 3.0, 1.5, 1.37, 4.0), (0.5,)


def number_sites(pair: Pair, context: Context) -> list[Site]:
    """A number B also states, moved the way that B's and A's wording can't both allow."""
    in_b = {v: t for t in pair.evidence if (v := number_value(t)) is not None}
    sites = []
    for ent in pair.sent.ents:
        if ent.label_ not in ("CARDINAL", "MONEY", "PERCENT", "QUANTITY"):
            continue
        numbers = [t for t in ent if number_value(t) is not None]
        if not numbers or any(re.fullmatch(r"(19|20)\d\d", t.text) for t in numbers):
            continue
        anchor = next((t for t in numbers if number_value(t) in in_b), None)
        factors = _contradicting_factors(anchor, in_b[number_value(anchor)]) if anchor else ()
        if factors:
            sites.append(Site(pair, True, lambda rng, ns=numbers, fs=factors: _new_numbers(ns, fs, rng)))
    return sites


def qualifier(token: Any) -> str:
    """'lower' for 'at least 5', 'upper' for 'up to 5', 'rough' for 'about 5', else ''."""
    before = token.doc[max(token.i - 3, token.sent.start) : token.i].text.lower()
    before = re.sub(r"[$€£]", "", before).strip()
    for kind, phrases in (("lower", LOWER_BOUNDS), ("upper", UPPER_BOUNDS), ("rough", ROUGHLY)):
        if any(re.search(rf"\b{p}$", before) for p in phrases):
            return kind
    return ""


def _contradicting_factors(a: Any, b: Any) -> tuple[float, ...]:
    """Factors that make A's number contradict B's: 'at least 9' allows 18, not 4."""
    qa, qb = qualifier(a), qualifier(b)
    need = {d for q, d in ((qb, "down"), (qa, "up")) if q == "lower"}
    need |= {d for q, d in ((qb, "up"), (qa, "down")) if q == "upper"}
    if len(need) > 1:
        return ()
    factors = UP + DOWN if not need else (UP if need == {"up"} else DOWN)
    if "rough" in (qa, qb):
        factors = tuple(f for f in factors if f >= 2 or f <= 0.5)
    return factors


def _new_numbers(tokens: list[Any], factors: Sequence[float], rng: random.Random) -> Change | None:
    """Scale every number of one mention by the same factor (a range stays a range)."""
    factors = list(factors)
    rng.shuffle(factors)
    for factor in factors:
        new = [_scaled(t, factor) for t in tokens]
        if all(new):
            edits = [_replace(t, n) for t, n in zip(tokens, new, strict=True) if n]
            before = " ".join(t.text for t in tokens)
            return edits, f"{before} -> {' '.join(n for n in new if n)}"
    return None


def _scaled(token: Any, factor: float) -> str | None:
    value = number_value(token)
    assert value is not None
    decimals = len(token.text.split(".")[1]) if "." in token.text else 0
    new = round(value * factor, decimals)
    if new < 2 or abs(new - value) <= 0.1 * value:
        return None
    if token.lower_ in NUMBER_WORDS:
        word = WORD_FOR.get(int(new)) if new == int(new) else None
        return match_case(word, token.text) if word else f"{int(new)}"
    if decimals:
        return f"{new:.{decimals}f}"
    return f"{int(new):,}" if "," in token.text else str(int(new))


# --- entity and attribution ---------------------------------------------------------------


def _subject_tokens(sent: Sent) -> set[int]:
    """Token indices of the root verb's subject phrase."""
    subjects = [c for c in sent.root.children if c.dep_ in SUBJECT_DEPS]
    return {t.i for s in subjects for t in s.subtree}


def _doers(pair: Pair) -> list[Any]:
    """The subjects of the sentence's verbs that B uses too: who said or did what both report."""
    shared = _lemmas(pair.evidence)
    verbs = [t for t in pair.sent if t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in shared]
    if pair.sent.root.lemma_.lower() in shared:
        verbs.append(pair.sent.root)
    return [c for v in verbs for c in v.children if c.dep_ in SUBJECT_DEPS]


def mentions(sent: Sent, name: str, label: str) -> bool:
    """Whether `sent` names `name` in full, or, for a person, by surname (case matters:
    'the pope' does not name 'Pope')."""
    name = re.sub(r"^[Tt]he ", "", name)
    if re.search(rf"\b{re.escape(name)}\b", sent.text):
        return True
    surname = name.split()[-1]
    return (
        label == "PERSON"
        and len(surname) > 2
        and re.search(rf"\b{re.escape(surname)}\b", sent.text) is not None
    )


def _swappable(ent: Sent) -> bool:
    """A name that stands alone: not part of a compound ('Taliban-controlled') and not
    named again in the sentence (swapping one of two mentions makes the sentence
    disagree with itself, not with the other outlet)."""
    text, sent = ent.text, ent.sent.text
    before = ent.doc.text[ent.start_char - 1 : ent.start_char]
    after = ent.doc.text[ent.end_char : ent.end_char + 1]
    if "-" in (before, after):
        return False
    return len(re.findall(rf"\b{re.escape(text.split()[-1])}\b", sent)) == 1


def entity_sites(pair: Pair, context: Context) -> list[Site]:
    """A name in any other role than who said or did it (that is `attribution`)."""
    taken = _subject_tokens(pair.sent) | {t.i for s in _doers(pair) for t in s.subtree}
    return [
        Site(pair, True, lambda rng, e=ent: _new_name(e, context, rng))
        for ent in pair.sent.ents
        if ent.label_ in NAME_LABELS
        and not taken & set(range(ent.start, ent.end))
        and _swappable(ent)
        and mentions(pair.evidence, ent.text, ent.label_)
    ]


def attribution_sites(pair: Pair, context: Context) -> list[Site]:
    """Who said or did it: the subject of a verb B uses too ('X said', 'X died'), where B names it."""
    subjects = _doers(pair)
    return [
        Site(pair, True, lambda rng, e=ent: _new_name(e, context, rng))
        for ent in pair.sent.ents
        if ent.label_ in ("PERSON", "ORG", "GPE")
        and any(ent.start <= s.i < ent.end for s in subjects)
        and _swappable(ent)
        and mentions(pair.evidence, ent.text, ent.label_)
    ]


def _new_name(ent: Sent, context: Context, rng: random.Random) -> Change | None:
    span, takes_the = strip_the(ent)
    if not is_name(span.text):
        return None
    new = context.pool.pick(ent.label_, Name(span.text, takes_the), avoid=context.story_text, rng=rng)
    if new is None:
        return None
    return [Edit(span.start_char, span.end_char, new)], f"{span.text} -> {new}"


# --- negation ---------------------------------------------------------------------------

CONTRACTED_AUX = {"wo": "will", "ca": "can", "sha": "shall"}


REPORTING_VERBS = frozenset("say tell announce report state add confirm claim write told".split())


def negation_sites(pair: Pair, context: Context) -> list[Site]:
    """The main verb, where B uses the same verb: B must state what the negation denies.
    A bare 'be' or 'have' says little, so its sentence must match B closely."""
    verb = _main_verb(pair.sent)
    lemma = verb.lemma_.lower()
    if verb.pos_ not in ("VERB", "AUX") or verb.i == pair.sent.start or lemma not in _lemmas(pair.evidence):
        return []
    if lemma in ("be", "have") and pair.overlap < 0.5:
        return []
    return [Site(pair, True, lambda rng: negate(verb))]


def _lemmas(sent: Sent) -> set[str]:
    return {t.lemma_.lower() for t in sent}


def _main_verb(sent: Sent) -> Any:
    """The root verb, or what it reports: 'X will cost $5m, Y said' negates 'cost', not 'said'
    ('Y did not say' is no claim that another outlet's report of the cost contradicts)."""
    root = sent.root
    if root.lemma_.lower() in REPORTING_VERBS:
        reported = [c for c in root.children if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX")]
        if reported:
            return reported[0]
    return root


def negate(root: Any) -> Change | None:
    """Negate the verb `root` ('will approve' -> 'will not approve', 'won' -> 'did not win'),
    or take its negation away ('did not say' -> 'said')."""
    negs = [c for c in root.children if c.dep_ == "neg"]
    if negs:
        return _unnegate(root, negs[0])
    auxes = sorted(
        (c for c in root.children if c.dep_ in ("aux", "auxpass") and c.i < root.i), key=lambda t: t.i
    )
    if auxes and auxes[0].lower_ != "to":
        first = auxes[0]
        end = first.idx + len(first.text)
        return [Edit(end, end, " not")], f"{first.text} -> {first.text} not"
    if root.lemma_ == "be":
        end = root.idx + len(root.text)
        return [Edit(end, end, " not")], f"{root.text} -> {root.text} not"
    do = {"VBD": "did", "VBZ": "does", "VBP": "do"}.get(root.tag_)
    if root.pos_ != "VERB" or not do or not root.lemma_.isalpha():
        return None
    new = f"{do} not {root.lemma_.lower()}"
    return [_replace(root, new)], f"{root.text} -> {new}"


def _unnegate(root: Any, neg: Any) -> Change | None:
    auxes = [c for c in root.children if c.dep_ == "aux" and c.i == neg.i - 1]
    aux = auxes[0] if auxes else None
    if aux is not None and aux.lemma_ == "do" and root.tag_ == "VB":
        return _drop_do_support(root, aux, neg)
    if neg.lower_ == "n't":
        edits = [Edit(neg.idx, neg.idx + len(neg.text), "")]
        if aux is not None and aux.lower_ in CONTRACTED_AUX:
            edits.append(_replace(aux, match_case(CONTRACTED_AUX[aux.lower_], aux.text)))
        return edits, f"{aux.text if aux is not None else ''}{neg.text} -> (removed)"
    if neg.lower_ in ("not", "never"):
        return [Edit(neg.idx, neg.idx + len(neg.text_with_ws), "")], f"{neg.text} -> (removed)"
    return None


def _drop_do_support(root: Any, aux: Any, neg: Any) -> Change | None:
    """'did not say' -> 'said', 'doesn't know' -> 'knows'."""
    lemma = root.lemma_.lower()
    form = {"did": past(lemma), "does": IRREGULAR_THIRD.get(lemma) or inflect(lemma, "VBZ")}.get(
        aux.lower_, lemma
    )
    if not form or aux.i == aux.sent.start:
        return None
    deleted = Edit(aux.idx, neg.idx + len(neg.text_with_ws), "")
    return [deleted, _replace(root, form)], f"{aux.text} {neg.text} {root.text} -> {form}"


# --- antonym ----------------------------------------------------------------------------

WORDNET_POS = {"VERB": "v", "ADJ": "a", "NOUN": "n"}
NEGATING_PREFIXES = ("un", "in", "im", "il", "ir", "dis", "non")
# The table is WordNet's antonyms spread over synonyms and derived forms
# ("approve" -> "curse", "confirm" -> "blackball"), fine for detecting but not
# for writing a plausible wrong report. We keep the pairs a reporter could
# plausibly get wrong: these, and prefix pairs (legal/illegal), when the table
# has them.
NEWS_ANTONYMS = frozenset(
    frozenset(p.split())
    for p in (
        "increase decrease,rise fall,rise decline,raise lower,gain lose,win lose,accept reject,"
        "approve reject,support oppose,allow forbid,allow prohibit,permit forbid,permit prohibit,"
        "confirm deny,admit deny,open close,start finish,begin end,arrive depart,buy sell,"
        "expand contract,strengthen weaken,include exclude,succeed fail,pass fail,remember forget,"
        "acquit convict,hire fire,add subtract,ascend descend,attack defend,guilty innocent,"
        "large small,big small,major minor,high low,strong weak,positive negative,rich poor,"
        "early late,full empty,long short,true false,safe dangerous,maximum minimum,"
        "majority minority,victory defeat,gain loss,profit loss,success failure,import export,"
        "winner loser,permanent temporary,wet dry,hot cold,cheap expensive,easy difficult,love hate,"
        "present absent,deep shallow,fast slow,more less,best worst,good bad,decrease grow,"
        "inside outside,dead alive,public private,young old,peace war,first last"
    ).split(",")
)


def crosscheck_antonyms(lemma: str) -> Collection[str]:
    """The antonyms crosscheck's WordNet-derived table lists for `lemma`."""
    from crosscheck.verification.lexicon import antonyms

    return antonyms(lemma)


def news_antonyms(lemma: str, pos: str, listed: Collection[str]) -> list[str]:
    """The plausible antonyms among those the table lists (see NEWS_ANTONYMS)."""
    return sorted(a for a in listed if frozenset((lemma, a)) in NEWS_ANTONYMS or _prefixed(lemma, a, pos))


def _prefixed(a: str, b: str, pos: str) -> bool:
    """legal/illegal, agree/disagree; but not block/unblock, which undoes rather than opposes."""
    prefixes = NEGATING_PREFIXES if pos == "ADJ" else ("dis",)
    return any(b == p + a or a == p + b for p in prefixes)


def antonym_sites(pair: Pair, context: Context) -> list[Site]:
    in_b = _lemmas(pair.evidence)
    return [
        Site(pair, True, lambda rng, t=t: _new_antonym(t, context, rng))
        for t in pair.sent
        if t.pos_ in WORDNET_POS
        and t.is_alpha
        and not t.ent_type_
        and t.lemma_.lower() in in_b
        and t.lemma_.lower() not in ANTONYM_STOPLIST
    ]


def _new_antonym(token: Any, context: Context, rng: random.Random) -> Change | None:
    lemma = token.lemma_.lower()
    options = news_antonyms(lemma, token.pos_, context.antonyms(lemma))
    rng.shuffle(options)
    for antonym in options:
        form = inflect(antonym, token.tag_)
        if form and form != token.lower_:
            edits = [_replace(token, match_case(form, token.text))]
            edits += _article_agreement(token, form)
            return edits, f"{token.text} -> {form}"
    return None


def _article_agreement(token: Any, new: str) -> list[Edit]:
    """'an increase' -> 'a decrease': fix the indefinite article right before the word."""
    if token.i == 0:
        return []
    before = token.doc[token.i - 1]
    if before.lower_ not in ("a", "an") or before.whitespace_ != " ":
        return []
    article = "an" if new[0].lower() in "aeiou" else "a"
    return [] if article == before.lower_ else [_replace(before, match_case(article, before.text))]


SITE_FINDERS: dict[str, Callable[[Pair, Context], list[Site]]] = {
    "date": date_sites,
    "number": number_sites,
    "entity": entity_sites,
    "negation": negation_sites,
    "antonym": antonym_sites,
    "attribution": attribution_sites,
}
