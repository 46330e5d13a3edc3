"""Claims: each sentence of a cleaned article, with offsets and comparable features."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from crosscheck.claims.dates import DateValue, parse_iso
from crosscheck.claims.features import SentenceFeatures, sentence_features
from crosscheck.claims.sentences import parse_sentences
from crosscheck.model import Article

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["SentenceFeatures", "split_claims"]


def split_claims(
    article: Article, nlp: Language, docs: dict[str, Doc] | None = None
) -> tuple[Article, list[SentenceFeatures]]:
    """The article with its claim spans set, and the features of each claim.

    Dates like "the same month" are resolved against the last date of the
    sentences before, so features are built in reading order. `docs`: parses
    of paragraphs seen before (`parse_sentences`).
    """
    base = parse_iso(article.published)
    previous: DateValue | None = None
    features: list[SentenceFeatures] = []
    for span, sent, offset in parse_sentences(article.text, nlp, docs):
        feats = sentence_features(sent, offset, base=base, previous=previous)
        feats = replace(feats, start=span.start, end=span.end, text=span.text(article.text))
        features.append(feats)
        if feats.dates:
            previous = feats.dates[-1].value
    claims = tuple(f.span for f in features)
    return article.with_(claims=claims), features
