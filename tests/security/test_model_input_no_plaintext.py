"""The sentinel test over a whole run (issue 5 / issue 8): a value planted in the source data
travels seal -> import -> open -> ``model_input.build``; no file written anywhere during the
receiving side's run (working directory, TMPDIR, home, the vault folder, the test's folder)
holds it in the clear."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

from mimosis.catalogue import catalogue
from mimosis.model_input import build
from mimosis.source.extract import extract
from mimosis.source.keys import SourceKeys
from mimosis.source.request import check_request, parse_request
from mimosis.synth.api import synthesize
from mimosis.vault import KdfCost, Vault, new_key_file
from tests.unit.model_input.helpers import request_data

SENTINEL = "ZQXMODELINPUT4471"  # planted in two code columns the extract passes through
PASSPHRASE = "Officer-Olga-Passphrase-2024!"
ROOT = Path(__file__).resolve().parents[2] / "src" / "mimosis" / "model_input"
Snapshot = dict[Path, tuple[int, int]]


def _snapshot(roots: list[Path]) -> Snapshot:
    out: Snapshot = {}
    for root in roots:
        if not root.is_dir():
            continue
        for folder, dirs, files in os.walk(root):
            dirs[:] = [d for d in dirs if d not in {".git", ".venv", ".venv-tools", "__pycache__"}]
            for name in files:
                path = Path(folder) / name
                try:
                    st = path.lstat()
                except OSError:
                    continue
                out[path] = (st.st_size, st.st_mtime_ns)
    return out


def _holds(path: Path, needle: bytes) -> bool:
    tail = b""
    with path.open("rb") as f:
        while chunk := f.read(1 << 20):
            if needle in tail + chunk:
                return True
            tail = chunk[-len(needle) :]
    return False


def _plant(source: Path) -> None:
    """The source side writes its own plain files (synthetic, not personal data)."""
    for table, column in (("person", "register"), ("income_quarter", "labour_market_position")):
        path = source / f"{table}.parquet"
        data = pq.read_table(path)
        values = data.column(column).to_pylist()
        values[0] = SENTINEL
        data = data.set_column(data.schema.get_field_index(column), column, pa.array(values))
        pq.write_table(data, path)


def test_no_file_written_during_the_run_holds_the_planted_value(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "source"
    synthesize(persons=600, seed=3, out=source)
    _plant(source)
    assert _holds(source / "person.parquet", SENTINEL.encode())  # control: the scan has teeth
    work, home, tmp = tmp_path / "cwd", tmp_path / "home", tmp_path / "tmpdir"
    for folder in (work, home, tmp):
        folder.mkdir()
    real_tmp = Path(os.environ.get("TMPDIR", "/tmp"))
    real_home = Path.home()
    roots = [tmp_path, real_tmp, real_home, Path.cwd()]
    before = _snapshot(roots)
    monkeypatch.chdir(work)
    monkeypatch.setenv("TMPDIR", str(tmp))
    monkeypatch.setenv("HOME", str(home))

    # the receiving side creates its vault; the source seals to it; the officer imports
    key_file = tmp_path / "olga.key"
    new_key_file(key_file)
    vault = tmp_path / "vault"
    retention = date(2030, 12, 31)  # the request's (tests/unit/model_input/helpers.py)
    Vault.init(
        vault,
        "olga",
        PASSPHRASE,
        key_file,
        retention_date=retention,
        authorisation={"reference": "test"},
        kdf=KdfCost.insecure_fast(),
    )
    keys = SourceKeys.ephemeral()
    session = Vault.unlock(vault, "olga", PASSPHRASE, key_file)
    session.trust_source("ksz", keys.signing_public_hex())
    recipient = Vault.status(vault)["header"]["age_recipient"]
    request = check_request(parse_request(request_data(recipient)), catalogue())
    extract(source, request, tmp_path / "sealed", keys)
    session.import_sealed(tmp_path / "sealed")
    opened = Vault.open(vault, "olga", PASSPHRASE, key_file, "model input test")
    # the planted value did reach the receiving side's memory ...
    register = opened.tables["person"].column("register")
    assert pc.any(pc.equal(register, SENTINEL)).as_py()
    model = build(opened, 2025, seed=1)
    assert model.household.size == opened.tables["person"].num_rows
    assert np.isfinite(model.weight).all()
    # ... and no file written since the snapshot holds it in the clear
    after = _snapshot([*roots, work, home, tmp])
    written = sorted(p for p, sig in after.items() if before.get(p) != sig)
    assert any(p.is_relative_to(vault) for p in written)  # the vault was written: we looked
    leaks = [p for p in written if p.exists() and _holds(p, SENTINEL.encode())]
    assert leaks == []
    assert SENTINEL not in repr(model) + model.calibration.markdown()
    assert SENTINEL not in model.imputation.markdown()


@pytest.mark.parametrize("banned", ["import tempfile", "import pickle", "import shelve", "print("])
def test_model_input_modules_write_nothing(banned: str) -> None:
    for path in sorted(ROOT.glob("*.py")):
        assert banned not in path.read_text(), path
    for path in sorted(ROOT.glob("*.py")):
        text = path.read_text()
        assert ".write_bytes(" not in text and ".write_text(" not in text, path
        assert "open(" not in text.replace("Vault.open(", ""), path
