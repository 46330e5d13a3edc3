"""The command line: the contract's exit statuses and clear messages, never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import EXAMPLE, assert_clean_failure, run


def test_cli_missing_path_exits_1(tmp_path: Path) -> None:
    result = run("check", str(tmp_path / "nope.txt"))
    assert_clean_failure(result, 1, "no such file")


def test_cli_empty_binary_and_invalid_utf8_inputs_exit_1(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "latin.txt").write_bytes(b"Title\n\n" + "caf\xe9 \xe0 la cr\xe8me ".encode("latin-1") * 50)
    result = run(
        "check", str(tmp_path / "empty.txt"), str(tmp_path / "binary.txt"), str(tmp_path / "latin.txt")
    )
    assert_clean_failure(result, 1, "empty")
    assert "binary" in result.stderr and "UTF-8" in result.stderr


def test_cli_html_page_is_read_and_a_page_without_article_fails_clearly(tmp_path: Path) -> None:
    page = tmp_path / "ferry.html"
    page.write_text(
        "<html><head><title>Ferry docks | Harbour Times</title>"
        '<meta property="og:site_name" content="Harbour Times"></head><body>'
        "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav><article><h1>Ferry docks</h1>"
        "<p>The ferry carried 212 passengers on Monday and docked safely at the northern pier.</p>"
        "<p>The port authority said the crossing had been delayed by fog for two hours.</p>"
        "</article><footer>All rights reserved.</footer></body></html>"
    )
    empty = tmp_path / "empty.html"
    empty.write_text("<html><head><title>Index</title></head><body></body></html>")
    result = run("check", str(page), str(empty), "--format", "json")
    assert result.returncode == 0, result.stderr
    [article] = json.loads(result.stdout)["articles"]
    assert (article["id"], article["outlet"], article["language"]) == ("ferry", "Harbour Times", "en")
    assert "212 passengers" in article["text"] and "Home" not in article["text"]
    assert "empty.html: no main text found" in result.stderr
    assert_clean_failure(run("check", str(empty)), 1, "no main text found")


def test_cli_bad_format_is_usage_error() -> None:
    result = run("check", str(EXAMPLE), "--format", "pdf")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_cli_one_article_warns_and_reports(tmp_path: Path) -> None:
    only = tmp_path / "only.txt"
    only.write_text("A title\n\nThe ferry carried 212 passengers on Monday. It docked safely.\n")
    result = run("check", str(only), "--format", "json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["summary"]["unverified"] == report["summary"]["claims"] == 2
    assert any("only one article" in w for w in report["warnings"])


def test_cli_ten_megabyte_text_is_skipped_with_a_clear_warning(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    paragraph = "The harbour bridge reopened to traffic after repairs costing $4 million. " * 20
    big.write_text("Big\n\n" + "\n\n".join(f"{i} {paragraph}" for i in range(7000)))
    assert big.stat().st_size > 10_000_000
    small = EXAMPLE / "metro_wire.txt"
    result = run("check", str(big), str(small), "--format", "json", "--output", str(tmp_path / "out.json"))
    assert result.returncode == 0, result.stderr[-2000:]
    assert "big.txt" in result.stderr and "limit" in result.stderr
    assert json.loads((tmp_path / "out.json").read_text())["summary"]["articles"] == 1


def test_cli_checks_the_example_story_to_json_file(tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    result = run("check", str(EXAMPLE), "--format", "json", "--output", str(out))
    assert result.returncode == 0, result.stderr
    report = json.loads(out.read_text())
    assert report["schema"] == "crosscheck.report/1"
    assert report["summary"]["contradicted"] >= 6
