"""`mimosis incentives` and `mimosis takeup` end to end on a small drawn population (the lead
wires them into cli/main.py; here they are registered on a bare app)."""

from __future__ import annotations

import typer
from typer.testing import CliRunner

from mimosis.cli import incentives, takeup


def _app() -> typer.Typer:
    app = typer.Typer()
    incentives.register(app)
    takeup.register(app)
    return app


def test_incentives_command_prints_released_tables() -> None:
    result = CliRunner().invoke(_app(), ["incentives", "--persons", "1200", "--by", "role"])
    assert result.exit_code == 0, result.output
    assert "Marginal effective tax rate by role" in result.output
    assert "suppressed by disclosure control" in result.output


def test_takeup_command_prints_released_tables() -> None:
    result = CliRunner().invoke(_app(), ["takeup", "--persons", "1200", "--by", "region"])
    assert result.exit_code == 0, result.output
    assert "Take-up of integration_income" in result.output
