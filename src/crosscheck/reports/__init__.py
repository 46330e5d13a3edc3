"""Render a `Report` for people (html, markdown, text) or programs (json).

>>> render(report, "markdown")  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Callable

from crosscheck.errors import UsageError
from crosscheck.model import Report
from crosscheck.reports.html import to_html
from crosscheck.reports.json import to_json
from crosscheck.reports.markdown import to_markdown
from crosscheck.reports.text import print_report, to_text

__all__ = ["FORMATS", "print_report", "render", "to_html", "to_json", "to_markdown", "to_text"]

_RENDERERS: dict[str, Callable[[Report], str]] = {
    "json": to_json,
    "html": to_html,
    "markdown": to_markdown,
    "text": to_text,
}
FORMATS: tuple[str, ...] = tuple(_RENDERERS)


def render(report: Report, fmt: str) -> str:
    """Return `report` as a string in format `fmt` (one of `FORMATS`).

    Raises `UsageError` (exit 2) naming the valid formats for anything else.
    """
    renderer = _RENDERERS.get(fmt.strip().lower())
    if renderer is None:
        valid = ", ".join(FORMATS)
        raise UsageError(f"unknown report format {fmt!r}; use one of: {valid}")
    return renderer(report)
