"""What a sentence says about who a name is, besides the name: its title, its age, what it owns.

Two reports of one fact describe the person the same way even when their sentences are
worded apart: "former President Kimani Gray would be suspended" / "suspended former US
President Donald Trump's accounts", "Andrew Cuomo, a 38-year-old Floridian," / "Paul Allard
Hodgkins, 38,", "State's WandaVision series" / "Marvel Studios' WandaVision". A shared
descriptor puts two names in one role where the parse gives them different heads. Each
descriptor is a short string: `title:former president`, `age:38`, `owns:wandavision`.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from crosscheck.claims.names import TITLES, canonical

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

# Titles that name an office or a rank; articles, prepositions and courtesy titles ("Mr.", which
# half the people in a story share) of the names table are not offices.
OFFICES = TITLES - frozenset("the a an of st saint mr mrs ms miss sir dame lord lady".split())
# One office, abbreviated or written out: "Sen. Kelly" / "Senator Kelly".
_SPELLED_OUT = {
    "sen": "senator",
    "rep": "representative",
    "gov": "governor",
    "gen": "general",
    "col": "colonel",
    "lt": "lieutenant",
    "capt": "captain",
    "dr": "doctor",
    "prof": "professor",
    "rev": "reverend",
}
# Words that change which holder of an office is meant: "former President" is not "President".
_TENSES = frozenset("former ex late acting outgoing incoming then".split())
_AGE = re.compile(r"\b(\d{1,3})[- ]years?[- ]old\b", re.I)
_MAX_AGE = 130


def descriptors(ent: SpacySpan) -> frozenset[str]:
    """The title before a person's name, an age set off beside it, the name it is the owner of."""
    out: set[str] = set()
    if ent.label_ == "PERSON":
        title = _title(ent)
        if title:
            out.add(f"title:{title}")
        age = _age(ent)
        if age:
            out.add(f"age:{age}")
    owned = _owned(ent)
    if owned:
        out.add(f"owns:{owned}")
    return frozenset(out)


def _title(ent: SpacySpan) -> str:
    """The office word right before the name ("former US President [Donald Trump]" → former president).

    Only words that modify the name (compounds and adjectives hanging off it) count, so
    "the president met [Kim]" gives no title to Kim.
    """
    doc, root = ent.doc, ent.root
    before = [t for t in doc[ent.sent.start : ent.start] if _modifies(t, root)]
    titles = [t for t in before if t.lower_.rstrip(".") in OFFICES]
    if not titles:
        return ""
    tense = [t.lower_ for t in before if t.lower_ in _TENSES and t.i < titles[-1].i]
    office = titles[-1].lower_.rstrip(".")
    return " ".join([*tense[-1:], _SPELLED_OUT.get(office, office)])


def _modifies(token: Token, root: Token) -> bool:
    """`token` hangs off the name through compounds and adjectives only."""
    while token.i != root.i:
        if token.dep_ not in ("compound", "amod", "nmod") or token.head.i == token.i:
            return False
        token = token.head
    return True


def _age(ent: SpacySpan) -> str:
    """'Robyn Mendes, 48,', 'Paul Hodgkins, a 38-year-old Floridian,', '66-year-old LuAnn Johnson'."""
    root = ent.root
    for child in root.children:
        if child.dep_ == "appos" and child.like_num and child.text.isdigit() and int(child.text) < _MAX_AGE:
            return child.text
        if child.dep_ in ("appos", "amod", "compound", "nmod") and child not in ent:
            found = _AGE.search(" ".join(t.text for t in child.subtree).replace(" - ", "-"))
            if found:
                return found[1]
    return ""


def _owned(ent: SpacySpan) -> str:
    """The name this one owns: 'State's [WandaVision] series', 'Marvel Studios' [WandaVision]'."""
    if ent.root.dep_ != "poss":
        return ""
    head = ent.root.head
    for token in (head, *(c for c in head.children if c.dep_ == "compound")):
        if token.ent_type_ and token.ent_iob_ != "O" and token.pos_ == "PROPN":
            span = next((e for e in ent.doc.ents if e.start <= token.i < e.end), None)
            if span is not None:
                return canonical(span.text)
    return ""
