"""Which files a path names, and which reader each one gets.

The extension picks the reader (text, markdown, JSON, JSONL, HTML, RSS/Atom
feed, WARC archive). A file named on the command line with an extension we do
not know is sniffed: a saved page, a feed or a WARC archive is read as one,
anything else as plain text. A folder is read recursively in sorted order so
runs are repeatable. Files we cannot read (PDF, office documents) are named in
a warning, since a user who passed them expects them checked; anything else in
a folder (images, hidden files) is skipped silently.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

from crosscheck.errors import InputNotFound
from crosscheck.reading.feeds import looks_like_feed

FORMATS = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",  # the feed reader says so when an XML file is not a feed
    ".warc": "warc",
    ".warc.gz": "warc",
}
_OFFICE = "word-processor files are not supported; save the article as plain text (.txt)"
UNSUPPORTED = {
    ".pdf": "PDF input is not supported; extract its text first (e.g. `pdftotext FILE`)",
    ".doc": _OFFICE,
    ".docx": _OFFICE,
    ".odt": _OFFICE,
    ".rtf": _OFFICE,
    ".epub": "EPUB input is not supported; convert it to plain text first",
}
_SNIFF_BYTES = 4096
_HTML_START = re.compile(
    rb"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)[\s>]", re.I | re.S
)


def format_of(name: str) -> str | None:
    """The reader for a file name by its extension (`a.warc.gz` -> "warc"), or None."""
    lower = name.lower()
    return next((fmt for suffix, fmt in FORMATS.items() if lower.endswith(suffix)), None)


def stem_of(path: Path) -> str:
    """The file name without the extension its format is known by (`crawl.warc.gz` -> `crawl`)."""
    lower = path.name.lower()
    suffix = next((s for s in FORMATS if lower.endswith(s)), path.suffix)
    return path.name[: len(path.name) - len(suffix)] or path.stem


def sniff(path: Path) -> str:
    """The reader for a file whose extension says nothing, from its first bytes; "txt" by default."""
    try:
        with path.open("rb") as handle:
            head = handle.read(_SNIFF_BYTES)
    except OSError:
        return "txt"  # the text reader reports why the file cannot be read
    head = head.removeprefix(b"\xef\xbb\xbf")
    if head.startswith(b"WARC/"):
        return "warc"
    if _HTML_START.match(head):
        return "html"
    return "feed" if head.lstrip().startswith(b"<") and looks_like_feed(head) else "txt"


def expand(given: str | Path, warnings: list[str]) -> Iterator[tuple[Path, str, str]]:
    """(path, source, format) for each readable file `given` names; problems go to `warnings`.

    `source` is the path as the user wrote it, so messages and reports match the command line.
    """
    source = str(given)
    path = Path(given)
    if path.is_dir():
        yield from _walk(path, source, warnings)
    elif path.exists():
        suffix = path.suffix.lower()
        if suffix in UNSUPPORTED:
            warnings.append(f"{source}: {UNSUPPORTED[suffix]}")
        else:
            # Named explicitly: an unknown extension is sniffed, and read as plain text by default.
            yield path, source, format_of(path.name) or sniff(path)
    else:
        warnings.append(str(InputNotFound(source)))


def _walk(folder: Path, source: str, warnings: list[str]) -> Iterator[tuple[Path, str, str]]:
    found = 0
    for relative in _visible_files(folder):
        child = os.path.join(source, relative)
        suffix = Path(relative).suffix.lower()
        fmt = format_of(relative)
        if suffix in UNSUPPORTED:
            warnings.append(f"{child}: {UNSUPPORTED[suffix]}")
        elif fmt is not None:
            found += 1
            yield folder / relative, child, fmt
    if not found:
        kinds = ", ".join(sorted(FORMATS))
        warnings.append(f"{source}: folder holds no readable files ({kinds})")


def _visible_files(folder: Path) -> list[str]:
    """Paths under `folder`, relative to it, sorted; hidden files and folders left out."""
    files: list[str] = []
    for root, dirs, names in os.walk(folder):  # does not follow symlinked folders: no loops
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        base = os.path.relpath(root, folder)
        files += [os.path.normpath(os.path.join(base, n)) for n in names if not n.startswith(".")]
    return sorted(files, key=lambda rel: Path(rel).parts)
