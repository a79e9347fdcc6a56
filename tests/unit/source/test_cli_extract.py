"""`mimosis extract` end to end through the CLI (registered on a fresh app, as main.py does)."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer
import yaml
from typer.testing import CliRunner

from mimosis.cli.extract import register
from mimosis.errors import UserError
from mimosis.source.errors import RequestError
from mimosis.source.seal import open_sealed
from tests.unit.source.helpers import TODAY, Source, request_data

PASSPHRASE = "Source-Keystore-Passphrase-2026!"


@pytest.fixture
def app() -> typer.Typer:
    app = typer.Typer()
    register(app)

    @app.command("noop")
    def noop() -> None:  # a second command keeps `extract` a sub-command
        """Nothing."""

    return app


def _request(tmp_path: Path, source: Source, **overrides: object) -> Path:
    path = tmp_path / "request.yaml"
    data = request_data(source.recipient, **overrides)
    path.write_text(yaml.safe_dump(data))
    return path


def test_keys_extract_and_risk(app: typer.Typer, source: Source, tmp_path: Path) -> None:
    runner = CliRunner()
    env = {"MIMOSIS_SOURCE_PASSPHRASE": PASSPHRASE}
    keystore = tmp_path / "keys" / "keystore.json"
    result = runner.invoke(
        app,
        ["extract", "keys", "init", "--keystore", str(keystore), "--insecure-fast-kdf"],
        env=env,
    )
    assert result.exit_code == 0, result.output
    public = result.output.strip().splitlines()[-1]
    shown = runner.invoke(
        app, ["extract", "keys", "show-public", "--keystore", str(keystore)], env=env
    )
    assert shown.output.strip() == public
    request = _request(tmp_path, source, select={"blocks": ["person", "situation_2016"]})
    out = tmp_path / "sealed"
    result = runner.invoke(
        app,
        [
            "extract",
            "--source",
            str(source.folder),
            "--request",
            str(request),
            "--out",
            str(out),
            "--keystore",
            str(keystore),
        ],
        env=env,
    )
    assert result.exit_code == 0, result.output
    assert "k-anonymity" in result.output
    assert "national_register_number" in result.output  # named as not read
    opened = open_sealed(out, source.identity, {"source": public}, today=TODAY)
    assert set(opened.tables) == {"person", "situation_2016"}
    assert len(list((keystore.parent / "mappings").iterdir())) == 1
    for nrn in list(source.nrns())[:20]:
        assert nrn not in result.output
    md = tmp_path / "risk.md"
    result = runner.invoke(
        app,
        [
            "extract",
            "risk",
            "--source",
            str(source.folder),
            "--request",
            str(request),
            "--markdown",
            str(md),
        ],
    )
    assert result.exit_code == 0, result.output
    assert md.read_text().startswith("# Disclosure-risk report")


def test_an_unauthorised_variable_is_refused_before_reading(
    app: typer.Typer, source: Source, tmp_path: Path
) -> None:
    request = _request(tmp_path, source, select={"tables": {"person": ["person_id", "nrn"]}})
    result = CliRunner().invoke(
        app,
        [
            "extract",
            "--source",
            str(tmp_path / "no-such-source"),
            "--request",
            str(request),
            "--out",
            str(tmp_path / "x"),
        ],
        env={"MIMOSIS_SOURCE_PASSPHRASE": PASSPHRASE},
    )
    assert isinstance(result.exception, RequestError)
    assert "'nrn'" in str(result.exception)
    assert not (tmp_path / "x").exists()


def test_missing_options_and_keystore_are_user_errors(
    app: typer.Typer, source: Source, tmp_path: Path
) -> None:
    request = _request(tmp_path, source)
    result = CliRunner().invoke(app, ["extract", "--request", str(request)])
    assert isinstance(result.exception, UserError)
    result = CliRunner().invoke(
        app,
        [
            "extract",
            "--source",
            str(source.folder),
            "--request",
            str(request),
            "--out",
            str(tmp_path / "o"),
            "--keystore",
            str(tmp_path / "none.json"),
        ],
        env={"MIMOSIS_SOURCE_PASSPHRASE": PASSPHRASE},
    )
    assert isinstance(result.exception, UserError)
    assert "not found" in str(result.exception)
