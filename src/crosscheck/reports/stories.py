"""The terminal list of a corpus's stories: biggest first, copies counted apart."""

from __future__ import annotations

from typing import Any

from rich import box
from rich.console import Console
from rich.table import Table


def print_stories(stories: list[dict[str, Any]], console: Console | None = None) -> None:
    """A table: story id, title, independent articles, copies, outlets, dates."""
    console = console or Console()
    if not stories:
        console.print("No stories yet: run `crosscheck ingest PATH` first.")
        return
    table = Table(box=box.SIMPLE_HEAD, title=f"{len(stories)} stories")
    for name, justify in (("story", "left"), ("title", "left"), ("reports", "right"), ("copies", "right")):
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    table.add_column("outlets")
    table.add_column("dates", no_wrap=True)
    for story in stories:
        articles = story["articles"]
        copies = sum(1 for a in articles if a["copy_of"])
        outlets = sorted({a["outlet"] for a in articles if a.get("outlet")})
        dates = sorted(a["published"][:10] for a in articles if a.get("published"))
        span = f"{dates[0]} – {dates[-1]}" if dates and dates[0] != dates[-1] else (dates[0] if dates else "")
        shown = ", ".join(outlets[:3]) + (f" +{len(outlets) - 3}" if len(outlets) > 3 else "")
        table.add_row(story["id"], story["title"], str(len(articles) - copies), str(copies), shown, span)
    console.print(table)
