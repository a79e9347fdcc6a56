"""`mimosis validate`: the simulated baseline against the data and public aggregates.

mimosis validate --year 2015 [--out DIR] [--vault VAULT --user NAME --key-file KEY]
"""

from __future__ import annotations

from pathlib import Path

import typer

from mimosis.cli.console import console, err_console
from mimosis.cli.run import progress_bars, vault_passphrase
from mimosis.errors import UserError


def register(app: typer.Typer) -> None:
    @app.command("validate")
    def validate(
        *,
        year: int = typer.Option(..., "--year", help="The simulated year (2015-2026)."),
        out: Path | None = typer.Option(None, "--out", "-o", help="Default: out/validate/YEAR."),
        months: str = typer.Option("all", "--months", help="all | quarterly | january."),
        persons: int = typer.Option(20_000, "--persons", help="Without --vault: stand-in size."),
        seed: int = typer.Option(1, "--seed", help="Seed of the stand-in population."),
        vault: Path | None = typer.Option(None, "--vault", help="Validate on the vault's extract."),
        user: str | None = typer.Option(None, "--user", "-u", help="Your user name in the vault."),
        key_file: Path | None = typer.Option(None, "--key-file", "-k", help="Your key file."),
    ) -> None:
        """Compare the simulated baseline of YEAR with the data and with public aggregates."""
        from mimosis.reports.format import format_value, label
        from mimosis.scenarios.api import VaultAccess
        from mimosis.scenarios.run import MONTH_PLANS
        from mimosis.validation.api import validate as run_validation

        if months not in MONTH_PLANS:
            raise UserError(f"--months must be one of {', '.join(MONTH_PLANS)}")
        access = None
        if vault is not None:
            if user is None or key_file is None:
                raise UserError("--vault needs --user and --key-file")
            access = VaultAccess(vault, user, vault_passphrase(user), key_file)
        with progress_bars() as progress:
            outcome = run_validation(
                year=year,
                out_dir=out or Path("out/validate") / str(year),
                persons=persons,
                seed=seed,
                plan=months,  # checked against MONTH_PLANS above
                vault=access,
                progress=progress,
            )
        for note in outcome.notes:
            err_console.print(f"[yellow]note:[/] {note}")
        for table in outcome.tables:
            console.print(f"[bold]{table.title}[/]")
            for row in table.rows:
                values = "  ".join(
                    f"{label(c)} {format_value(table.value(row, c), c, row)}" for c in table.columns
                )
                console.print(f"  {label(row)}: {values}", markup=False)
        if outcome.custody_recorded:
            console.print("release recorded in the vault's custody log")
        for what, path in outcome.files.items():
            console.print(f"wrote {what}: {path}")
