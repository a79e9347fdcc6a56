"""`mimosis catalogue` end to end, as a user runs it: the real entry point in a subprocess."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

from mimosis.catalogue import catalogue


def mimosis(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mimosis", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={"COLUMNS": "200", "PATH": "/usr/bin:/bin", "PYTHONIOENCODING": "utf-8"},
        check=False,
    )


def test_help_explains_the_program() -> None:
    result = mimosis("--help")
    assert result.returncode == 0
    assert "catalogue" in result.stdout
    assert "Belgian" in result.stdout


def test_list_shows_every_block() -> None:
    result = mimosis("catalogue", "list")
    assert result.returncode == 0, result.stderr
    for block in catalogue().blocks:
        assert block.id in result.stdout


def test_show_one_block_by_id_and_by_number() -> None:
    by_id = mimosis("catalogue", "show", "person")
    by_number = mimosis("catalogue", "show", "1")
    assert by_id.returncode == 0, by_id.stderr
    assert by_id.stdout == by_number.stdout
    assert "person_id" in by_id.stdout
    assert "year-month" in by_id.stdout
    dutch = mimosis("catalogue", "show", "person", "--dutch")
    assert "geboortedatum" in dutch.stdout


def test_unknown_block_is_a_clear_error_not_a_traceback() -> None:
    result = mimosis("catalogue", "show", "persons")
    assert result.returncode == 2
    assert "no block 'persons'" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_codelist_shows_codes() -> None:
    result = mimosis("catalogue", "codelist", "region")
    assert result.returncode == 0, result.stderr
    assert "Brussel" in result.stdout
    bad = mimosis("catalogue", "codelist", "no_such_list")
    assert bad.returncode == 2 and "no code list" in bad.stderr


def test_export_json_is_complete() -> None:
    result = mimosis("catalogue", "export", "--format", "json")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert len(document["blocks"]) == 17
    n_vars = sum(len(t["variables"]) for b in document["blocks"] for t in b["tables"])
    assert n_vars == sum(1 for _ in catalogue().variables())
    assert {"grains", "class_schemes", "codelists", "links"} <= document.keys()
    assert all(s["edges"] for s in document["class_schemes"])


def test_export_csv_has_a_row_per_variable() -> None:
    result = mimosis("catalogue", "export", "-f", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == sum(1 for _ in catalogue().variables())
    assert {"variable", "nl", "fr", "treatment", "grain"} <= rows[0].keys()


def test_export_markdown_to_files(tmp_path: Path) -> None:
    result = mimosis("catalogue", "export", "--format", "all", "--out", str(tmp_path / "cat"))
    assert result.returncode == 0, result.stderr
    names = sorted(p.name for p in (tmp_path / "cat").iterdir())
    assert names == ["catalogue.csv", "catalogue.json", "catalogue.md"]
    text = (tmp_path / "cat" / "catalogue.md").read_text(encoding="utf-8")
    for block in catalogue().blocks:
        assert f"## {block.number}. {block.labels.en}" in text


def test_export_unknown_format_is_refused() -> None:
    result = mimosis("catalogue", "export", "--format", "xml")
    assert result.returncode == 2
    assert "unknown export format 'xml'" in result.stderr
