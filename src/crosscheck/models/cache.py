"""A per-user folder for model files crosscheck derives once and reuses.

Some models ship in a form that is slow to open on every start (py3langid's
model is LZMA-compressed: half a second to unpack). The unpacked form is
written once to `$CROSSCHECK_CACHE`, else `$XDG_CACHE_HOME/crosscheck`, else
`~/.cache/crosscheck`, and later processes open it directly. Entries are
written to a temporary name and renamed, so a crash never leaves half a file
that a later run would trust. Where nothing can be written, callers fall back
to the slow path: the cache makes starts faster, never correct.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

log = logging.getLogger(__name__)


def cache_root() -> Path:
    """Where crosscheck keeps derived model files for this user."""
    if explicit := os.environ.get("CROSSCHECK_CACHE"):
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "crosscheck"


def cached_folder(name: str, build: Callable[[Path], None]) -> Path | None:
    """The cache folder `name`, built by `build(folder)` the first time; None if it cannot be written.

    `name` should change whenever what `build` writes would (a library version,
    a hash of the source file), so a stale entry is never read.
    """
    folder = cache_root() / name
    if folder.is_dir():
        return folder
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        scratch = Path(tempfile.mkdtemp(prefix=f".{name}-", dir=folder.parent))
    except OSError as exc:
        log.debug("no model cache (%s): loading the slow way", exc)
        return None
    try:
        build(scratch)
        scratch.rename(folder)
    except OSError as exc:  # another process won the race, or the disk is full
        shutil.rmtree(scratch, ignore_errors=True)
        if folder.is_dir():
            return folder
        log.debug("could not write the model cache %s (%s)", folder, exc)
        return None
    return folder
