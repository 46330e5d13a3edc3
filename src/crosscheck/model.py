"""The data model: one cleaned text per article, everything else offsets into it.

An `Article` owns exactly one analysed `text`; sentences, claims and evidence are
`Span`s (character offsets, end exclusive) into that text, so a span's words are
always sliced, never stored twice. Cleaning is the only stage that makes a new
text: it keeps the input as `raw` and lists what it removed as `Removal`s.

Every type is frozen (Ray and multiprocessing pass copies, so in-place edits
would be silently lost) and round-trips through plain rows with
`to_row()`/`from_row()`. This module imports nothing from crosscheck.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from typing import Any, Literal

SCHEMA = "crosscheck.report/1"

ConflictKind = Literal["date", "number", "entity", "negation", "antonym", "attribution", "other"]
CONFLICT_KINDS: tuple[str, ...] = (
    "date",
    "number",
    "entity",
    "negation",
    "antonym",
    "attribution",
    "other",
)
RemovalKind = Literal["duplicate_block", "repeated_title", "boilerplate"]
Verdict = Literal["contradicted", "corroborated", "unverified"]


@dataclass(frozen=True, slots=True)
class Span:
    """A `[start, end)` slice of one article's cleaned text."""

    start: int
    end: int
    label: str = ""

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span [{self.start}, {self.end}): need 0 <= start <= end")

    def text(self, doc: str) -> str:
        return doc[self.start : self.end]

    def to_row(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "label": self.label}

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Span:
        return cls(int(row["start"]), int(row["end"]), str(row.get("label", "")))


@dataclass(frozen=True, slots=True)
class Removal:
    """Text that cleaning took out, with its offsets into `Article.raw`."""

    kind: RemovalKind
    start: int
    end: int
    text: str

    def to_row(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Removal:
        return cls(row["kind"], int(row["start"]), int(row["end"]), row["text"])


@dataclass(frozen=True, slots=True)
class Article:
    """One report as read, then cleaned. `text` is the only analysed string."""

    id: str
    text: str
    source: str = ""
    title: str = ""
    outlet: str | None = None
    published: str | None = None
    language: str | None = None
    url: str | None = None
    raw: str = ""
    removed: tuple[Removal, ...] = ()
    claims: tuple[Span, ...] = ()
    copy_of: str | None = None

    def __post_init__(self) -> None:
        for span in self.claims:
            if span.end > len(self.text):
                raise ValueError(f"claim {span} runs past the text of {self.id!r}")

    def to_row(self) -> dict[str, Any]:
        row = {k: getattr(self, k) for k in _ARTICLE_SCALARS}
        row["removed"] = [r.to_row() for r in self.removed]
        row["claims"] = [c.to_row() for c in self.claims]
        return row

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Article:
        scalars = {k: row.get(k) for k in _ARTICLE_SCALARS if k in row}
        return cls(
            **scalars,
            removed=tuple(Removal.from_row(r) for r in row.get("removed") or ()),
            claims=tuple(Span.from_row(c) for c in row.get("claims") or ()),
        )

    def with_(self, **changes: Any) -> Article:
        return replace(self, **changes)


_ARTICLE_SCALARS = (
    "id",
    "text",
    "source",
    "title",
    "outlet",
    "published",
    "language",
    "url",
    "raw",
    "copy_of",
)


@dataclass(frozen=True, slots=True)
class Evidence:
    """A passage of another article that bears on a claim."""

    article: str
    start: int
    end: int
    text: str
    score: float

    def to_row(self) -> dict[str, Any]:
        return {**asdict(self), "score": round(self.score, 3)}


@dataclass(frozen=True, slots=True)
class Conflict:
    """Evidence that contradicts a claim, with what differs in plain words."""

    article: str
    start: int
    end: int
    text: str
    kind: ConflictKind
    detail: str
    score: float

    def to_row(self) -> dict[str, Any]:
        return {**asdict(self), "score": round(self.score, 3)}


@dataclass(frozen=True, slots=True)
class ClaimResult:
    """A claim (one sentence of one article) and what the other reports say of it."""

    id: str
    article: str
    start: int
    end: int
    text: str
    support: tuple[Evidence, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    copies: tuple[Evidence, ...] = ()
    independent_sources: int = 0

    @property
    def verdict(self) -> Verdict:
        if self.conflicts:
            return "contradicted"
        return "corroborated" if self.support else "unverified"

    def to_row(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "article": self.article,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "verdict": self.verdict,
            "independent_sources": self.independent_sources,
            "support": [e.to_row() for e in self.support],
            "conflicts": [c.to_row() for c in self.conflicts],
            "copies": [e.to_row() for e in self.copies],
        }


@dataclass(frozen=True, slots=True)
class Report:
    """The cross-check of one story: the contract of `shared/spec/REPORT.md`."""

    articles: tuple[Article, ...]
    claims: tuple[ClaimResult, ...]
    warnings: tuple[str, ...] = ()
    version: str = "0"

    def summary(self) -> dict[str, int]:
        verdicts = [c.verdict for c in self.claims]
        return {
            "articles": len(self.articles),
            "claims": len(self.claims),
            "corroborated": verdicts.count("corroborated"),
            "contradicted": verdicts.count("contradicted"),
            "unverified": verdicts.count("unverified"),
        }

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "tool": {"name": "crosscheck", "version": self.version},
            "articles": [_article_entry(a) for a in self.articles],
            "claims": [c.to_row() for c in self.claims],
            "summary": self.summary(),
            "warnings": list(self.warnings),
        }


def _article_entry(article: Article) -> dict[str, Any]:
    return {
        "id": article.id,
        "source": article.source,
        "title": article.title,
        "outlet": article.outlet,
        "published": article.published,
        "language": article.language,
        "url": article.url,
        "text": article.text,
        "removed": [
            {"kind": r.kind, "text": r.text, "start": r.start, "end": r.end} for r in article.removed
        ],
        "copy_of": article.copy_of,
    }
