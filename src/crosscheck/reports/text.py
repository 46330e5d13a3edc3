"""The terminal report, drawn with Rich: contradictions first, in red.

One list of renderables feeds both `print_report` (colours on a real terminal)
and `to_text` (a recorded console exported as plain text), so the CLI and
`render(report, "text")` never drift apart. Article text goes in `Text`
objects, never markup strings, so a "[" in a report is not read as a style.
"""

from __future__ import annotations

import io
from collections import Counter

from rich import box
from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from crosscheck.model import ClaimResult, Conflict, Report
from crosscheck.reports._highlight import Segment, excerpt, highlight_pair

WIDTH = 110
_CLAIM_EXCERPT = 120


def to_text(report: Report, *, width: int = WIDTH) -> str:
    """Render `report` as plain text `width` columns wide (no colour codes)."""
    console = Console(file=io.StringIO(), record=True, width=width, force_terminal=False, color_system=None)
    print_report(report, console)
    lines = console.export_text(styles=False).splitlines()
    return "\n".join(line.rstrip() for line in lines) + "\n"


def print_report(report: Report, console: Console | None = None) -> None:
    """Print `report` to `console` (default: standard output, coloured on a terminal)."""
    console = console or Console()
    for renderable in renderables(report):
        console.print(renderable)


def renderables(report: Report) -> list[RenderableType]:
    """The report's blocks in reading order: summary, conflicts, then the rest."""
    blocks: list[RenderableType] = [_header(report)]
    blocks += [_contradiction(c) for c in report.claims if c.verdict == "contradicted"]
    corroborated = [c for c in report.claims if c.verdict == "corroborated"]
    if corroborated:
        blocks.append(_corroborated(corroborated))
    if report.articles or report.claims:
        blocks.append(_per_article(report))
    if report.warnings:
        blocks.append(_warnings(report.warnings))
    return blocks


def _header(report: Report) -> Panel:
    s = report.summary()
    line = Text.assemble(
        f"{s['articles']} articles, {s['claims']} claims: ",
        (f"{s['contradicted']} contradicted", "bold red" if s["contradicted"] else ""),
        ", ",
        (f"{s['corroborated']} corroborated", "green"),
        ", ",
        (f"{s['unverified']} unverified", "yellow"),
    )
    return Panel(line, title="Cross-check report", box=box.ROUNDED)


def _contradiction(claim: ClaimResult) -> Panel:
    title = Text(f"Contradicted: claim {claim.id} (article {claim.article})", style="bold red")
    body = Group(*(_conflict(claim, c) for c in claim.conflicts))
    return Panel(body, title=title, title_align="left", border_style="red")


def _conflict(claim: ClaimResult, conflict: Conflict) -> Group:
    left, right = highlight_pair(claim.text, conflict.text, conflict.detail)
    heading = Text.assemble(
        (conflict.kind, "bold"), ": ", (conflict.detail, "bold red"), f"  (score {conflict.score:.2f})"
    )
    table = Table(expand=True, box=box.SIMPLE_HEAVY, show_edge=False)
    table.add_column(Text(f"Claim (article {claim.article})"), ratio=1)
    table.add_column(Text(f"Evidence (article {conflict.article})"), ratio=1)
    table.add_row(_styled(left, "bold red"), _styled(right, "bold green"))
    return Group(heading, table)


def _styled(segs: list[Segment], style: str) -> Text:
    text = Text()
    for piece, marked in segs:
        text.append(piece, style=style if marked else "")
    return text


def _corroborated(claims: list[ClaimResult]) -> Table:
    table = Table(title=Text("Corroborated claims", style="bold green"), expand=True)
    table.add_column("Claim", ratio=1)
    table.add_column("Article", no_wrap=True)
    table.add_column("Sources", justify="right", no_wrap=True)
    table.add_column("Supported by")
    for c in claims:
        by = ", ".join(sorted({e.article for e in c.support}))
        claim = Text(excerpt(c.text, _CLAIM_EXCERPT))
        table.add_row(claim, Text(c.article), str(c.independent_sources), Text(by))
    return table


def _per_article(report: Report) -> Table:
    unverified = Counter(c.article for c in report.claims if c.verdict == "unverified")
    table = Table(title=Text("Per article", style="bold"))
    table.add_column("Article")
    table.add_column("Unverified claims", justify="right")
    table.add_column("Removed by cleaning", justify="right")
    for a in report.articles:
        table.add_row(Text(a.id), str(unverified.pop(a.id, 0)), str(len(a.removed)))
    for article_id, count in sorted(unverified.items()):  # claims of articles the report lacks
        table.add_row(Text(article_id), str(count), "—")
    return table


def _warnings(warnings: tuple[str, ...]) -> Group:
    title = Text("Warnings", style="bold yellow")
    return Group(title, *(Text.assemble(("! ", "yellow"), w) for w in warnings))
