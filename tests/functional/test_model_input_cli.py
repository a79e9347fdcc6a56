"""`mimosis model-input report | coarsening-cost` end to end from a vault (subprocess)."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

from mimosis.catalogue import catalogue
from mimosis.source.extract import extract
from mimosis.source.keys import SourceKeys
from mimosis.source.request import check_request, parse_request
from mimosis.synth.api import synthesize
from mimosis.vault import KdfCost, Vault, new_key_file
from tests.unit.model_input.helpers import TODAY, request_data

PASSPHRASE = "Officer-Olga-Passphrase-2024!"


def test_reports_from_the_vault_through_the_cli(tmp_path: Path) -> None:
    source = tmp_path / "source"
    synthesize(persons=500, seed=9, out=source)
    key_file, vault = tmp_path / "olga.key", tmp_path / "vault"
    new_key_file(key_file)
    Vault.init(
        vault,
        "olga",
        PASSPHRASE,
        key_file,
        retention_date=date(2030, 12, 31),
        authorisation={"reference": "test"},
        kdf=KdfCost.insecure_fast(),
    )
    keys = SourceKeys.ephemeral()
    session = Vault.unlock(vault, "olga", PASSPHRASE, key_file)
    session.trust_source("ksz", keys.signing_public_hex())
    recipient = Vault.status(vault)["header"]["age_recipient"]
    request = check_request(parse_request(request_data(recipient)), catalogue(), today=TODAY)
    extract(source, request, tmp_path / "sealed", keys)
    session.import_sealed(tmp_path / "sealed")
    env = {**os.environ, "MIMOSIS_VAULT_PASSPHRASE": PASSPHRASE, "COLUMNS": "200"}
    common = ["--vault", str(vault), "--user", "olga", "--key-file", str(key_file)]

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "mimosis", "model-input", *args, *common, "--year", "2024"]
        return subprocess.run(command, capture_output=True, text=True, env=env, check=False)

    report = run("report")
    assert report.returncode == 0, report.stderr
    assert "Calibration to the margins of 2024" in report.stdout
    cost = run("coarsening-cost", "--source", str(source))
    assert cost.returncode == 0, cost.stderr
    assert "|" in cost.stdout  # a Markdown table of statistics, exact vs coarsened
    log = (vault / "custody.log").read_text()
    assert "model-input report" in log and "coarsening cost" in log
    wrong = subprocess.run(
        [sys.executable, "-m", "mimosis", "model-input", "report", *common],
        capture_output=True,
        text=True,
        env={**env, "MIMOSIS_VAULT_PASSPHRASE": "Wrong-Passphrase-123456!"},
        check=False,
    )
    assert wrong.returncode == 2 and "Traceback" not in wrong.stderr
