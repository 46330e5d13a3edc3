"""What the detectors compare, read once per sentence from spaCy's parse.

For each claim we keep its content lemmas, its named mentions (with the
syntactic role they fill), its dates, its quantities and its predicates
(verb, negated or not, who does it, to whom). Offsets are into the article's
cleaned text, like every span in crosscheck.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING, TypeVar

from crosscheck.claims.dates import DateValue, parse_date
from crosscheck.claims.identity import descriptors
from crosscheck.claims.names import TITLES, canonical
from crosscheck.claims.numbers import Quantity, parse_quantity
from crosscheck.model import Span

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

NAME_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "LAW", "WORK_OF_ART"}
)
AGENT_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
NUMBER_LABELS = frozenset({"CARDINAL", "MONEY", "PERCENT", "QUANTITY"})
CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "NUM", "ADV"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "agent", "csubj"})
_NEGATORS = frozenset({"not", "n't", "never", "no", "neither", "nor"})
_FAILURE_VERBS = frozenset({"fail", "refuse", "decline", "deny"})  # "refused to approve" ≈ not approve
_RATE = re.compile(
    r"^(?:\w+\s+)?(?:a|an|per|each|every)\s+(?:day|week|month|year|hour|minute|second)\b", re.I
)
# Verbs that frame a statement rather than state an act: they anchor nothing.
REPORTING_VERBS = frozenset("say tell add report accord state announce".split())
_LIGHT_VERBS = frozenset({"be", "have", "do"})
_Spanned = TypeVar("_Spanned", "Mention", "ValueMention", "Predicate")


@dataclass(frozen=True, slots=True)
class Mention:
    text: str
    label: str
    start: int
    end: int
    key: str  # canonical name (names.canonical)
    dep: str
    head: str  # lemma of the syntactic head: what the mention fills a slot of
    context: frozenset[str] = frozenset()  # content words around it in the parse (its role)
    identity: frozenset[str] = frozenset()  # its title, age, what it owns (claims.identity)


@dataclass(frozen=True, slots=True)
class ValueMention:
    """A date or a quantity as the sentence states it, with the role it plays there."""

    text: str
    start: int
    end: int
    value: DateValue | Quantity
    head: str  # the word whose slot it fills (see _slot_head)
    verbs: frozenset[str]  # the verbs it dates or counts for, up the parse to the root
    context: frozenset[str]  # content words around it


def _value_mention(ent: SpacySpan, offset: int, value: DateValue | Quantity, head: str) -> ValueMention:
    start, end = offset + ent.start_char, offset + ent.end_char
    return ValueMention(ent.text, start, end, value, head, _verbs_above(ent.root), _context(ent))


@dataclass(frozen=True, slots=True)
class Predicate:
    lemma: str
    word: str  # the predicate as written, with its negation: "did not issue"
    start: int
    end: int
    negated: bool
    actor: Mention | None
    objects: tuple[str, ...]  # names in its object slots, with the slot: "with:north kor"
    terms: frozenset[str]  # content lemmas of what it says or does, subject left out


@dataclass(frozen=True, slots=True)
class SentenceFeatures:
    start: int
    end: int
    text: str
    lemmas: frozenset[str]
    mentions: tuple[Mention, ...]
    dates: tuple[ValueMention, ...]
    numbers: tuple[ValueMention, ...]
    predicates: tuple[Predicate, ...]
    neighbours: tuple[tuple[str, frozenset[str]], ...] = ()  # lemma -> lemmas it is linked to

    def context(self, lemma: str) -> frozenset[str]:
        return frozenset().union(*(n for lem, n in self.neighbours if lem == lemma))

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)

    @property
    def keys(self) -> frozenset[str]:
        return frozenset(m.key for m in self.mentions)

    def moved(self, start: int) -> SentenceFeatures:
        """The same sentence read at `start`: every offset shifted with it. `moved(0)` of two
        copies of a sentence are equal when they say the same thing the same way."""
        by = start - self.start
        if not by:
            return self
        return replace(
            self,
            start=start,
            end=self.end + by,
            mentions=tuple(_shift(m, by) for m in self.mentions),
            dates=tuple(_shift(d, by) for d in self.dates),
            numbers=tuple(_shift(n, by) for n in self.numbers),
            predicates=tuple(
                replace(_shift(p, by), actor=p.actor and _shift(p.actor, by)) for p in self.predicates
            ),
        )


def _shift(item: _Spanned, by: int) -> _Spanned:
    return replace(item, start=item.start + by, end=item.end + by)


def sentence_features(
    sent: SpacySpan, offset: int, *, base: date | None, previous: DateValue | None
) -> SentenceFeatures:
    """Features of one parsed sentence; `offset` maps doc offsets to article offsets."""
    mentions = tuple(
        _mention(ent, offset) for ent in sent.ents if ent.label_ in NAME_LABELS and not _only_office(ent)
    )
    dates = tuple(_dates(sent, offset, base, previous))
    return SentenceFeatures(
        start=offset + sent.start_char,
        end=offset + sent.end_char,
        text=sent.text,
        lemmas=frozenset(
            t.lemma_.lower() for t in sent if t.pos_ in CONTENT_POS and not t.is_stop and t.is_alpha
        ),
        mentions=mentions,
        dates=dates,
        numbers=tuple(_numbers(sent, offset)),
        predicates=tuple(_predicates(sent, offset, mentions)),
        neighbours=tuple(_neighbours(sent)),
    )


def _neighbours(sent: SpacySpan):
    """Each content word with the content words two links away, seen through function words.

    "reduction of bilateral ties" reaches "bilateral" (of → ties → bilateral),
    as "expand … bilateral relations" does: the two share what they act on.
    """
    for token in sent:
        if token.pos_ in CONTENT_POS and token.is_alpha:
            near: set[Token] = set()
            frontier = [token]
            for _ in range(2):
                frontier = [
                    n for f in frontier for n in _content_links(f) if n not in near and n.i != token.i
                ]
                near.update(frontier)
            # Names recur all over a story, so they do not pin down a slot.
            yield token.lemma_.lower(), frozenset(n.lemma_.lower() for n in near if n.pos_ != "PROPN")


def _content_links(token: Token) -> list[Token]:
    """Content words linked to `token`, passing through prepositions and determiners."""
    out = []
    for n in (token.head, *token.children):
        if n.i == token.i:
            continue
        if n.pos_ in CONTENT_POS:
            out.append(n)
        elif n.pos_ in ("ADP", "DET", "PART", "AUX"):
            out.extend(c for c in n.children if c.pos_ in CONTENT_POS and c.i != token.i)
    return out


def _only_office(ent: SpacySpan) -> bool:
    """'the Pope', 'Lt.': an office tagged as a person names nobody to set against a name."""
    return ent.label_ == "PERSON" and all(_is_title(t) for t in ent)


def _mention(ent: SpacySpan, offset: int) -> Mention:
    start = ent.start
    while start > ent.sent.start and _is_name_word(ent.doc[start - 1]) and not ent.doc[start - 1].ent_type_:
        start -= 1  # "Near" in "Near East Asia" is a proper-noun modifier spaCy leaves out
    span = ent.doc[start : ent.end]
    text = re.sub(r"^the\s+", "", span.text, flags=re.I)
    root = ent.root
    return Mention(
        text=text,
        label=ent.label_,
        start=offset + span.start_char,
        end=offset + span.end_char,
        key=canonical(text),
        dep=root.dep_,
        head=_slot_head(root),
        context=_context(ent),
        identity=descriptors(ent),
    )


def _context(span: SpacySpan) -> frozenset[str]:
    """Content words within two links of a mention, outside it: what role it plays."""
    inside = set(range(span.start, span.end))
    near: set[Token] = set()
    frontier = [span.root]
    for _ in range(2):
        frontier = [n for f in frontier for n in _content_links(f) if n.i not in inside and n not in near]
        near.update(frontier)
    return frozenset(
        n.lemma_.lower() for n in near if n.pos_ != "PROPN" and n.lemma_.lower() not in REPORTING_VERBS
    )


def _slot_head(token: Token) -> str:
    """The word whose slot `token` fills: the verb for a pobj ('taken to X'), else its head."""
    head = token.head
    if token.dep_ == "pobj" and head.dep_ == "prep":
        return f"{head.head.lemma_.lower()} {head.lower_}"
    if token.dep_ in ("compound", "amod", "poss", "nmod") and head.dep_ in ("pobj", "dobj", "attr"):
        return _slot_head(head) + f" {head.lemma_.lower()}"
    return head.lemma_.lower()


def _dates(sent: SpacySpan, offset: int, base: date | None, previous: DateValue | None):
    for ent in sent.ents:
        if ent.label_ not in ("DATE", "TIME") or _is_age(ent):
            continue
        value = parse_date(ent.text, base=base, previous=previous)
        if value is not None:
            yield _value_mention(ent, offset, value, _slot_head(ent.root))


def _numbers(sent: SpacySpan, offset: int):
    for ent in sent.ents:
        if _is_age(ent):  # "Robyn Mendes, 48,": spaCy tags the age a DATE; it is a number about her
            age = f"age of {ent.root.head.lower_}"
            yield _value_mention(ent, offset, parse_quantity(ent.text, unit=age), age)  # type: ignore[arg-type]
            continue
        if ent.label_ not in NUMBER_LABELS or _in_name(ent) or _partial(ent):
            continue
        before = sent.doc[max(ent.start - 3, sent.start) : ent.start].text
        unit = (_people(ent.root.head) or _unit(ent.root.head.lemma_)) if ent.root.dep_ == "nummod" else ""
        if ent.label_ == "QUANTITY":  # "60-metre section" and "190-metre vessel" measure different things
            unit = _unit(ent[-1].lemma_)
            if ent.root.head.pos_ == "NOUN" and ent.root.dep_ in ("amod", "compound", "nummod"):
                unit += f" {ent.root.head.lemma_.lower()}"
        if _RATE.match(sent.doc[ent.end : ent.end + 4].text):  # "60,000 vehicles a day" is a rate
            unit += "/rate"
        value = parse_quantity(ent.text, context=before, unit=unit)
        if value is not None:
            yield _value_mention(ent, offset, value, unit)


_GLUED = re.compile(r"\d+([a-z]+)")
_SHORT_UNITS = frozenset("mm mph kph bn mn k kw mw gw gb tb mb hz ghz mhz st nd rd th b".split())


def _in_name(ent: SpacySpan) -> bool:
    """A figure glued to letters that measure nothing is part of a name: the Philadelphia 76ers."""
    glued = _GLUED.fullmatch(ent.text.lower())
    return bool(glued) and glued.group(1) not in _UNIT_NAMES and glued.group(1) not in _SHORT_UNITS


def _partial(ent: SpacySpan) -> bool:
    """Part of a count, not the count: 'the two other victims', 'three more bodies' (set against
    a total, it would read as a conflict)."""
    if ent.root.dep_ != "nummod":
        return False
    after = {c.lower_ for c in ent.root.head.children if c.i > ent.root.i}
    return bool(after & {"other", "more", "additional", "further"})


def _is_age(ent: SpacySpan) -> bool:
    """A bare number set off after a name: 'Robyn Mendes, 48, was found'."""
    return (
        ent.label_ == "DATE"
        and len(ent) == 1
        and ent.text.isdigit()
        and 0 < int(ent.text) < 130
        and ent.root.dep_ == "appos"
        and ent.root.head.pos_ == "PROPN"
    )


def _verbs_above(token: Token) -> frozenset[str]:
    """Lemmas of the verbs between a token and its sentence root (reporting and light verbs left out)."""
    verbs = set()
    while token.head.i != token.i:
        token = token.head
        if token.pos_ in ("VERB", "AUX") and token.lemma_ not in REPORTING_VERBS | _LIGHT_VERBS:
            verbs.add(token.lemma_.lower())
    return frozenset(verbs)


_UNIT_NAMES = {
    "people": "person",  # spaCy lemmatises "people" as itself: "one person" / "four people" count alike
    "ft": "foot",
    "feet": "foot",
    "km": "kilometre",
    "kilometer": "kilometre",
    "m": "metre",
    "meter": "metre",
    "mi": "mile",
    "kg": "kilogram",
    "lb": "pound",
    "lbs": "pound",
    "cm": "centimetre",
}


_PEOPLE = frozenset("citizen national people person resident".split())


def _people(noun: Token) -> str:
    """The unit of a count of nationals: "3,000 Americans" and "1,500 American citizens" both
    count "people of united stat" (the nationality as `names.canonical` reads it)."""
    if noun.ent_type_ == "NORP":
        nationality = noun.text
    elif noun.lemma_.lower() in _PEOPLE:
        nationality = next((c.text for c in noun.children if c.dep_ == "amod" and c.ent_type_ == "NORP"), "")
    else:
        return ""
    return f"people of {canonical(nationality.removesuffix('s'))}" if nationality else ""


def _unit(word: str) -> str:
    """'200ft' -> 'foot', 'km' -> 'kilometre': one name per unit of measure."""
    word = re.sub(r"^[\d.,]+", "", word.lower()).strip("-")
    return _UNIT_NAMES.get(word, word)


def _predicates(sent: SpacySpan, offset: int, mentions: tuple[Mention, ...]):
    for token in sent:
        if token.pos_ not in ("VERB", "AUX") or token.dep_ in ("aux", "auxpass"):
            continue
        lemma, negated = _predicate_lemma(token)
        if lemma in _LIGHT_VERBS:
            continue
        subtree = [t for t in token.subtree if not _in_subject(t, token)]
        yield Predicate(
            lemma=lemma,
            word=_surface(token, negated),
            start=offset + token.idx,
            end=offset + token.idx + len(token.text),
            negated=negated,
            actor=_actor(token, sent, mentions, offset),
            objects=_objects(token, mentions, offset),
            terms=frozenset(
                t.lemma_.lower() for t in subtree if t.pos_ in CONTENT_POS and t.is_alpha and not t.is_stop
            ),
        )


def _predicate_lemma(token: Token) -> tuple[str, bool]:
    """The predicate's content word and whether it is negated.

    A copula stands for its complement ('is not ready' → ready), and "have" for
    what is had ('does not have employees' → have employee); 'failed to approve'
    and 'refused to approve' negate 'approve', and so does 'did not manage to
    approve'. 'Had to approve' is its own predicate: 'did not have to approve'
    denies it, not 'approved'.
    """
    negated = _negated(token)
    if token.lemma_ == "be":
        comp = next((c for c in token.children if c.dep_ in ("acomp", "attr")), None)
        if comp is not None:
            return comp.lemma_.lower(), negated
        where = next((c for c in token.children if c.dep_ in ("prep", "advmod", "prt")), None)
        if where is not None:  # "are (not) from Montreal", "the search is (not) on"
            return f"be {where.lower_}", negated
    if token.lemma_ == "have":  # "does not have 350 employees" denies "has 350 employees"
        thing = next((c for c in token.children if c.dep_ == "dobj"), None)
        if thing is not None:
            return f"have {thing.lemma_.lower()}", negated
    if token.dep_ == "xcomp" and token.head.lemma_ in _FAILURE_VERBS:
        return token.lemma_.lower(), not negated
    if token.dep_ == "xcomp" and token.head.lemma_ in ("have", "manage"):
        lemma = f"have to {token.lemma_.lower()}" if token.head.lemma_ == "have" else token.lemma_.lower()
        return lemma, negated != _negated(token.head)
    return token.lemma_.lower(), negated


def _negated(token: Token) -> bool:
    """'not'/'never' on the verb, 'no' on its subject or object ("no warning was issued"), or
    'without' over it ("left without paying" denies the paying, not the leaving)."""
    return (
        any(c.dep_ == "neg" or c.lower_ in _NEGATORS for c in token.children)
        or any(
            c.dep_ in ("nsubj", "nsubjpass", "dobj")
            and any(d.dep_ == "det" and d.lower_ == "no" for d in c.children)
            for c in token.children
        )
        or (token.dep_ == "pcomp" and token.head.lower_ == "without")
    )


def _objects(verb: Token, mentions: tuple[Mention, ...], offset: int) -> tuple[str, ...]:
    """Names in the verb's object slots, with the slot: 'obj:north kor', 'with:north kor'.

    Looks one noun deep, so "severed relations with Pyongyang" gives 'with:…'.
    """
    slots: list[tuple[str, list[Token]]] = []
    for child in verb.children:
        if child.dep_ in ("dobj", "dative", "attr", "oprd"):
            slots.append(("obj", _phrase(child)))
            slots.extend(
                (p.lower_, _phrase(g)) for p in child.children if p.dep_ == "prep" for g in p.children
            )
        elif child.dep_ == "prep":
            slots.extend((child.lower_, _phrase(g)) for g in child.children if g.dep_ == "pobj")
    return tuple(f"{rel}:{m.key}" for rel, tokens in slots for m in mentions if _within(m, tokens, offset))


def _phrase(token: Token) -> list[Token]:
    """A noun phrase without the clauses hanging off it ("a sheet [in which he said …]")."""
    out = [token]
    for child in token.children:
        if child.dep_ not in ("relcl", "acl", "ccomp", "advcl", "xcomp"):
            out.extend(_phrase(child))
    return out


def _surface(token: Token, negated: bool) -> str:
    parts = [c for c in token.children if c.dep_ == "neg" or (c.dep_ in ("aux", "auxpass") and c.i < token.i)]
    words = [t.text for t in sorted([*parts, token], key=lambda t: t.i)]
    return " ".join(words) if negated else token.text


def _in_subject(token: Token, verb: Token) -> bool:
    while token.i != verb.i and token.head.i != token.i:
        if token.dep_ in SUBJECT_DEPS and token.head.i == verb.i:
            return True
        token = token.head
    return False


def _within(mention: Mention, tokens: list[Token], offset: int) -> bool:
    return any(
        offset + t.idx == mention.start or (mention.start <= offset + t.idx < mention.end) for t in tokens
    )


def _actor(verb: Token, sent: SpacySpan, mentions: tuple[Mention, ...], offset: int) -> Mention | None:
    """Who does it: the named subject, else the first named agent before the verb in its clause.

    The fallback covers parses that miss a subject behind a relative clause
    ("Ukraine, which has been bombarded since February, severed …").
    """
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "agent")]
    for subject in (s for s in subjects if s.dep_ != "nsubjpass"):
        named = [m for m in mentions if m.label in AGENT_LABELS and _within(m, list(subject.subtree), offset)]
        heads = [m for m in named if m.start <= offset + subject.idx < m.end]  # "Port Ellis Mayor [Marsh]"
        people = [m for m in named if m.label == "PERSON"]  # "Secretary of State [Antony Blinken]"
        if heads:
            return heads[0]
        if subject.pos_ == "PROPN" and _is_title(subject):
            # "said Troy police Lt. Gerry Scherlinck": the name after the title, if any; a bare
            # office ("The Pope slapped …") names nobody to set against a name.
            after = offset + subject.idx + len(subject.text)
            return next((m for m in mentions if m.label == "PERSON" and 0 <= m.start - after <= 2), None)
        if (
            subject.pos_ == "PROPN" and not subject.ent_type_
        ):  # a name NER missed: "Fire Chief Marguerite Osei"
            return _unnamed_actor(subject, offset)
        if people:  # "Secretary of State [Antony Blinken]", not "the [Indian] navy"
            return people[-1]
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
    if passive or _has_pronoun_subject(subjects):
        return None
    clause_start = offset + sent.start_char
    before = [m for m in mentions if clause_start <= m.start < offset + verb.idx and m.label in AGENT_LABELS]
    leading = [
        m
        for m in before
        if m.dep in ("nsubj", "ROOT", "appos", "compound", "nsubjpass") and m.label != "NORP"
    ]
    people = [m for m in leading if m.label == "PERSON"]  # "Florida Gov. [Ron DeSantis]"
    return (people or leading or [None])[0]


def _is_title(token: Token) -> bool:
    return token.lower_.rstrip(".") in TITLES  # "Lt.", "Pope", "Gov."


def _is_name_word(token: Token) -> bool:
    return token.pos_ == "PROPN" and not _is_title(token)


def _unnamed_actor(subject: Token, offset: int) -> Mention:
    """The proper-noun run ending at the subject, stopped by a title: 'Florida Gov. [Tim Scott]'."""
    first = subject
    while (
        first.i > 0 and _is_name_word(first.doc[first.i - 1]) and first.doc[first.i - 1].head.i == subject.i
    ):
        first = first.doc[first.i - 1]
    start, end = first.idx, subject.idx + len(subject.text)
    text = subject.doc.text[start:end]
    return Mention(
        text, "PERSON", offset + start, offset + end, canonical(text), subject.dep_, subject.head.lemma_
    )


def _has_pronoun_subject(subjects: list[Token]) -> bool:
    return any(s.pos_ in ("PRON", "NOUN", "DET") for s in subjects)
