"""`crosscheck ingest / stories / report` as a user runs them, on the bundled example story."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import EXAMPLE, assert_clean_failure, run

pytestmark = pytest.mark.model


def test_ingest_then_stories_then_report(tmp_path: Path) -> None:
    db = tmp_path / "corpus.db"
    ingested = run("ingest", str(EXAMPLE), "--db", str(db))
    assert ingested.returncode == 0, ingested.stderr
    assert "4 added (1 copies)" in ingested.stderr

    listed = run("stories", "--db", str(db), "--format", "json")
    assert listed.returncode == 0, listed.stderr
    document = json.loads(listed.stdout)
    assert document["schema"] == "crosscheck.stories/1"
    [story] = document["stories"]  # four reports of one bridge collision: one story
    members = {a["id"]: a for a in story["articles"]}
    assert set(members) == {"coastal_herald", "daily_ledger", "metro_wire", "metro_wire_syndicated"}
    assert members["metro_wire_syndicated"]["copy_of"] == "metro_wire"
    assert set(story["articles"][0]) == {"id", "source", "copy_of"}

    reported = run("report", story["id"], "--db", str(db), "--format", "json")
    assert reported.returncode == 0, reported.stderr
    report = json.loads(reported.stdout)
    assert report["schema"] == "crosscheck.report/1"
    assert {a["id"] for a in report["articles"]} == set(members)
    assert report["summary"]["contradicted"] > 0

    again = run("ingest", str(EXAMPLE), "--db", str(db))
    assert "0 added (0 copies), 4 already stored" in again.stderr


def test_corpus_commands_fail_clearly(tmp_path: Path) -> None:
    assert_clean_failure(run("stories", "--db", str(tmp_path / "none.db")), 1, "crosscheck ingest")
    not_db = tmp_path / "notes.txt"
    not_db.write_text("hello " * 500)
    assert_clean_failure(run("stories", "--db", str(not_db)), 1, "not a crosscheck database")
    db = tmp_path / "corpus.db"
    run("ingest", str(EXAMPLE), "--db", str(db))
    assert_clean_failure(run("report", "s999999", "--db", str(db)), 1, "no story 's999999'")
    assert_clean_failure(run("ingest", str(tmp_path / "missing"), "--db", str(db)), 1, "no such file")
