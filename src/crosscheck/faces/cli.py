"""The `crosscheck` command: thin wrappers that parse, call the library, render.

One handler turns a CrosscheckError into `ErrorName: message` on standard
error and its exit status (1: nothing could be read, 2: bad usage); anything
else is a bug and keeps its traceback.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from crosscheck.errors import CrosscheckError, UsageError

app = typer.Typer(
    name="crosscheck",
    help="Cross-check news reports of one story: agreements, contradictions, single-source claims.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def _commands() -> None:
    """Keep `check` a subcommand (corpus commands join it later)."""


class Format(StrEnum):
    json = "json"
    markdown = "markdown"
    html = "html"
    text = "text"


@app.command()
def check(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders: reports of one story.")],
    fmt: Annotated[
        Format | None, typer.Option("--format", "-f", help="Default: text on a terminal, else json.")
    ] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write the report here.")] = None,
    embedding_model: Annotated[
        str | None, typer.Option(help="Sentence embedder: 'minilm', a local folder, or a hub name.")
    ] = None,
    fail_on_conflict: Annotated[bool, typer.Option(help="Exit 3 when a contradiction is found.")] = False,
) -> None:
    """Cross-check every report in PATHS against each other."""
    from crosscheck.pipeline import check as run_check
    from crosscheck.reports import print_report, render
    from crosscheck.settings import Settings

    chosen = fmt.value if fmt else ("text" if output is None and sys.stdout.isatty() else "json")
    if chosen == "html":
        raise UsageError("--format html comes with corpus mode; use json, markdown or text for now")
    report = run_check([str(p) for p in paths], settings=Settings.load(embedding_model=embedding_model))
    for warning in report.warnings:
        typer.echo(f"warning: {warning}", err=True)
    if output is not None:
        _write(output, render(report, chosen))
    elif chosen == "text" and sys.stdout.isatty():
        print_report(report)
    else:
        typer.echo(render(report, chosen))
    if fail_on_conflict and report.summary()["contradicted"]:
        raise typer.Exit(3)


def _write(path: Path, content: str) -> None:
    try:
        path.write_text(content, encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror}") from exc


def main() -> None:
    """Entry point: run the app, mapping our errors to a message and an exit status."""
    try:
        app()  # click reports bad usage itself, with exit status 2
    except CrosscheckError as exc:
        typer.echo(f"{type(exc).__name__}: {exc}", err=True)
        sys.exit(exc.exit_code)


if __name__ == "__main__":
    main()
