"""Language detection on real news text, labelled by the data sets' own `lang` field."""

from __future__ import annotations

import json
from collections import defaultdict
from importlib.metadata import version
from pathlib import Path

import pytest

from conftest import SHARED
from crosscheck.model import Article
from crosscheck.reading import read_paths, read_records
from crosscheck.reading.language import MIN_LETTERS, SAMPLE_CHARS, detect_language
from crosscheck.settings import Settings

TGCONTEST = SHARED / "data" / "tgcontest_same_story_pairs" / "tgcontest_pairs.jsonl"  # en, ru
SEMEVAL = (
    SHARED / "data" / "semeval2022_task8_bl_subset" / "semeval2022_task8_pairs.jsonl"
)  # es de fr tr ar en
PER_LANGUAGE = 30


def labelled_texts(path: Path, per_language: int = PER_LANGUAGE) -> dict[str, list[str]]:
    """The first `per_language` article texts of each language in a pairs file (both sides of a pair)."""
    assert path.is_file(), f"{path} belongs in ../shared/data beside the checkout"
    texts: dict[str, list[str]] = defaultdict(list)
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            for side in ("text_1", "text_2"):
                text = (row.get(side) or "").strip()
                if len(text) >= 200 and len(texts[row["lang"]]) < per_language:
                    texts[row["lang"]].append(text)
    return dict(texts)


@pytest.mark.parametrize(
    ("path", "languages"),
    [(TGCONTEST, {"en", "ru"}), (SEMEVAL, {"es", "de", "fr", "tr", "ar", "en"})],
    ids=["tgcontest", "semeval2022"],
)
def test_detected_language_matches_the_label(path: Path, languages: set[str]) -> None:
    samples = labelled_texts(path)
    assert set(samples) == languages
    for language, texts in samples.items():
        detected = [detect_language(text) for text in texts]
        right = sum(code == language for code in detected)
        assert right >= 0.95 * len(texts), f"{language}: {right}/{len(texts)} right, got {detected}"


def test_records_get_a_language_unless_they_name_one() -> None:
    [german, russian] = labelled_texts(SEMEVAL, 1)["de"] + labelled_texts(TGCONTEST, 1)["ru"]
    articles, warnings = read_records(
        [{"id": "de", "text": german}, {"id": "ru", "text": russian, "language": "uk"}]
    )
    assert warnings == []
    assert [(a.id, a.language) for a in articles] == [("de", "de"), ("ru", "uk")]


def test_articles_passed_ready_keep_their_language_or_get_one() -> None:
    text = labelled_texts(SEMEVAL, 1)["fr"][0]
    given = Article(id="fr", text=text, language="fr-CA")
    bare = Article(id="bare", text=text)
    articles, _ = read_records([given, bare])
    assert [a.language for a in articles] == ["fr-CA", "fr"]


def test_files_get_a_language(tmp_path: Path) -> None:
    text = labelled_texts(SEMEVAL, 1)["tr"][0]
    (tmp_path / "haber.txt").write_text("Başlık\n\n" + text, encoding="utf-8")
    [article], _ = read_paths([tmp_path / "haber.txt"], settings=Settings())
    assert article.language == "tr"


@pytest.mark.parametrize(
    "text", ["", "   ", "Breaking news", "Paris, 14 juillet 2024 — 12 morts", "12:30 ¶ — 4,5 %"]
)
def test_too_short_text_has_no_language(text: str) -> None:
    assert sum(c.isalpha() for c in text) < MIN_LETTERS
    assert detect_language(text) is None


def test_only_the_start_of_a_long_text_is_classified() -> None:
    english = labelled_texts(TGCONTEST, 1)["en"][0][:SAMPLE_CHARS].ljust(SAMPLE_CHARS)
    russian = labelled_texts(TGCONTEST, 1)["ru"][0] * 5
    assert detect_language(english + russian) == "en"
    assert detect_language(russian + english) == "ru"


def test_unpacked_model_cache_gives_the_packed_models_answers(tmp_path: Path, monkeypatch) -> None:
    import py3langid

    from crosscheck.reading import language

    monkeypatch.setenv("CROSSCHECK_CACHE", str(tmp_path))
    language._identifier.cache_clear()
    try:
        texts = [t for ts in labelled_texts(SEMEVAL, 5).values() for t in ts]
        cached = [language._identifier().classify(t[:SAMPLE_CHARS]) for t in texts]
        assert (tmp_path / f"py3langid-{version('py3langid')}" / "ptc.npy").is_file()
        packed = [py3langid.classify(t[:SAMPLE_CHARS]) for t in texts]
        assert [c for c, _ in cached] == [c for c, _ in packed]
        assert [s for _, s in cached] == pytest.approx([s for _, s in packed], rel=1e-5)
    finally:
        language._identifier.cache_clear()
