"""Which files a path names, and which reader each one gets.

A folder is read recursively in sorted order so runs are repeatable. Files we
cannot read yet (HTML, PDF, office documents) are named in a warning, since a
user who passed them expects them checked; anything else in a folder (images,
hidden files) is skipped silently.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from crosscheck.errors import InputNotFound

FORMATS = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}
_HTML = "HTML input is not supported by `check` yet; save the article as text (.txt) or use corpus mode"
_OFFICE = "word-processor files are not supported; save the article as plain text (.txt)"
UNSUPPORTED = {
    ".html": _HTML,
    ".htm": _HTML,
    ".xhtml": _HTML,
    ".pdf": "PDF input is not supported; extract its text first (e.g. `pdftotext FILE`)",
    ".doc": _OFFICE,
    ".docx": _OFFICE,
    ".odt": _OFFICE,
    ".rtf": _OFFICE,
    ".epub": "EPUB input is not supported; convert it to plain text first",
}


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
            # Named explicitly: an unknown extension is read as plain text.
            yield path, source, FORMATS.get(suffix, "txt")
    else:
        warnings.append(str(InputNotFound(source)))


def _walk(folder: Path, source: str, warnings: list[str]) -> Iterator[tuple[Path, str, str]]:
    found = 0
    for relative in _visible_files(folder):
        child = os.path.join(source, relative)
        suffix = Path(relative).suffix.lower()
        if suffix in UNSUPPORTED:
            warnings.append(f"{child}: {UNSUPPORTED[suffix]}")
        elif suffix in FORMATS:
            found += 1
            yield folder / relative, child, FORMATS[suffix]
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
