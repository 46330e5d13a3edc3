"""What a detector returns, and the role test every slot detector shares."""

from __future__ import annotations

import difflib
import functools
import re
from collections import Counter
from dataclasses import dataclass

from crosscheck.claims.features import REPORTING_VERBS, Mention, Predicate, SentenceFeatures, ValueMention
from crosscheck.claims.names import same_entity
from crosscheck.model import ConflictKind


@dataclass(frozen=True, slots=True)
class Finding:
    """One typed difference between a claim and its evidence.

    `strength` is the detector's own confidence in [0, 1], before the pair's
    alignment is taken into account.
    """

    kind: ConflictKind
    detail: str
    strength: float = 0.9
    anchored: bool = False  # structural proof that both sides fill the same slot
    # For a name put in another's place: (the claim's name, the evidence's). Alignment
    # re-scores the pair with the names swapped back (alignment.swapped_score).
    swap: tuple[Mention, Mention] | None = None
    # A name in a slot (the entity detector's findings, whatever their kind): it needs the
    # alignment bar of slot conflicts, since names are common (pipeline._bar).
    slot: bool = False


# Verbs of saying: the reporting verbs and the ones that colour what is said.
SPEECH_VERBS = REPORTING_VERBS | frozenset("claim write note stress insist argue warn quote".split())


def same_slot(head_a: str, head_b: str) -> bool:
    """Two values fill the same slot when they hang off the same word ('taken to', 'region')."""
    if not head_a or not head_b:
        return False
    last_a, last_b = head_a.split()[-1], head_b.split()[-1]
    return head_a == head_b or (last_a == last_b and last_a not in FUNCTION_WORDS)


# A shared preposition alone ("… to X" / "… to Y") says nothing about the slot.
FUNCTION_WORDS = frozenset(
    "to of in on at by for with from about as into onto over under after before since during against".split()
)


def actors_differ(claim: SentenceFeatures, evidence: SentenceFeatures) -> bool:
    """The same verb done by different named actors: likely two different statements,
    so a differing date or figure is no proof of a contradiction."""
    return any(
        p.lemma == q.lemma and p.actor and q.actor and not same_entity(p.actor.text, q.actor.text)
        for p in claim.predicates
        for q in evidence.predicates
    )


SAME_CONTENT = 0.5  # share of the longer statement's content words the other repeats


def same_content(p: Predicate, q: Predicate) -> bool:
    """Two predicates say largely the same thing (their content words, verbs aside)."""
    shared = len((p.terms - {p.lemma}) & (q.terms - {q.lemma}))
    return shared / max(max(len(p.terms), len(q.terms)) - 1, 1) >= SAME_CONTENT


def same_place(
    claim: SentenceFeatures, a: Mention | ValueMention, evidence: SentenceFeatures, b: Mention | ValueMention
) -> bool:
    """`a` and `b` stand where the other stands in two sentences worded alike around them
    ("… present Janus with the game ball" / "… present Hansbrough with the game ball"):
    a rewrite that changed the name or figure, whatever role parsing gives it."""
    for i1, i2, j1, j2 in _replaced(claim.text, evidence.text):
        if _covers(claim, a, i1, i2) and _covers(evidence, b, j1, j2):
            return True
    return False


def worded_alike(claim: SentenceFeatures, evidence: SentenceFeatures) -> bool:
    """Two sentences that share most words in order, with some replaced: one a rewrite of the other."""
    return bool(_replaced(claim.text, evidence.text))


_WORD = re.compile(r"\w+(?:['’.-]\w+)*")
MIN_SHARED_WORDS = 0.6  # of the shorter sentence: below that, word positions say nothing


@functools.lru_cache(maxsize=4096)
def _replaced(claim: str, evidence: str) -> tuple[tuple[int, int, int, int], ...]:
    """Character spans replaced between two sentences that otherwise share most words,
    each with at least one shared word on either side."""
    a, b = list(_WORD.finditer(claim)), list(_WORD.finditer(evidence))
    words_a, words_b = [m[0].lower() for m in a], [m[0].lower() for m in b]
    least = MIN_SHARED_WORDS * min(len(a), len(b))
    # Words in common bound the words matched in order: most pairs fail here, before difflib.
    if not a or not b or (Counter(words_a) & Counter(words_b)).total() < least:
        return ()
    matcher = difflib.SequenceMatcher(a=words_a, b=words_b, autojunk=False)
    if sum(block.size for block in matcher.get_matching_blocks()) < least:
        return ()
    codes = matcher.get_opcodes()
    return tuple(
        (a[i1].start(), a[i2 - 1].end(), b[j1].start(), b[j2 - 1].end())
        for n, (op, i1, i2, j1, j2) in enumerate(codes)
        if op == "replace" and 0 < n < len(codes) - 1
    )


def _covers(sentence: SentenceFeatures, m: Mention | ValueMention, start: int, end: int) -> bool:
    """The replaced characters `start:end` (sentence offsets) overlap the mention."""
    return m.start - sentence.start < end and start < m.end - sentence.start
