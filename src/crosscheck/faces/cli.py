"""The `crosscheck` command: thin wrappers that parse, call the library, render.

One handler turns a CrosscheckError into `ErrorName: message` on standard
error and its exit status (1: nothing could be read, 2: bad usage); anything
else is a bug and keeps its traceback.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from crosscheck.errors import CrosscheckError, UsageError

if TYPE_CHECKING:
    from crosscheck.model import Report

app = typer.Typer(
    name="crosscheck",
    help="Cross-check news reports of one story: agreements, contradictions, single-source claims.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def _commands() -> None:
    """Subcommands: `check` for one story's reports; `ingest`, `stories`, `report` for a corpus."""


class Format(StrEnum):
    json = "json"
    markdown = "markdown"
    html = "html"
    text = "text"


@app.command()
def check(
    paths: Annotated[list[str], typer.Argument(help="Files, folders or URLs: reports of one story.")],
    fmt: Annotated[
        Format | None, typer.Option("--format", "-f", help="Default: text on a terminal, else json.")
    ] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write the report here.")] = None,
    embedding_model: Annotated[
        str | None, typer.Option(help="Sentence embedder: 'minilm', a local folder, or a hub name.")
    ] = None,
    nli_model: Annotated[
        str | None,
        typer.Option(help="NLI cross-encoder: a local ONNX folder, a hub name, or 'none' (the default)."),
    ] = None,
    fail_on_conflict: Annotated[bool, typer.Option(help="Exit 3 when a contradiction is found.")] = False,
) -> None:
    """Cross-check every report in PATHS against each other."""
    from crosscheck.pipeline import check as run_check
    from crosscheck.settings import Settings

    report = run_check(
        [str(p) for p in paths], settings=Settings.load(embedding_model=embedding_model, nli_model=nli_model)
    )
    _emit(report, fmt, output)
    if fail_on_conflict and report.summary()["contradicted"]:
        raise typer.Exit(3)


DbOption = Annotated[Path, typer.Option("--db", help="The corpus database (SQLite).")]


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders, feeds, WARC archives or URLs.")],
    db: DbOption = Path("crosscheck.db"),
) -> None:
    """Add articles to the corpus: copies linked, each article placed in a story."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from crosscheck.corpus import Corpus

    console = Console(stderr=True)
    columns = (TextColumn("ingesting"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True, disable=not console.is_terminal) as bar:
        task = bar.add_task("ingest", total=None)
        result = Corpus(db).ingest(paths, progress=lambda n: bar.advance(task, n))
    for warning in result.warnings:
        typer.echo(f"warning: {warning}", err=True)
    typer.echo(
        f"{result.added} added ({result.copies} copies), {result.already_stored} already stored, "
        f"{result.new_stories} new stories; {result.read} read in {result.seconds:.1f}s into {db}",
        err=True,
    )
    if not result.read:
        raise typer.Exit(1)


class StoriesFormat(StrEnum):
    json = "json"
    text = "text"


@app.command()
def stories(
    db: DbOption = Path("crosscheck.db"),
    fmt: Annotated[
        StoriesFormat | None, typer.Option("--format", "-f", help="Default: text on a terminal, else json.")
    ] = None,
) -> None:
    """List the stories in the corpus, biggest first."""
    import json

    from crosscheck.corpus import Corpus
    from crosscheck.reports.stories import print_stories

    corpus = Corpus(db)
    chosen = fmt.value if fmt else ("text" if sys.stdout.isatty() else "json")
    if chosen == "json":
        typer.echo(json.dumps(corpus.stories_document(), ensure_ascii=False, indent=2))
    else:
        print_stories(corpus.stories())


@app.command()
def report(
    story: Annotated[str, typer.Argument(help="A story id from `crosscheck stories`.")],
    db: DbOption = Path("crosscheck.db"),
    fmt: Annotated[
        Format | None, typer.Option("--format", "-f", help="Default: text on a terminal, else json.")
    ] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write the report here.")] = None,
) -> None:
    """Cross-check one story of the corpus: the same report `check` gives for its articles."""
    from crosscheck.corpus import Corpus

    _emit(Corpus(db).report(story), fmt, output)


def _emit(report: Report, fmt: Format | None, output: Path | None) -> None:
    """Warnings to standard error, the report to `output` or standard output."""
    from crosscheck.reports import print_report, render

    chosen = fmt.value if fmt else ("text" if output is None and sys.stdout.isatty() else "json")
    for warning in report.warnings:
        typer.echo(f"warning: {warning}", err=True)
    if output is not None:
        _write(output, render(report, chosen))
    elif chosen == "text" and sys.stdout.isatty():
        print_report(report)
    else:
        typer.echo(render(report, chosen))


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
