"""iter_paths: the same reading as read_paths, one file or URL at a time."""

from __future__ import annotations

from pathlib import Path

from crosscheck.reading import iter_paths, read_paths
from crosscheck.settings import Settings

BODY = "The harbour bridge reopened on Sunday evening after engineers found no structural damage."


def test_iter_paths_yields_one_batch_per_file_with_the_walk_warnings_in_order(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(f"A\n\n{BODY}\n")
    (tmp_path / "b.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "c.html").write_text("<html></html>")
    (tmp_path / "d.md").write_text(f"# D\n\n{BODY}\n")
    batches = list(iter_paths([tmp_path, tmp_path / "missing.txt"], settings=Settings()))
    assert [[a.id for a in articles] for articles, _ in batches] == [["a"], [], ["d"], []]
    assert [[w.split(": ")[0] for w in warnings] for _, warnings in batches] == [
        [],
        [str(tmp_path / "b.pdf"), str(tmp_path / "c.html")],
        [],
        [str(tmp_path / "missing.txt")],
    ]
    assert all(a.language == "en" for articles, _ in batches for a in articles)
    articles, warnings = read_paths([tmp_path, tmp_path / "missing.txt"], settings=Settings())
    assert [a.id for a in articles] == ["a", "d"]
    assert warnings == [w for _, batch in batches for w in batch]


def test_iter_paths_leaves_ids_across_files_to_the_caller(tmp_path: Path) -> None:
    for folder in ("one", "two"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "story.txt").write_text(f"Story\n\n{BODY}\n")
    batches = list(iter_paths([tmp_path], settings=Settings()))
    assert [a.id for articles, _ in batches for a in articles] == ["story", "story"]
    articles, _ = read_paths([tmp_path], settings=Settings())
    assert [a.id for a in articles] == ["story", "story-2"]


def test_iter_paths_streams_a_jsonl_dump_bigger_than_the_file_limit(tmp_path: Path) -> None:
    import json

    lines = [json.dumps({"id": f"r{i}", "text": f"{BODY} Record {i}."}) for i in range(2500)]
    lines[7] = json.dumps({"id": "huge", "text": BODY * 100})
    lines[9] = "{broken"
    dump = tmp_path / "dump.jsonl"
    dump.write_text("\n".join(lines) + "\n")
    settings = Settings(max_input_bytes=2_000)
    assert dump.stat().st_size > 50 * settings.max_input_bytes
    batches = list(iter_paths([dump], settings=settings))
    assert len(batches) == 3  # 1,000 lines at a time
    ids = [a.id for articles, _ in batches for a in articles]
    assert len(ids) == 2498 and "huge" not in ids and ids[:2] == ["r0", "r1"]
    warnings = [w for _, batch in batches for w in batch]
    assert warnings[0].startswith(f"{dump}:8: record of") and "over the limit" in warnings[0]
    assert warnings[1].startswith(f"{dump}:10: not valid JSON")
