"""`mimosis incentives`: marginal effective and participation tax rates, replacement rates and
traps of every adult, baseline and reform; only released tables are printed.

Data as for `mimosis run`: the vault's extract with --vault/--user/--key-file, else the stand-in
population of mimosis.testing (--persons, --seed)."""

from __future__ import annotations

from pathlib import Path

import typer

from mimosis.cli.console import console, err_console


def register(app: typer.Typer) -> None:
    @app.command("incentives")
    def incentives(
        *,
        year: int = typer.Option(2025, "--year", "-y", help="Simulation year."),
        reform: Path | None = typer.Option(
            None, "--reform", "-r", help="A parameter reform (YAML)."
        ),
        options: Path | None = typer.Option(
            None, "--options", help="Incentive options (YAML, docs/work-incentives.md)."
        ),
        persons: int = typer.Option(
            20_000, "--persons", help="Without --vault: size of the stand-in population."
        ),
        seed: int = typer.Option(1, "--seed", help="Seed of the stand-in population."),
        breakdown: list[str] = typer.Option(
            ["decile", "household_type", "labour_status"], "--by", help="Breakdowns (repeat)."
        ),
        vault: Path | None = typer.Option(None, "--vault", help="Run on the vault's extract."),
        user: str | None = typer.Option(None, "--user", "-u", help="Your user name in the vault."),
        key_file: Path | None = typer.Option(None, "--key-file", "-k", help="Your key file."),
    ) -> None:
        """Work incentives of every adult (18-64 by default), baseline and reform."""
        from mimosis.cli.run import record_printed, research_model_input, vault_access
        from mimosis.incentives.api import load_reform_file, released_incentive_tables
        from mimosis.incentives.options import load_options
        from mimosis.legislation.system import default_system

        chosen_reform = load_reform_file(reform)
        chosen_options = load_options(options)
        access = vault_access(vault, user, key_file)
        data, notes, extract = research_model_input(
            access, year, persons=persons, seed=seed, purpose=f"mimosis incentives {year}"
        )
        for note in notes:
            err_console.print(f"[yellow]note:[/] {note}")
        release = released_incentive_tables(
            data,
            default_system(),
            reform=chosen_reform,
            options=chosen_options,
            breakdowns=breakdown,
            drawn=extract is None,
            notes=notes,
        )
        print_tables(release.tables)
        console.print(f"[dim]{release.passes} passes; timings {_fmt_timings(release.timings)}[/]")
        record_printed(
            extract,
            release.tables,
            f"mimosis incentives {year}: {len(release.tables)} tables",
        )


def _fmt_timings(timings: dict[str, float]) -> str:
    return ", ".join(f"{k} {v:.2f}" for k, v in timings.items() if not k.startswith("pass_"))


def print_tables(tables: list) -> None:  # type: ignore[type-arg]
    """Print released tables (values already rounded or suppressed by disclosure control)."""
    from rich.table import Table

    for released in tables:
        table = Table(title=released.title, title_justify="left")
        table.add_column(released.row_label or "")
        for column in released.columns:
            table.add_column(column, justify="right")
        for row in released.rows:
            values = [released.cells[(row, c)].value for c in released.columns]
            table.add_row(row, *("x" if v is None else f"{v:,.4g}" for v in values))
        console.print(table)
        console.print(f"[dim]{released.unit}; x: suppressed by disclosure control[/]")
