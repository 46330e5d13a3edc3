"""The HTML report: one self-contained page, contradictions first, side by side.

Jinja2 with autoescaping renders `templates/report.html.j2`, so article text can
never inject markup; the words a conflict's detail names are wrapped in <mark>
via the shared `_highlight` parser, the same words markdown and text bold.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from crosscheck.model import ClaimResult, Report
from crosscheck.reports._highlight import excerpt, highlight_pair


@lru_cache(maxsize=1)
def _template() -> Any:
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(
        loader=PackageLoader("crosscheck.reports", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["excerpt"] = excerpt
    return env.get_template("report.html.j2")


def _distinct_conflicts(claims: list[ClaimResult]) -> list[tuple[Any, ...]]:
    """Each clash once: A-vs-B and B-vs-A, or the same sentences in copies, are one entry.

    Every entry is (claim, conflict, claim segments, evidence segments, other articles
    that carry the same pair of sentences).
    """
    entries: dict[tuple[frozenset[str], str], list[Any]] = {}
    for claim in claims:
        for conflict in claim.conflicts:
            key = (frozenset((" ".join(claim.text.split()), " ".join(conflict.text.split()))), conflict.kind)
            if key in entries:
                also = entries[key][4]
                also.update(
                    {claim.article, conflict.article} - {entries[key][0].article, entries[key][1].article}
                )
                continue
            left, right = highlight_pair(claim.text, conflict.text, conflict.detail)
            entries[key] = [claim, conflict, left, right, set()]
    return [(*entry[:4], sorted(entry[4])) for entry in entries.values()]


def to_html(report: Report) -> str:
    """Render `report` as one HTML page (inline CSS, no scripts, no outside requests)."""
    by_verdict: dict[str, list[ClaimResult]] = {"contradicted": [], "corroborated": [], "unverified": []}
    for claim in report.claims:
        by_verdict[claim.verdict].append(claim)
    conflicts = _distinct_conflicts(by_verdict["contradicted"])
    titles = {a.id: a.title or a.id for a in report.articles}
    outlets = {a.id: a.outlet or a.source or a.id for a in report.articles}
    return _template().render(
        report=report,
        summary=report.summary(),
        conflicts=conflicts,
        corroborated=by_verdict["corroborated"],
        unverified=by_verdict["unverified"],
        titles=titles,
        outlets=outlets,
    )
