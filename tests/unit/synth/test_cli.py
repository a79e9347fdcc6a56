"""`mimosis synth` writes the dataset and, with --check, exits 1 when a margin is off."""

from __future__ import annotations

from pathlib import Path

import typer
from typer.testing import CliRunner

from mimosis.cli import synth as synth_cli


def _app() -> typer.Typer:
    app = typer.Typer()
    synth_cli.register(app)

    @app.command("noop")
    def noop() -> None:
        """Second command so that typer keeps the sub-command name."""

    return app


def test_writes_the_dataset(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        _app(), ["synth", "--persons", "300", "--seed", "3", "--out", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    assert (tmp_path / "person.parquet").exists()
    assert (tmp_path / "manifest.json").exists()
    assert "blocks without a generator" not in result.output  # every catalogue block is made
    from mimosis.catalogue import catalogue

    for _, table in catalogue().tables():
        assert (tmp_path / f"{table.id}.parquet").exists(), table.id


def test_check_exit_code(tmp_path: Path) -> None:
    # 300 sampled persons cannot meet tolerances set for 400,000: the check must say so
    result = CliRunner().invoke(
        _app(), ["synth", "--persons", "300", "--out", str(tmp_path), "--check"]
    )
    assert result.exit_code == 1
    assert "targets measured" in result.output


def test_bad_size_is_a_user_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(_app(), ["synth", "--persons", "5", "--out", str(tmp_path)])
    assert result.exit_code != 0
