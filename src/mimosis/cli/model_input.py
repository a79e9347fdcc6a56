"""`mimosis model-input`: what the model makes of the vault's extract, for a reviewer:
the imputation, derivation and calibration report, and what the coarsening costs."""

from __future__ import annotations

from pathlib import Path

import typer

from mimosis.cli.console import console

app = typer.Typer(
    help=(
        "The model input built from the vault's extract: imputation of amounts from their"
        " classes, derived inputs, calibrated weights, and the cost of the coarsening."
    ),
    no_args_is_help=True,
)

VAULT = typer.Option(..., "--vault", help="The vault holding the extract.")
USER = typer.Option(..., "--user", help="Your user name in the vault.")
KEY_FILE = typer.Option(..., "--key-file", help="Your key file (the second factor).")
YEAR = typer.Option(2025, "--year", help="Simulation year (2015-2026).")


@app.command("report")
def report(
    vault: Path = VAULT, user: str = USER, key_file: Path = KEY_FILE, year: int = YEAR
) -> None:
    """Imputation, derivation and calibration of the model input of YEAR (aggregates only)."""
    from mimosis import app as use
    from mimosis.cli.run import vault_passphrase

    text = use.model_input_report(
        vault, user, vault_passphrase(user), key_file, year, purpose="model-input report"
    )
    console.print(text, markup=False, highlight=False)


@app.command("coarsening-cost")
def coarsening_cost(
    source: Path = typer.Option(
        ..., "--source", help="The exact synthetic source dataset the extract was made from."
    ),
    vault: Path = VAULT,
    user: str = USER,
    key_file: Path = KEY_FILE,
    year: int = YEAR,
) -> None:
    """The same statistics on the exact synthetic source and on the coarsened extract: what
    classes, year-month dates and pseudonymisation cost the model."""
    from mimosis import app as use
    from mimosis.cli.run import vault_passphrase

    cost = use.coarsening_cost(
        source,
        vault,
        user,
        vault_passphrase(user),
        key_file,
        year=year,
        purpose="coarsening cost",
    )
    console.print(cost.markdown(), markup=False, highlight=False)
