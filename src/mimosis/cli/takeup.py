"""`mimosis takeup`: non-take-up of the means-tested rights and automatic granting; only
released tables are printed.

Data as for `mimosis run`: the vault's extract with --vault/--user/--key-file, else the stand-in
population of mimosis.testing (--persons, --seed), whose 'observed' receipt is drawn."""

from __future__ import annotations

from pathlib import Path

import typer

from mimosis.cli.console import console, err_console


def register(app: typer.Typer) -> None:
    @app.command("takeup")
    def takeup(
        *,
        year: int = typer.Option(2025, "--year", "-y", help="Simulation year."),
        assumption: str = typer.Option(
            "observed", "--assumption", "-a", help="observed, full, or a rates YAML file."
        ),
        persons: int = typer.Option(
            20_000, "--persons", help="Without --vault: size of the stand-in population."
        ),
        seed: int = typer.Option(1, "--seed", help="Seed of the stand-in population."),
        grouping: list[str] = typer.Option(
            ["region", "household_type", "age_band", "decile"], "--by", help="Groupings (repeat)."
        ),
        incentives: bool = typer.Option(
            False, "--incentives", help="Also the effect of automatic granting on work incentives."
        ),
        vault: Path | None = typer.Option(None, "--vault", help="Run on the vault's extract."),
        user: str | None = typer.Option(None, "--user", "-u", help="Your user name in the vault."),
        key_file: Path | None = typer.Option(None, "--key-file", "-k", help="Your key file."),
    ) -> None:
        """Eligible vs receiving for each means-tested right; cost and effects of automatic
        granting."""
        from mimosis.cli.incentives import print_tables
        from mimosis.cli.run import record_printed, research_model_input, vault_access
        from mimosis.legislation.system import default_system
        from mimosis.takeup.api import released_takeup_tables
        from mimosis.takeup.assumptions import load_assumption

        chosen = load_assumption(assumption)
        access = vault_access(vault, user, key_file)
        data, notes, extract = research_model_input(
            access, year, persons=persons, seed=seed, purpose=f"mimosis takeup {year}"
        )
        for note in notes:
            err_console.print(f"[yellow]note:[/] {note}")
        release = released_takeup_tables(
            data,
            default_system(),
            chosen,
            groupings=grouping,
            incentives=incentives,
            drawn=extract is None,
        )
        print_tables(release.tables)
        if release.missing:
            console.print(f"[dim]rights the legislation lacks: {', '.join(release.missing)}[/]")
        record_printed(
            extract, release.tables, f"mimosis takeup {year}: {len(release.tables)} tables"
        )
