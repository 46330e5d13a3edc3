"""Ingest on real articles: idempotent, resumable after a kill, copies linked, bad items skipped."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import SHARED
from crosscheck.corpus import Corpus
from crosscheck.corpus.store import Store
from crosscheck.settings import Settings

ALLSIDES = SHARED / "data" / "allsides_neus" / "allsides_articles_flat.jsonl"

pytestmark = pytest.mark.model


def allsides(n: int) -> list[dict]:
    rows = [json.loads(line) for line in ALLSIDES.read_text().splitlines()[:n]]
    return [
        {"id": f"as{i}", "title": r["title"], "text": r["text"], "outlet": r["source"], "url": r["url"]}
        for i, r in enumerate(rows)
    ]


def write_corpus(folder: Path, records: list[dict], *, per_file: int = 40) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for start in range(0, len(records), per_file):
        lines = [json.dumps(r) for r in records[start : start + per_file]]
        (folder / f"part{start // per_file:03d}.jsonl").write_text("\n".join(lines) + "\n")
    return folder


def with_copies(records: list[dict]) -> list[dict]:
    """The records plus a syndicated copy of every tenth one (new id and URL, boilerplate line added)."""
    copies = [
        {
            **r,
            "id": f"{r['id']}-wire",
            "url": f"https://syndicator.example/{r['id']}",
            "text": r["text"] + "\n\nSubscribe to our newsletter.",
        }
        for r in records[::10]
    ]
    return records + copies


def test_copies_join_their_original_and_stories_group_outlets(tmp_path: Path) -> None:
    records = with_copies(allsides(60))
    corpus = Corpus(tmp_path / "c.db", settings=Settings.load())
    result = corpus.ingest([write_corpus(tmp_path / "in", records)])
    assert (result.read, result.added, result.copies) == (66, 66, 6)
    stories = corpus.stories()
    story_of = {a["id"]: s["id"] for s in stories for a in s["articles"]}
    copy_of = {a["id"]: a["copy_of"] for s in stories for a in s["articles"]}
    with sqlite3.connect(tmp_path / "c.db") as db:
        language = dict(db.execute("SELECT id, language FROM articles"))
    for r in records[:60:10]:
        assert copy_of[f"{r['id']}-wire"] == r["id"]
        assert story_of[f"{r['id']}-wire"] == story_of[r["id"]]
        assert language[f"{r['id']}-wire"] == language[r["id"]] == "en"  # detected once, for the witness
    # AllSides groups each story's left/centre/right leads: most of them must share a story.
    truth = [json.loads(line)["cluster_id"] for line in ALLSIDES.read_text().splitlines()[:60]]
    pairs = [(i, j) for i in range(60) for j in range(i + 1, 60) if truth[i] == truth[j]]
    together = sum(story_of[f"as{i}"] == story_of[f"as{j}"] for i, j in pairs)
    assert together / len(pairs) >= 0.7


def test_ingesting_the_same_folder_twice_changes_nothing(tmp_path: Path) -> None:
    folder = write_corpus(tmp_path / "in", allsides(30))
    corpus = Corpus(tmp_path / "c.db")
    corpus.ingest([folder])
    with Store(tmp_path / "c.db") as store:
        before = store.fingerprint()
    again = corpus.ingest([folder])
    assert (again.read, again.added, again.already_stored) == (30, 0, 30)
    with Store(tmp_path / "c.db") as store:
        assert store.fingerprint() == before


def test_a_corpus_kept_between_ingests_rebuilds_its_indexes_after_another_writer(tmp_path: Path) -> None:
    """Indexes kept in memory between ingests must not miss what another process stored meanwhile."""
    records = allsides(30)
    wire = [r for r in with_copies(records) if r["id"].endswith("-wire")]  # copies of as0, as10, as20
    folders = [
        write_corpus(tmp_path / "a", records[:15]),
        write_corpus(tmp_path / "b", records[15:]),
        write_corpus(tmp_path / "c", wire),
    ]
    fingerprints = []
    for writers in ("one corpus", "another writer between", "a new corpus each time"):
        db = tmp_path / f"{writers}.db"
        kept = Corpus(db, settings=Settings.load(ingest_batch_size=8, ingest_workers=0))
        for step, folder in enumerate(folders):
            other = Corpus(db, settings=kept.settings)
            corpus = {"one corpus": kept, "a new corpus each time": other}.get(
                writers, other if step == 1 else kept
            )
            result = corpus.ingest([folder])
        assert (result.added, result.copies) == (3, 3)
        stories = kept.stories()
        copy_of = {a["id"]: a["copy_of"] for s in stories for a in s["articles"]}
        assert copy_of["as20-wire"] == "as20"  # as20 was stored by the other writer
        with Store(db) as store:
            fingerprints.append(store.fingerprint())
    assert fingerprints[0] == fingerprints[1] == fingerprints[2]


def test_a_worker_process_preparing_batches_gives_the_same_store(tmp_path: Path) -> None:
    folder = write_corpus(tmp_path / "in", with_copies(allsides(40)))
    fingerprints = []
    for workers in (0, 1):
        db = tmp_path / f"w{workers}.db"
        settings = Settings.load(ingest_batch_size=8, ingest_workers=workers)
        result = Corpus(db, settings=settings).ingest([folder])
        assert (result.read, result.added, result.copies) == (44, 44, 4)
        with Store(db) as store:
            fingerprints.append(store.fingerprint())
    assert fingerprints[0] == fingerprints[1]


def test_copies_verified_from_kept_shingles_or_from_stored_text_alike(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A witness's shingles kept in memory only spare re-reading its text: the store is the same without."""
    import crosscheck.corpus.ingest as ingest

    folder = write_corpus(tmp_path / "in", with_copies(allsides(40)))
    fingerprints = []
    for kept in (ingest.SHINGLES_KEPT, 0):
        monkeypatch.setattr(ingest, "SHINGLES_KEPT", kept)
        db = tmp_path / f"kept{kept}.db"
        result = Corpus(db, settings=Settings.load(ingest_batch_size=8, ingest_workers=0)).ingest([folder])
        assert result.copies == 4
        with Store(db) as store:
            fingerprints.append(store.fingerprint())
    assert fingerprints[0] == fingerprints[1]


def test_bad_items_are_reported_and_skipped_and_the_rest_stored(tmp_path: Path) -> None:
    good = allsides(3)
    folder = tmp_path / "in"
    folder.mkdir()
    lines = [
        json.dumps(good[0]),
        "{not json",
        json.dumps({"id": "x", "title": "no text"}),
        json.dumps(good[1]),
    ]
    (folder / "feed.jsonl").write_text("\n".join(lines) + "\n")
    (folder / "empty.txt").write_text("")
    (folder / "ok.txt").write_text(good[2]["title"] + "\n\n" + good[2]["text"])
    result = Corpus(tmp_path / "c.db").ingest([folder])
    assert result.added == 3
    joined = "\n".join(result.warnings)
    assert "feed.jsonl:2" in joined and "feed.jsonl:3" in joined and "empty.txt" in joined


def _ingest_cli(folder: Path, db: Path, *, quiet: bool = False) -> subprocess.Popen[str]:
    env = {**os.environ, "CROSSCHECK_INGEST_BATCH_SIZE": "16"}
    out = subprocess.DEVNULL if quiet else subprocess.PIPE
    return subprocess.Popen(
        [sys.executable, "-m", "crosscheck.faces.cli", "ingest", str(folder), "--db", str(db)],
        stdout=out,
        stderr=out,
        text=True,
        env=env,
    )


def _spawned_children(parent: int) -> list[int]:
    """Worker processes (multiprocessing spawn) whose parent is `parent`, from /proc."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            ppid = int(stat.read_text().rsplit(")", 1)[1].split()[1])
            cmdline = (stat.parent / "cmdline").read_bytes()
        except (OSError, IndexError, ValueError):
            continue  # gone meanwhile
        if ppid == parent and b"spawn_main" in cmdline:
            found.append(int(stat.parent.name))
    return found


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"  # a zombie is gone


def _stored(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.Error:  # not created yet
        return 0


@pytest.mark.slow
def test_an_ingest_killed_midway_and_rerun_equals_one_clean_run(tmp_path: Path) -> None:
    folder = write_corpus(tmp_path / "in", with_copies(allsides(120)))
    clean, killed = tmp_path / "clean.db", tmp_path / "killed.db"
    run = _ingest_cli(folder, clean)
    _, err = run.communicate(timeout=600)
    assert run.returncode == 0, err

    victim = _ingest_cli(folder, killed, quiet=True)
    deadline = time.monotonic() + 300
    while _stored(killed) < 32 and time.monotonic() < deadline and victim.poll() is None:
        time.sleep(0.05)
    workers = _spawned_children(victim.pid)
    victim.send_signal(signal.SIGKILL)
    victim.wait(timeout=60)
    assert workers, "the ingest should have started its worker process by now"
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not any(_alive(pid) for pid in workers), "a killed ingest's worker must not outlive it"
    partial = _stored(killed)
    assert 0 < partial < 132, f"the kill should land mid-ingest, not after {partial} articles"

    rerun = _ingest_cli(folder, killed)
    out, err = rerun.communicate(timeout=600)
    assert rerun.returncode == 0, err
    assert f"{132 - partial} added" in err
    with Store(clean) as a, Store(killed) as b:
        assert a.fingerprint() == b.fingerprint()


def test_the_story_embedding_reads_as_much_lead_as_the_settings_say(tmp_path: Path) -> None:
    import numpy as np

    from crosscheck.cleaning import clean
    from crosscheck.corpus.stories import story_features
    from crosscheck.model import Article
    from crosscheck.models.loading import load_multilingual_embedder

    record = allsides(1)[0]
    article = clean(Article(id=record["id"], title=record["title"], text=record["text"]))
    embedder = load_multilingual_embedder(Settings.load().story_embedding_model)
    stored = {}
    for lead in (8, 32):
        db = tmp_path / f"lead{lead}.db"
        Corpus(db, settings=Settings.load(story_lead_words=lead)).ingest(
            [write_corpus(tmp_path / "in", [record])]
        )
        with sqlite3.connect(db) as conn:
            stored[lead] = np.frombuffer(
                conn.execute("SELECT embedding FROM articles").fetchone()[0], np.float32
            )
        expected = story_features([article], embedder=embedder, lead_words=lead)[0].embedding
        assert np.allclose(stored[lead], expected, atol=1e-5)
    assert not np.allclose(stored[8], stored[32], atol=1e-3)
