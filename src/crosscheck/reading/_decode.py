"""Bytes on disk to text, or a reason why not.

Every check here answers one question a user would ask about a file that was
skipped ("too big?", "binary?", "wrong encoding?"), so each failure is an
`InputError` whose message names the file and says what to do next.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from crosscheck.errors import InputError

MAX_REPLACED_SHARE = 0.01  # more broken bytes than this and the text is not worth reading
MAX_CONTROL_SHARE = 0.05  # more control characters than this and it is not text at all
_SNIFF_CHARS = 65_536  # enough to judge a file; scanning all of a 10 MB file buys nothing
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1a\x7f]")
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def load_text(path: Path, source: str, *, max_bytes: int) -> tuple[str, list[str]]:
    """The decoded text of `path`, and warnings about what decoding had to repair.

    Raises `InputError` for a file that is too big, binary, empty or not UTF-8.
    """
    data = read_bytes(path, source, max_bytes=max_bytes)
    text, warnings = decode(data, source)
    if not text.strip():
        raise InputError(source, "empty file (nothing but whitespace); nothing to check")
    return text, warnings


def load_bytes(path: Path, source: str, *, max_bytes: int) -> bytes:
    """The bytes of `path`, for readers that decode for themselves (HTML declares its charset).

    Raises `InputError` for a file that is too big or holds nothing but whitespace.
    """
    data = read_bytes(path, source, max_bytes=max_bytes)
    if not data.strip():
        raise InputError(source, "empty file (nothing but whitespace); nothing to check")
    return data


def read_bytes(path: Path, source: str, *, max_bytes: int) -> bytes:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(source, too_big(size, max_bytes))
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)  # the file may have grown since stat()
    except OSError as exc:
        raise InputError(source, f"cannot read it ({exc.strerror or exc})") from exc
    if len(data) > max_bytes:
        raise InputError(source, too_big(len(data), max_bytes))
    return data


def too_big(size: int, limit: int) -> str:
    return (
        f"file is {size:,} bytes, over the limit of {limit:,} bytes; "
        "split it or raise max_input_bytes (CROSSCHECK_MAX_INPUT_BYTES)"
    )


def decode(data: bytes, source: str) -> tuple[str, list[str]]:
    """UTF-8 (with or without BOM, or UTF-16 with a BOM), repairing only a few bad bytes."""
    if data.startswith(_UTF16_BOMS):
        return _decode_utf16(data, source), []
    if b"\x00" in data:
        raise InputError(source, "looks like a binary file (it holds NUL bytes); give a text file")
    warnings: list[str] = []
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = _decode_lossy(data, source)
        warnings.append(f"{source}: a few bytes were not valid UTF-8 and were replaced with '\ufffd'")
    _check_textual(text, source)
    return text, warnings


def _decode_utf16(data: bytes, source: str) -> str:
    try:
        return data.decode("utf-16")
    except UnicodeDecodeError as exc:
        raise InputError(source, "starts like UTF-16 text but does not decode; save it as UTF-8") from exc


def _decode_lossy(data: bytes, source: str) -> str:
    """Accept a stray bad byte (a truncated copy-paste); refuse text in another encoding."""
    text = data.decode("utf-8-sig", errors="replace")
    replaced = text.count("\ufffd") - data.count("\ufffd".encode())
    if replaced > MAX_REPLACED_SHARE * max(len(text), 1):
        raise InputError(source, "not valid UTF-8 text; convert it to UTF-8 (e.g. with iconv)")
    return text


def _check_textual(text: str, source: str) -> None:
    sample = text[:_SNIFF_CHARS]
    controls = sum(1 for _ in _CONTROL.finditer(sample))
    if controls > MAX_CONTROL_SHARE * max(len(sample), 1):
        raise InputError(source, "looks like a binary file (mostly control characters); give a text file")
