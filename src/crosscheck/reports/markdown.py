"""The Markdown report: contradictions first, since they are what a reader came for.

Every piece of article text is escaped, so a `*`, `|` or `#` in a report can
neither bold nor break the layout; the words a conflict's detail names are
bolded via the shared `_highlight` parser.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from crosscheck.model import Article, ClaimResult, Conflict, Report
from crosscheck.reports._highlight import Segment, excerpt, highlight_pair

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
_LINE_START = re.compile(r"^(\s*)([#>+\-]|\d+(?=\.))")
_REMOVAL_EXCERPT = 80


def escape(text: str) -> str:
    """Escape Markdown syntax and flatten whitespace, for inline text and table cells."""
    return _guard_line_start(_escape_chars(text))


def inline(segs: Iterable[Segment]) -> str:
    """Join escaped segments, bolding the highlighted ones."""
    parts = []
    for text, marked in segs:
        body = _escape_chars(text)
        parts.append(f"**{body.strip()}**" if marked and body.strip() else body)
    return _guard_line_start("".join(parts))


def _escape_chars(text: str) -> str:
    return _SPECIAL.sub(r"\\\1", re.sub(r"\s+", " ", text))


def _guard_line_start(text: str) -> str:
    # A leading "#", ">", "-" or "1." would start a heading, quote or list.
    return _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)


def to_markdown(report: Report) -> str:
    """Render `report` as a Markdown document."""
    sections = [
        _header(report),
        _articles(report.articles),
        _contradictions(report),
        _corroborated(report),
        _unverified(report),
        _removals(report.articles),
        _warnings(report.warnings),
    ]
    return "\n\n".join(s for s in sections if s) + "\n"


def _header(report: Report) -> str:
    s = report.summary()
    line = (
        f"**{s['articles']} articles · {s['claims']} claims · {s['contradicted']} contradicted · "
        f"{s['corroborated']} corroborated · {s['unverified']} unverified**"
    )
    return f"# Cross-check report\n\n{line}"


def _articles(articles: tuple[Article, ...]) -> str:
    rows = ["## Articles", "", "| id | outlet | title | copy of | removed |", "|---|---|---|---|---|"]
    for a in articles:
        cells = [a.id, a.outlet or "—", a.title or "—", a.copy_of or "—"]
        rows.append("| " + " | ".join(escape(c) for c in cells) + f" | {len(a.removed)} |")
    return "\n".join(rows)


def _contradictions(report: Report) -> str:
    claims = [c for c in report.claims if c.verdict == "contradicted"]
    if not claims:
        return "## Contradictions\n\nNo contradictions found."
    return "\n\n".join(["## Contradictions", *(_contradiction(c) for c in claims)])


def _contradiction(claim: ClaimResult) -> str:
    head = f"### Claim {escape(claim.id)} (article {escape(claim.article)})\n\n> {escape(claim.text)}"
    return "\n\n".join([head, *(_conflict(claim, c) for c in claim.conflicts)])


def _conflict(claim: ClaimResult, conflict: Conflict) -> str:
    left, right = highlight_pair(claim.text, conflict.text, conflict.detail)
    title = f"**{escape(conflict.kind)}**: **{escape(conflict.detail)}** (score {conflict.score:.2f})"
    table = [
        f"| Claim (article {escape(claim.article)}) | Evidence (article {escape(conflict.article)}) |",
        "|---|---|",
        f"| {inline(left)} | {inline(right)} |",
    ]
    return title + "\n\n" + "\n".join(table)


def _corroborated(report: Report) -> str:
    claims = [c for c in report.claims if c.verdict == "corroborated"]
    if not claims:
        return ""
    lines = ["## Corroborated claims", ""]
    for c in claims:
        sources = ", ".join(escape(a) for a in sorted({e.article for e in c.support}))
        lines.append(
            f"- “{escape(c.text)}” ({escape(c.article)}) — "
            f"{c.independent_sources} independent source(s): {sources}"
        )
    return "\n".join(lines)


def _unverified(report: Report) -> str:
    claims = [c for c in report.claims if c.verdict == "unverified"]
    if not claims:
        return ""
    parts = ["## Unverified claims (single source)"]
    for article in _article_order(report, claims):
        items = [f"- “{escape(c.text)}”" for c in claims if c.article == article]
        parts.append(f"### {escape(article)}\n\n" + "\n".join(items))
    return "\n\n".join(parts)


def _article_order(report: Report, claims: list[ClaimResult]) -> list[str]:
    """Article ids in report order, then any a claim names that the report lacks."""
    ids = [a.id for a in report.articles]
    return [i for i in ids if any(c.article == i for c in claims)] + sorted(
        {c.article for c in claims} - set(ids)
    )


def _removals(articles: tuple[Article, ...]) -> str:
    cleaned = [a for a in articles if a.removed]
    if not cleaned:
        return ""
    parts = ["## Removed by cleaning"]
    for a in cleaned:
        items = [f"- {r.kind}: “{escape(excerpt(r.text, _REMOVAL_EXCERPT))}”" for r in a.removed]
        parts.append(f"### {escape(a.id)}\n\n" + "\n".join(items))
    return "\n\n".join(parts)


def _warnings(warnings: tuple[str, ...]) -> str:
    if not warnings:
        return ""
    return "## Warnings\n\n" + "\n".join(f"- {escape(w)}" for w in warnings)
