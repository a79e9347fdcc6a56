"""`mimosis run` and `mimosis validate` end to end, as subprocesses, on a small stand-in
population. Until cli/main.py registers the commands, they are registered by a two-line shim."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import typer

ROOT = Path(__file__).parents[2]
SHIM = (
    "from mimosis.cli import run, validate\n"
    "from mimosis.cli.main import app, main\n"
    "names = {c.name for c in app.registered_commands}\n"
    "run.register(app) if 'run' not in names else None\n"
    "validate.register(app) if 'validate' not in names else None\n"
    "main()\n"
)


def mimosis(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", SHIM, *args],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        cwd=ROOT,
    )


@pytest.mark.slow
def test_run_writes_released_tables_and_the_report(tmp_path: Path) -> None:
    out = tmp_path / "run"
    reform = ROOT / "examples" / "reforms" / "integration_income_plus_10pct.yaml"
    done = mimosis(
        "run", "--year", "2025", "--reform", str(reform), "--out", str(out),
        "--persons", "2000", "--replicates", "20",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "Headline numbers" in done.stdout
    for name in ("tables.json", "report.html", "report.xlsx"):
        assert (out / name).is_file()
    document = json.loads((out / "tables.json").read_text("utf-8"))
    names = {t["name"] for t in document["tables"]}
    assert {"budget_by_programme", "budget_by_level", "decile_impact", "headline"} <= names
    assert all(
        c["status"] in ("published", "rounded", "suppressed")
        for t in document["tables"]
        for c in t["cells"]
    )
    # the research questions on the same model input, released like the others
    assert {"incentives_metr_reform_by_decile", "incentives_ptr_by_decile_baseline"} <= names
    assert any(n.startswith("takeup_automatic_granting_cost_") for n in names)
    report = (out / "report.html").read_text("utf-8")
    for section in ("<h2>Work incentives</h2>", "<h2>Take-up of means-tested rights</h2>"):
        assert section in report
    assert "Mean marginal effective tax rate by decile" in report


@pytest.mark.slow
def test_run_without_research_has_no_research_tables(tmp_path: Path) -> None:
    out = tmp_path / "run"
    reform = ROOT / "examples" / "reforms" / "integration_income_plus_10pct.yaml"
    done = mimosis(
        "run", "--year", "2025", "--reform", str(reform), "--out", str(out),
        "--persons", "1000", "--replicates", "5", "--no-research",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    document = json.loads((out / "tables.json").read_text("utf-8"))
    assert not [t for t in document["tables"] if t["name"].startswith(("incentives_", "takeup_"))]
    assert "Work incentives" not in (out / "report.html").read_text("utf-8")


def test_run_refuses_an_unknown_reform_file_with_a_message(tmp_path: Path) -> None:
    done = mimosis("run", "--year", "2025", "--reform", str(tmp_path / "missing.yaml"))
    assert done.returncode == 2
    assert "missing.yaml" in done.stderr
    assert "Traceback" not in done.stderr


def test_research_commands_refuse_a_vault_without_credentials(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from mimosis.cli import incentives, takeup

    app = typer.Typer()
    incentives.register(app)
    takeup.register(app)
    for command in ("incentives", "takeup"):
        done = CliRunner().invoke(app, [command, "--vault", str(tmp_path)])
        assert done.exit_code != 0
        assert "--user" in str(done.exception) or "--user" in done.output


def test_run_refuses_a_vault_without_credentials(tmp_path: Path) -> None:
    reform = ROOT / "examples" / "reforms" / "tax_free_sum_plus_10pct.yaml"
    done = mimosis("run", "--year", "2025", "--reform", str(reform), "--vault", str(tmp_path))
    assert done.returncode == 2
    assert "--user" in done.stderr


@pytest.mark.slow
def test_validate_writes_the_comparison(tmp_path: Path) -> None:
    out = tmp_path / "validate"
    done = mimosis(
        "validate",
        "--year",
        "2015",
        "--out",
        str(out),
        "--persons",
        "2000",
        "--months",
        "quarterly",
    )
    assert done.returncode == 0, done.stderr
    assert "versus published aggregates" in done.stdout
    assert (out / "report.html").is_file()
