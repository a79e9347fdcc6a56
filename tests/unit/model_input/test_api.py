"""The use cases the app re-exports: open the vault, build, report (aggregates only)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from mimosis.catalogue import catalogue
from mimosis.model_input.api import coarsening_cost_report, model_input_report
from mimosis.source.extract import extract
from mimosis.source.keys import SourceKeys
from mimosis.source.request import check_request, parse_request
from mimosis.synth.api import synthesize
from mimosis.vault import KdfCost, Vault, new_key_file
from tests.unit.model_input.helpers import TODAY, request_data

PASSPHRASE = "Officer-Olga-Passphrase-2024!"


def test_reports_from_the_vault(tmp_path: Path) -> None:
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
    text = model_input_report(vault, "olga", PASSPHRASE, key_file, 2024, purpose="report test")
    assert "Calibration to the margins of 2024" in text and "Imputation" in text
    cost = coarsening_cost_report(
        source, vault, "olga", PASSPHRASE, key_file, year=2024, purpose="cost test"
    )
    assert cost.year == 2024 and cost.statistics
    log = (vault / "custody.log").read_text()
    assert "report test" in log and "cost test" in log  # every open is in the custody log
