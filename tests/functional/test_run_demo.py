"""The README's first command: the whole path on the built-in synthetic data (synthesise,
extract, import into a vault, run a reform, write the report), with the release recorded in
the vault's custody log under the hash of what left."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from mimosis.common.passphrase import passphrase_problems
from mimosis.scenarios.demo import run_demo, strong_passphrase
from mimosis.vault import Vault
from mimosis.vault.custody import read_entries
from mimosis.vault.store import log_path

ROOT = Path(__file__).parents[2]


def test_generated_passphrases_meet_the_policy() -> None:
    for _ in range(50):
        assert passphrase_problems(strong_passphrase()) == []


@pytest.mark.slow
def test_the_demo_runs_the_whole_path_and_records_the_release(tmp_path: Path) -> None:
    result = run_demo(
        tmp_path / "demo",
        persons=1500,
        reform=ROOT / "examples" / "reforms" / "integration_income_plus_10pct.yaml",
        request_template=ROOT / "examples" / "extraction-request.yaml",
        plan="quarterly",
    )
    files = result.run.files
    assert files["report"].is_file() and files["workbook"].is_file()
    digest = hashlib.sha256(files["tables"].read_bytes()).hexdigest()
    assert digest == result.run.record.sha256
    entries = read_entries(log_path(result.vault))
    events = [e.event for e in entries]
    assert events.count("open") >= 1 or any("open" in e for e in events)
    releases = [e for e in entries if e.event == "release"]
    assert [e.details["sha256"] for e in releases] == [digest]
    assert Vault.audit(result.vault).ok
    # the passphrases are never written: no file holds a line that looks like one
    for path in (tmp_path / "demo").rglob("*.yaml"):
        assert "passphrase" not in path.read_text("utf-8").lower()
