"""The model cache: built once, never half-written, optional when nothing can be written."""

from __future__ import annotations

from pathlib import Path

import pytest

from crosscheck.models.cache import cache_root, cached_folder


@pytest.fixture(autouse=True)
def cache_in(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CROSSCHECK_CACHE", str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_built_once_then_reused(cache_in: Path) -> None:
    calls: list[Path] = []

    def build(folder: Path) -> None:
        calls.append(folder)
        (folder / "weights.bin").write_bytes(b"\x00" * 10)

    first = cached_folder("model-1", build)
    second = cached_folder("model-1", build)
    assert first == second == cache_in / "model-1"
    assert len(calls) == 1 and (first / "weights.bin").stat().st_size == 10


def test_a_failed_build_leaves_nothing_behind(cache_in: Path) -> None:
    def build(folder: Path) -> None:
        (folder / "half.bin").write_bytes(b"\x00")
        raise OSError("disk full")

    assert cached_folder("model-1", build) is None
    assert list(cache_in.iterdir()) == []


def test_unwritable_cache_means_no_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("CROSSCHECK_CACHE", str(blocker / "cache"))
    assert cached_folder("model-1", lambda folder: None) is None


def test_default_root_follows_xdg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CROSSCHECK_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_root() == tmp_path / "crosscheck"
