"""The language of an article, as an ISO 639-1 code, guessed from its text with py3langid.

py3langid ships its model inside the package (no download) and classifies a
thousand characters in about a millisecond, so every article read gets a
language unless its record already named one. Its model is LZMA-compressed
(half a second to unpack on every start), so the unpacked arrays are kept in
crosscheck's model cache and read from there (`models/cache.py`). The start of a text is enough
to tell its language, so only the first `SAMPLE_CHARS` are classified; a text
with fewer than `MIN_LETTERS` letters gets None: a few words are too easily
taken for another language.

>>> detect_language("Der Bundestag hat am Donnerstag ein neues Gesetz beschlossen.")
'de'
"""

from __future__ import annotations

import functools
import io
import json
import logging
import lzma
import re
from array import array
from collections.abc import Iterable
from dataclasses import replace
from importlib.metadata import version
from pathlib import Path
from typing import Any

import numpy as np

from crosscheck.model import Article
from crosscheck.models.cache import cached_folder

log = logging.getLogger(__name__)
_LETTER = re.compile(r"[^\W\d_]")

SAMPLE_CHARS = 400  # a paragraph tells a news text's language (tests/reading/test_language.py)
MIN_LETTERS = 30  # about five words; below that py3langid's guesses go wrong often


def detect_language(text: str) -> str | None:
    """The ISO 639-1 code of `text`'s language, or None when it is too short to tell."""
    sample = text[:SAMPLE_CHARS]
    if len(_LETTER.findall(sample)) < MIN_LETTERS:
        return None
    code, _score = _identifier().classify(sample)
    return str(code)


@functools.lru_cache(maxsize=1)
def _identifier() -> Any:
    """py3langid's identifier, from the unpacked cache copy of its model when there is one."""
    import py3langid
    from py3langid.langid import MODEL_DIR, LanguageIdentifier

    packed = MODEL_DIR / "data" / "model.npz.xz"
    try:
        folder = cached_folder(f"py3langid-{version('py3langid')}", lambda out: _unpack(packed, out))
        if folder is not None:
            return _load_unpacked(folder, LanguageIdentifier)
    except (OSError, ValueError, KeyError, TypeError) as exc:  # a py3langid whose model layout changed
        log.debug("py3langid model cache unusable (%s): using the packed model", exc)
    return py3langid.langid._load_identifier()


def _unpack(packed: Path, folder: Path) -> None:
    """Write the model's arrays as .npy files (memory-mappable) and its labels as JSON."""
    with np.load(io.BytesIO(lzma.decompress(packed.read_bytes())), allow_pickle=False) as model:
        for name in ("ptc", "pc", "nextmove", "nextmove_row", "out_feat"):
            np.save(folder / f"{name}.npy", model[name])
        (folder / "classes.json").write_text(json.dumps(model["classes"].tolist()))


def _load_unpacked(folder: Path, identifier: type) -> Any:
    def arr(name: str) -> np.ndarray:  # read whole: indexing a memory map costs more per text than it saves
        return np.load(folder / f"{name}.npy")

    def stdlib(name: str) -> array:  # py3langid walks its tokenizer tables as stdlib arrays
        values = np.ascontiguousarray(arr(name))
        return array({2: "H", 4: "I", 8: "L"}[values.dtype.itemsize], values.tobytes())

    return identifier(
        arr("ptc"),
        np.asarray(arr("pc")),
        json.loads((folder / "classes.json").read_text()),
        stdlib("nextmove"),
        arr("out_feat").tolist(),
        tk_row=stdlib("nextmove_row"),
    )


def with_languages(articles: Iterable[Article]) -> list[Article]:
    """The articles, each without a `language` given one detected from its text."""
    return [
        article if article.language else replace(article, language=detect_language(article.text))
        for article in articles
    ]
